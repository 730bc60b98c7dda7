import type { AttributeValue, Feature, FeatureSet, GeometryType } from '../../geo/esri-json.js';
import { parseField } from './parse-field.js';
import { isGeometryType, parseGeometry, parseSpatialReference } from './parse-geometry.js';
import { describe, isRecord, type ParseContext, type TypeParser } from './value-parser.js';

type Fail = (detail: string) => never;

function parseAttributes(value: unknown, fail: Fail): Record<string, AttributeValue> {
  if (value === undefined || value === null) return {};
  if (!isRecord(value)) return fail(`attributes must be an object, got ${describe(value)}`);
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, attribute] of Object.entries(value)) {
    const scalar =
      attribute === null ||
      typeof attribute === 'string' ||
      typeof attribute === 'boolean' ||
      (typeof attribute === 'number' && Number.isFinite(attribute));
    if (!scalar) return fail(`attribute '${key}' must be a string, finite number, boolean or null, got ${describe(attribute)}`);
    attributes[key] = attribute;
  }
  return attributes;
}

function parseFeature(value: unknown, geometryType: GeometryType | undefined, withGeometry: boolean, fail: Fail): Feature {
  if (!isRecord(value)) return fail(`expected a feature {geometry, attributes}, got ${describe(value)}`);
  const attributes = parseAttributes(value.attributes, fail);
  if (value.geometry === undefined || value.geometry === null) return { attributes };
  if (!withGeometry) return fail('a record set has no geometry, but the feature has one');
  return { geometry: parseGeometry(value.geometry, geometryType, fail), attributes };
}

function resolveGeometryType(
  value: Readonly<Record<string, unknown>>,
  context: ParseContext,
  withGeometry: boolean,
): GeometryType | undefined {
  const declared = value.geometryType;
  if (declared === undefined || declared === null) {
    return isGeometryType(context.spec.geometryType) ? context.spec.geometryType : undefined;
  }
  if (!withGeometry) return context.fail('a record set has no geometryType');
  if (!isGeometryType(declared)) return context.fail(`geometryType ${describe(declared)} is not an Esri geometry type`);
  const expected = context.spec.geometryType;
  if (expected !== undefined && expected !== declared) return context.fail(`expected geometryType ${expected}, got ${declared}`);
  return declared;
}

function publishedSpatialReference(context: ParseContext): unknown {
  const published = context.spec.defaultValue;
  return isRecord(published) ? published.spatialReference : undefined;
}

function featureSetParser(withGeometry: boolean): TypeParser {
  return {
    encoding: 'json',
    parse(value, context): FeatureSet {
      if (!isRecord(value) || !Array.isArray(value.features)) {
        return context.fail(`expected a ${withGeometry ? 'feature set' : 'record set'} with a features array, got ${describe(value)}`);
      }
      const geometryType = resolveGeometryType(value, context, withGeometry);
      // Older ArcGIS Server releases and some clients write `Fields`.
      const rawFields = value.fields ?? value.Fields;
      if (rawFields !== undefined && rawFields !== null && !Array.isArray(rawFields)) return context.fail('fields must be an array');
      const fields = rawFields?.map((field: unknown, index) => parseField(field, (d) => context.fail(`fields[${index}]: ${d}`)));
      const features = value.features.map((feature: unknown, index) =>
        parseFeature(feature, geometryType, withGeometry, (d) => context.fail(`feature ${index + 1}: ${d}`)),
      );
      const result: { -readonly [K in keyof FeatureSet]: FeatureSet[K] } = { features };
      if (geometryType !== undefined) result.geometryType = geometryType;
      // Features sent without a spatial reference are in the one of the published schema, as ArcGIS
      // reads them (the documentation's GET example sends World Miller coordinates that way).
      const spatialReference = value.spatialReference ?? publishedSpatialReference(context);
      if (spatialReference !== undefined && spatialReference !== null) {
        result.spatialReference = parseSpatialReference(spatialReference, (d) => context.fail(`spatialReference: ${d}`));
      }
      for (const key of ['hasZ', 'hasM'] as const) {
        const flag = value[key];
        if (flag === undefined || flag === null) continue;
        if (typeof flag !== 'boolean') return context.fail(`${key} must be a boolean`);
        result[key] = flag;
      }
      if (fields !== undefined) result.fields = fields;
      return result;
    },
  };
}

export const featureSetLayerParser = featureSetParser(true);
export const recordSetParser = featureSetParser(false);
