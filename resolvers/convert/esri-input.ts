/** Checking and normalising an Esri JSON FeatureSet (or record set) given as GraphQL input. */
import { checkEsriGeometry } from './esri-geometry.js';
import {
  FIELD_TYPES,
  GEOMETRY_TYPES,
  type Feature,
  type FeatureSet,
  type Field,
  type FieldType,
  type GeometryType,
  type SpatialReference,
} from '../../geo/esri-json.js';
import { checkAttributes, isRecord, parsedJson, type Fail } from './invalid-input.js';

const KEYS = [
  'geometryType',
  'spatialReference',
  'hasZ',
  'hasM',
  'fields',
  'displayFieldName',
  'exceededTransferLimit',
  'features',
] as const;

/** Clients copy JSON from many tools: `Fields`, `Features`, `SpatialReference` are read as the documented keys. */
function canonicalKeys(value: Readonly<Record<string, unknown>>): Partial<Record<(typeof KEYS)[number], unknown>> {
  const byLower = new Map<string, (typeof KEYS)[number]>(KEYS.map((k) => [k.toLowerCase(), k]));
  const result: Partial<Record<(typeof KEYS)[number], unknown>> = {};
  for (const [key, v] of Object.entries(value)) {
    const canonical = byLower.get(key.toLowerCase());
    if (canonical !== undefined && (result[canonical] === undefined || key === canonical)) result[canonical] = v;
  }
  return result;
}

export function checkSpatialReference(value: unknown, where: string, fail: Fail): SpatialReference {
  if (!isRecord(value)) return fail(`${where} must be an object with wkid or wkt`);
  const { wkid, latestWkid, wkt } = value;
  const sr: { wkid?: number; latestWkid?: number; wkt?: string } = {};
  if (wkid !== undefined && wkid !== null) sr.wkid = Number.isInteger(wkid) ? (wkid as number) : fail(`${where}.wkid must be an integer`);
  if (latestWkid !== undefined && latestWkid !== null)
    sr.latestWkid = Number.isInteger(latestWkid) ? (latestWkid as number) : fail(`${where}.latestWkid must be an integer`);
  if (wkt !== undefined && wkt !== null) sr.wkt = typeof wkt === 'string' ? wkt : fail(`${where}.wkt must be a string`);
  if (sr.wkid === undefined && sr.latestWkid === undefined && sr.wkt === undefined) fail(`${where} must have wkid, latestWkid or wkt`);
  return sr;
}

function isFieldType(value: unknown): value is FieldType {
  return FIELD_TYPES.some((t) => t === value);
}

/** Members other than name, type, alias and length (domain, nullable, …) are passed on unchecked. */
function checkFields(value: unknown, where: string, fail: Fail): Field[] {
  if (!Array.isArray(value)) return fail(`${where} must be an array`);
  return (value as unknown[]).map((field, i): Field => {
    if (!isRecord(field) || typeof field.name !== 'string' || field.name === '')
      return fail(`${where}[${i}] must be an object with a non-empty name`);
    const { name, type, alias, length } = field;
    if (!isFieldType(type))
      return fail(
        `${where}[${i}].type must be one of ${FIELD_TYPES.join(', ')}${type === undefined ? '' : `, not ${JSON.stringify(type)}`}`,
      );
    if (alias !== undefined && typeof alias !== 'string') fail(`${where}[${i}].alias must be a string`);
    if (length !== undefined && !(typeof length === 'number' && Number.isSafeInteger(length) && length > 0))
      fail(`${where}[${i}].length must be a positive integer`);
    return { ...field, name, type };
  });
}

function checkFlag(value: unknown, where: string, fail: Fail): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  return fail(`${where} must be a boolean`);
}

/** A record set (GPRecordSet) may have features without geometry; a feature set may not. */
export function checkEsriFeatureSet(input: unknown, recordSet: boolean, fail: Fail): FeatureSet {
  const raw = parsedJson(input, 'esriJson', fail);
  if (!isRecord(raw)) return fail('esriJson must be an Esri JSON FeatureSet object: { geometryType, spatialReference, features: [...] }');
  const value = canonicalKeys(raw);
  if (!Array.isArray(value.features)) return fail('esriJson.features must be an array of { geometry, attributes }');
  let geometryType: GeometryType | undefined;
  if (value.geometryType !== undefined) {
    const known = GEOMETRY_TYPES.find((t) => t === value.geometryType);
    geometryType = known ?? fail(`esriJson.geometryType ${JSON.stringify(value.geometryType)} is not one of ${GEOMETRY_TYPES.join(', ')}`);
  }
  const features = (value.features as unknown[]).map((feature, i): Feature => {
    const where = `esriJson.features[${i}]`;
    if (!isRecord(feature)) return fail(`${where} must be an object { geometry, attributes }`);
    const attributes = checkAttributes(feature.attributes, `${where}.attributes`, fail);
    if (feature.geometry === undefined || feature.geometry === null) {
      return recordSet ? { attributes } : fail(`${where} has no geometry (only record sets may omit geometry)`);
    }
    const { type, geometry } = checkEsriGeometry(feature.geometry, `${where}.geometry`, fail);
    geometryType ??= type;
    if (type !== geometryType) fail(`${where}.geometry is a ${type} but the feature set's geometryType is ${geometryType}`);
    return { geometry, attributes };
  });
  const spatialReference =
    value.spatialReference === undefined ? undefined : checkSpatialReference(value.spatialReference, 'esriJson.spatialReference', fail);
  const hasZ = checkFlag(value.hasZ, 'esriJson.hasZ', fail);
  const hasM = checkFlag(value.hasM, 'esriJson.hasM', fail);
  const fields = value.fields === undefined ? undefined : checkFields(value.fields, 'esriJson.fields', fail);
  const displayFieldName = typeof value.displayFieldName === 'string' ? value.displayFieldName : undefined;
  const exceededTransferLimit = checkFlag(value.exceededTransferLimit, 'esriJson.exceededTransferLimit', fail);
  const optional = { geometryType, spatialReference, hasZ, hasM, fields, displayFieldName, exceededTransferLimit };
  const present = Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined));
  return { ...(present as Omit<FeatureSet, 'features'>), features };
}
