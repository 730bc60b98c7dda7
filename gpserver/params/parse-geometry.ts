import { GEOMETRY_TYPES, type EnvelopeGeometry, type Geometry, type GeometryType, type SpatialReference } from '../../geo/esri-json.js';
import { describe, isRecord } from './value-parser.js';

type Fail = (detail: string) => never;

export function isGeometryType(value: unknown): value is GeometryType {
  return GEOMETRY_TYPES.some((type) => type === value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

export function parseSpatialReference(value: unknown, fail: Fail): SpatialReference {
  // A bare number is how people (and some clients) write a wkid.
  const record = typeof value === 'number' ? { wkid: value } : value;
  if (!isRecord(record)) return fail(`expected a spatial reference {wkid} or {wkt}, got ${describe(value)}`);
  const { wkid, latestWkid, wkt } = record;
  if (wkid !== undefined && wkid !== null) {
    if (!isPositiveInteger(wkid)) return fail(`wkid must be a positive integer, got ${describe(wkid)}`);
    if (latestWkid === undefined || latestWkid === null) return { wkid };
    if (!isPositiveInteger(latestWkid)) return fail(`latestWkid must be a positive integer, got ${describe(latestWkid)}`);
    return { wkid, latestWkid };
  }
  if (typeof wkt === 'string' && wkt.trim() !== '') return { wkt };
  return fail('expected a spatial reference with a positive integer wkid or a non-empty wkt');
}

interface Extras {
  z?: number;
  m?: number;
  hasZ?: boolean;
  hasM?: boolean;
  spatialReference?: SpatialReference;
}

/** Keeps only the optional members a geometry may carry, validated; anything else is dropped. */
function extras(record: Readonly<Record<string, unknown>>, fail: Fail, keys: readonly (keyof Extras)[]): Extras {
  const result: Extras = {};
  for (const key of keys) {
    const value = record[key];
    if (value === undefined || value === null) continue;
    if (key === 'spatialReference') result[key] = parseSpatialReference(value, (d) => fail(`spatialReference: ${d}`));
    else if (key === 'hasZ' || key === 'hasM') {
      if (typeof value !== 'boolean') return fail(`${key} must be a boolean, got ${describe(value)}`);
      result[key] = value;
    } else {
      if (!isFiniteNumber(value)) return fail(`${key} must be a finite number, got ${describe(value)}`);
      result[key] = value;
    }
  }
  return result;
}

function positions(value: unknown, minimum: number, what: string, fail: Fail): number[][] {
  if (!Array.isArray(value) || value.length < minimum) {
    return fail(`${what} must be an array of at least ${minimum} position${minimum === 1 ? '' : 's'}`);
  }
  return value.map((position: unknown, index) => {
    if (!Array.isArray(position) || position.length < 2 || position.length > 4 || !position.every(isFiniteNumber)) {
      return fail(`${what}, position ${index + 1}: expected [x, y] (optionally z, m) of finite numbers`);
    }
    return [...position];
  });
}

function parts(record: Readonly<Record<string, unknown>>, key: 'paths' | 'rings', minimum: number, fail: Fail): number[][][] {
  const value = record[key];
  if (!Array.isArray(value)) return fail(`expected ${key} (an array of arrays of positions)`);
  const noun = key === 'paths' ? 'path' : 'ring';
  return value.map((part: unknown, index) => positions(part, minimum, `${noun} ${index + 1}`, fail));
}

function inferType(record: Readonly<Record<string, unknown>>): GeometryType | undefined {
  if ('x' in record) return 'esriGeometryPoint';
  if ('points' in record) return 'esriGeometryMultipoint';
  if ('paths' in record) return 'esriGeometryPolyline';
  if ('rings' in record) return 'esriGeometryPolygon';
  if ('xmin' in record) return 'esriGeometryEnvelope';
  return undefined;
}

export function parseEnvelope(value: unknown, fail: Fail): EnvelopeGeometry {
  if (!isRecord(value)) return fail(`expected an envelope {xmin, ymin, xmax, ymax}, got ${describe(value)}`);
  const { xmin, ymin, xmax, ymax } = value;
  if (!isFiniteNumber(xmin) || !isFiniteNumber(ymin) || !isFiniteNumber(xmax) || !isFiniteNumber(ymax)) {
    return fail('expected an envelope with finite numbers xmin, ymin, xmax, ymax');
  }
  if (xmin > xmax) return fail(`xmin (${xmin}) is greater than xmax (${xmax})`);
  if (ymin > ymax) return fail(`ymin (${ymin}) is greater than ymax (${ymax})`);
  return { xmin, ymin, xmax, ymax, ...extras(value, fail, ['spatialReference']) };
}

/** Validates one geometry against `type`, or against the type its members imply when no type is declared. */
export function parseGeometry(value: unknown, type: GeometryType | undefined, fail: Fail): Geometry {
  if (!isRecord(value)) return fail(`expected a geometry object, got ${describe(value)}`);
  const actual = type ?? inferType(value);
  const zm = ['hasZ', 'hasM', 'spatialReference'] as const;
  switch (actual) {
    case 'esriGeometryPoint': {
      if (!isFiniteNumber(value.x) || !isFiniteNumber(value.y)) return fail('a point needs finite numbers x and y');
      return { x: value.x, y: value.y, ...extras(value, fail, ['z', 'm', 'spatialReference']) };
    }
    case 'esriGeometryMultipoint':
      return { points: positions(value.points, 0, 'points', fail), ...extras(value, fail, zm) };
    case 'esriGeometryPolyline':
      return { paths: parts(value, 'paths', 2, fail), ...extras(value, fail, zm) };
    case 'esriGeometryPolygon':
      return { rings: parts(value, 'rings', 4, fail), ...extras(value, fail, zm) };
    case 'esriGeometryEnvelope':
      return parseEnvelope(value, fail);
    case undefined:
      return fail('geometry is not a point, multipoint, polyline, polygon or envelope');
  }
}
