import { GP_DATA_TYPES, type GpDataType, type GpScalarDataType, type ParameterDefinition } from '../model/gp-parameter.js';
import { ParameterError } from './parameter-error.js';
import { compositeParser, multiValueParser, valueTableParser } from './parse-containers.js';
import { featureSetLayerParser, recordSetParser } from './parse-feature-set.js';
import { isFeatureSetReferenceShape, parseFeatureSetReference, takesFeatureSetReference } from './parse-feature-set-reference.js';
import { decodeJson, parseJsonText } from './parse-json-text.js';
import { dataFileParser, envelopeParser, fieldParser, rasterParser, spatialReferenceParser } from './parse-references.js';
import { booleanParser, dateParser, doubleParser, longParser, stringParser } from './parse-scalar.js';
import { arealUnitParser, linearUnitParser } from './parse-units.js';
import type { ParseContext, TypeParser, ValueSpec } from './value-parser.js';

export { parseJsonText };

type Fail = (detail: string) => never;

/** Every GP data type's parser; a Record so adding a type to GP_DATA_TYPES fails to compile until it is parsed. */
const PARSERS: Readonly<Record<GpScalarDataType, TypeParser>> = {
  GPString: stringParser,
  GPLong: longParser,
  GPDouble: doubleParser,
  GPBoolean: booleanParser,
  GPDate: dateParser,
  GPLinearUnit: linearUnitParser,
  GPArealUnit: arealUnitParser,
  GPFeatureRecordSetLayer: featureSetLayerParser,
  GPRecordSet: recordSetParser,
  GPDataFile: dataFileParser,
  GPRasterData: rasterParser,
  GPRasterDataLayer: rasterParser,
  GPField: fieldParser,
  GPSpatialReference: spatialReferenceParser,
  GPEnvelope: envelopeParser,
  GPExtent: envelopeParser,
  GPValueTable: valueTableParser,
  GPComposite: compositeParser,
};

function isScalarType(dataType: GpDataType): dataType is GpScalarDataType {
  return GP_DATA_TYPES.some((type) => type === dataType);
}

/** Anything else is `GPMultiValue:<member>`, whose parser checks the member type. */
function parserFor(dataType: GpDataType): TypeParser {
  return isScalarType(dataType) ? PARSERS[dataType] : multiValueParser;
}

type Named = Pick<ParameterDefinition, 'name' | 'displayName'>;

function run(param: Named, spec: ValueSpec, value: unknown, fromText: boolean, fail: Fail): unknown {
  const parser = parserFor(spec.dataType);
  const decoded = fromText && parser.encoding === 'json' && typeof value === 'string' ? decodeJson(value, fail) : value;
  const rootFail: Fail = (detail) => {
    throw new ParameterError(param, detail);
  };
  const context: ParseContext = {
    spec,
    fromText: fromText && parser.encoding === 'text',
    fail,
    nested: (inner, innerValue, location) => run(param, inner, innerValue, false, (detail) => fail(`${location}: ${detail}`)),
    attempt: (inner, innerValue, innerFromText) => {
      try {
        return { value: run(param, inner, innerValue, innerFromText, rootFail) };
      } catch (error: unknown) {
        if (error instanceof ParameterError) return { error: error.detail };
        throw error;
      }
    },
  };
  return parser.parse(decoded, context);
}

/**
 * A feature set published as a default with no features only describes the expected schema
 * (geometry type, fields, spatial reference), as ArcGIS publishes it; it is no value.
 */
function isSchemaOnly(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Array.isArray((value as { features?: unknown }).features) &&
    (value as { features: unknown[] }).features.length === 0
  );
}

function absent(param: ParameterDefinition): unknown {
  const required = param.parameterType === 'esriGPParameterTypeRequired';
  // Published defaults come from our own service definitions, so they are trusted as canonical.
  if (param.defaultValue !== undefined && param.defaultValue !== null && !(required && isSchemaOnly(param.defaultValue))) {
    return param.defaultValue;
  }
  if (required) throw ParameterError.required(param);
  return undefined;
}

/**
 * The validated, canonical value a tool receives for one form field. An empty field, or JSON
 * `null` for a JSON-valued type, counts as absent: the default applies, else required fails.
 * Throws ParameterError.
 */
export function parseParameterValue(param: ParameterDefinition, raw: string | undefined): unknown {
  if (raw === undefined || raw === '') return absent(param);
  const fail: Fail = (detail) => {
    throw new ParameterError(param, detail);
  };
  if (parserFor(param.dataType).encoding === 'text') return run(param, param, raw, true, fail);
  const decoded = parseJsonText(param, raw);
  if (decoded === null) return absent(param);
  // Only a parameter's own value may be a reference: the handlers resolve top-level inputs, not nested ones.
  if (takesFeatureSetReference(param.dataType) && isFeatureSetReferenceShape(decoded)) return parseFeatureSetReference(decoded, fail);
  return run(param, param, decoded, false, fail);
}
