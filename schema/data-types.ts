import type { InputTypeParam, TypeParam } from '@pothos/core';
import type { CatalogParameterInfo } from '../core/catalog.js';
import type { FileSource } from '../core/files/file-links.js';
import { compact, fromFeatureSet, toDataFile, toFeatureSet, toRaster, toRecordSet } from '../resolvers/convert/gp-values.js';
import type { Builder, Types } from './builder.js';
import { isFeatureValue, isPublishedValue } from './default-values.js';
import { enumValues, typePrefix } from './naming.js';
import { dateTimeToEpochMs, epochMsToDateTime } from './scalars.js';
import type { SharedTypes } from './shared-types.js';
import { compositeInput, valueTableRowInput } from './structured-types.js';
import type { FeatureFormatName } from '../resolvers/views.js';

/** Arguments an output field may take (features only, for now). */
export interface OutputArgs {
  readonly format?: FeatureFormatName | null;
  /** Where the value came from; file outputs carry it so the gateway can serve them (FileReference.url). */
  readonly source?: FileSource;
  /** The GP parameter the value is of, named in conversion errors. */
  readonly parameter?: string;
}

/** A file output with its source attached. */
function fromFile(value: unknown, args: OutputArgs): unknown {
  return typeof value === 'object' && value !== null && args.source !== undefined ? { ...value, source: args.source } : value;
}

/**
 * How one GP data type appears in GraphQL and how values cross the boundary.
 * `toGp` turns a coerced GraphQL input value into the REST value; `fromGp` the other way.
 */
export interface TypeMapping {
  readonly input: InputTypeParam<Types>;
  readonly output: TypeParam<Types>;
  /** Feature outputs take `format`; see OutputArgs. */
  readonly featureOutput: boolean;
  /** A note for descriptions (e.g. the raw type of an unknown data type). */
  readonly note?: string;
  readonly toGp: (value: unknown, parameter: string) => unknown;
  readonly fromGp: (value: unknown, args: OutputArgs) => unknown;
  /** Whether a published default is a value the server applies when the input is omitted (default-values.ts). */
  readonly isDefaultValue: (gpDefault: unknown) => boolean;
}

/** A parameter, value-table column or composite member to map. */
export type MappedParameter = Pick<CatalogParameterInfo, 'name' | 'dataType' | 'choiceList'> & {
  readonly parameterInfos?: readonly CatalogParameterInfo[];
};

export interface MappingContext {
  readonly builder: Builder;
  readonly shared: SharedTypes;
  /** Prefix for types made for this one parameter (choice enums, value-table rows, composites). */
  readonly typeName: string;
  /** Output parameters need no input types: none is made for them. */
  readonly direction: 'input' | 'output';
}

const same = (value: unknown): unknown => value;

function scalar(input: InputTypeParam<Types>, output: TypeParam<Types>, extra: Partial<TypeMapping> = {}): TypeMapping {
  return { input, output, featureOutput: false, toGp: same, fromGp: same, isDefaultValue: isPublishedValue, ...extra };
}

function stringMapping(param: MappedParameter, ctx: MappingContext): TypeMapping {
  const choices = param.choiceList ?? [];
  if (choices.length === 0 || ctx.direction === 'output') return scalar('String', 'String');
  const values = Object.fromEntries(
    enumValues(choices).map(({ name, value }) => [
      name,
      name === value ? { value } : { value, description: `The choice ${JSON.stringify(value)}.` },
    ]),
  );
  const choiceEnum = ctx.builder.enumType(`${ctx.typeName}Choice`, { description: `Choices of ${param.name}.`, values });
  // Outputs stay String: a server may answer a value outside the published list.
  return scalar(choiceEnum, 'String');
}

const isFiniteNumber = (d: unknown): d is number => typeof d === 'number' && Number.isFinite(d);

function fieldMapping(_param: MappedParameter, { shared }: MappingContext): TypeMapping {
  return scalar(shared.fieldInput, shared.field, { toGp: compact });
}

/** The one table: every GP data type the gateway knows. Anything else maps to JSON (see `mapDataType`). */
const TABLE: Readonly<Record<string, (param: MappedParameter, ctx: MappingContext) => TypeMapping>> = {
  GPString: stringMapping,
  GPLong: () => scalar('Long', 'Long', { toGp: (v) => String(v) }),
  GPDouble: () => scalar('Float', 'Float'),
  GPBoolean: () => scalar('Boolean', 'Boolean'),
  GPDate: () =>
    scalar('DateTime', 'DateTime', {
      toGp: (v) => dateTimeToEpochMs(v as Date),
      fromGp: (v) => (isFiniteNumber(v) ? epochMsToDateTime(v) : v),
    }),
  GPLinearUnit: (_p, { shared }) => scalar(shared.linearUnitInput, shared.linearUnitValue),
  GPArealUnit: (_p, { shared }) => scalar(shared.arealUnitInput, shared.arealUnitValue),
  GPFeatureRecordSetLayer: (_p, { shared }) => featureMapping(shared, toFeatureSet),
  GPRecordSet: (_p, { shared }) => featureMapping(shared, toRecordSet),
  GPDataFile: (_p, { shared }) => scalar(shared.dataFileInput, shared.fileReference, { toGp: toDataFile, fromGp: fromFile }),
  GPRasterData: (_p, { shared }) => scalar(shared.rasterInput, shared.fileReference, { toGp: toRaster, fromGp: fromFile }),
  GPRasterDataLayer: (_p, { shared }) => scalar(shared.rasterInput, shared.fileReference, { toGp: toRaster, fromGp: fromFile }),
  GPField: fieldMapping,
  // The newer spelling of GPField, in parameters and value-table columns alike.
  Field: fieldMapping,
  GPSpatialReference: (_p, { shared }) => scalar(shared.spatialReferenceInput, shared.spatialReference, { toGp: compact }),
  GPEnvelope: (_p, { shared }) => scalar(shared.envelopeInput, shared.envelope, { toGp: compact }),
  GPExtent: (_p, { shared }) => scalar(shared.envelopeInput, shared.envelope, { toGp: compact }),
  GPValueTable: (param, ctx) => {
    if (ctx.direction === 'output') return scalar('JSON', 'JSON');
    const row = valueTableRowInput(param, ctx, mapDataType);
    if (!row) return unknownMapping(param);
    return scalar([row.input] as InputTypeParam<Types>, 'JSON', { toGp: row.toGp });
  },
  GPComposite: (param, ctx) => {
    if (ctx.direction === 'output') return scalar('JSON', 'JSON');
    const composite = compositeInput(param, ctx, mapDataType);
    if (!composite) return unknownMapping(param);
    return scalar(composite.input, 'JSON', { toGp: composite.toGp });
  },
};

function featureMapping(shared: SharedTypes, toGp: TypeMapping['toGp']): TypeMapping {
  return {
    input: shared.featureSetInput,
    output: shared.featureSet,
    featureOutput: true,
    toGp,
    fromGp: (value, args) => fromFeatureSet(value, args.format ?? 'ESRI_JSON', args.parameter),
    isDefaultValue: isFeatureValue,
  };
}

function unknownMapping(param: MappedParameter): TypeMapping {
  return scalar('JSON', 'JSON', { note: `GP data type ${param.dataType}, passed through as JSON.` });
}

function listOf(member: TypeMapping): TypeMapping {
  const each = (f: (v: unknown) => unknown) => (value: unknown) => (Array.isArray(value) ? value.map(f) : value);
  return {
    input: [member.input] as InputTypeParam<Types>,
    output: [member.output] as TypeParam<Types>,
    featureOutput: member.featureOutput,
    ...(member.note ? { note: member.note } : {}),
    toGp: (value, parameter) => each((v) => member.toGp(v, parameter))(value),
    fromGp: (value, args) => each((v) => member.fromGp(v, args))(value),
    // A list default published in another shape (a delimited string) is still the server's to apply.
    isDefaultValue: (d) => (Array.isArray(d) ? d.length > 0 && d.every((v) => member.isDefaultValue(v)) : isPublishedValue(d)),
  };
}

/** Maps a published data type; `GPMultiValue:X` is a list of X, unknown types are JSON. */
export function mapDataType(param: MappedParameter, ctx: MappingContext): TypeMapping {
  const multi = /^GPMultiValue:(.+)$/.exec(param.dataType);
  if (multi?.[1] !== undefined) {
    const member = mapDataType({ ...param, dataType: multi[1] }, ctx);
    return member.input === 'JSON' ? unknownMapping(param) : listOf(member);
  }
  // hasOwn: a data type named like an Object.prototype member must not find one.
  const entry = Object.hasOwn(TABLE, param.dataType) ? TABLE[param.dataType] : undefined;
  return entry ? entry(param, ctx) : unknownMapping(param);
}

/** Type-name prefix for a parameter's own types: task prefix + the parameter in PascalCase. */
export function parameterTypeName(taskPrefix: string, parameterName: string): string {
  return `${taskPrefix}${typePrefix(parameterName).replace(/^Task(?=\d)/, '')}`;
}
