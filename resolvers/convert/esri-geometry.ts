/** Checking Esri JSON geometries, and mapping their positions (projection, dropping m values). */
import type { EnvelopeGeometry, Geometry, GeometryType, PointGeometry, Position } from '../../geo/esri-json.js';
import { isRecord, type Fail } from './invalid-input.js';

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function checkPosition(value: unknown, where: string, fail: Fail): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 4)
    return fail(`${where} must be a position [x, y] (with z and/or m at most 4 numbers)`);
  const position: unknown[] = value;
  if (!position.every(isFiniteNumber)) return fail(`${where} has a coordinate that is not a finite number: ${JSON.stringify(value)}`);
  return position;
}

function checkPositions(value: unknown, where: string, min: number, fail: Fail): Position[] {
  if (!Array.isArray(value)) return fail(`${where} must be an array of positions`);
  const list: unknown[] = value;
  if (list.length < min) return fail(`${where} has ${list.length} positions; at least ${min} are needed`);
  return list.map((p, i) => checkPosition(p, `${where}[${i}]`, fail));
}

function checkParts(value: unknown, where: string, fail: Fail): unknown[] {
  if (!Array.isArray(value)) return fail(`${where} must be an array`);
  if (value.length === 0) return fail(`${where} is empty`);
  return value as unknown[];
}

function samePosition(a: Position | undefined, b: Position | undefined): boolean {
  return a !== undefined && b !== undefined && a[0] === b[0] && a[1] === b[1];
}

/** Esri rings are closed; an unclosed ring is closed here, and must then have 4 positions or more. */
function checkRing(value: unknown, where: string, fail: Fail): Position[] {
  const ring = checkPositions(value, where, 0, fail);
  const first = ring[0];
  const closed = first !== undefined && !samePosition(first, ring[ring.length - 1]) ? [...ring, first] : ring;
  if (closed.length < 4) fail(`${where} has ${ring.length} positions; a ring needs at least 4 (closed: the first repeated last)`);
  return closed;
}

/** hasZ/hasM of a multipoint, polyline or polygon (points and envelopes spell z and m out instead). */
function optionalFlags(value: Readonly<Record<string, unknown>>, where: string, fail: Fail): { hasZ?: boolean; hasM?: boolean } {
  const flags: { hasZ?: boolean; hasM?: boolean } = {};
  for (const key of ['hasZ', 'hasM'] as const) {
    const flag = value[key];
    if (flag === undefined) continue;
    if (typeof flag !== 'boolean') fail(`${where}.${key} must be a boolean`);
    else flags[key] = flag;
  }
  return flags;
}

/** The geometry's type, from its members (Esri JSON geometries do not name their type). */
export function checkEsriGeometry(value: unknown, where: string, fail: Fail): { type: GeometryType; geometry: Geometry } {
  if (!isRecord(value)) return fail(`${where} must be an Esri JSON geometry object`);
  const flags = optionalFlags(value, where, fail);
  if ('x' in value || 'y' in value) {
    const coordinate = (key: 'x' | 'y' | 'z' | 'm'): number => {
      const c = value[key];
      return isFiniteNumber(c) ? c : fail(`${where}.${key} must be a finite number${c === undefined ? '' : `, not ${JSON.stringify(c)}`}`);
    };
    const point: PointGeometry = {
      x: coordinate('x'),
      y: coordinate('y'),
      ...(value.z === undefined ? {} : { z: coordinate('z') }),
      ...(value.m === undefined ? {} : { m: coordinate('m') }),
    };
    return { type: 'esriGeometryPoint', geometry: point };
  }
  if ('points' in value) {
    const points = checkParts(value.points, `${where}.points`, fail).map((p, i) => checkPosition(p, `${where}.points[${i}]`, fail));
    return { type: 'esriGeometryMultipoint', geometry: { points, ...flags } };
  }
  if ('paths' in value) {
    const paths = checkParts(value.paths, `${where}.paths`, fail).map((p, i) => checkPositions(p, `${where}.paths[${i}]`, 2, fail));
    return { type: 'esriGeometryPolyline', geometry: { paths, ...flags } };
  }
  if ('rings' in value) {
    const rings = checkParts(value.rings, `${where}.rings`, fail).map((r, i) => checkRing(r, `${where}.rings[${i}]`, fail));
    return { type: 'esriGeometryPolygon', geometry: { rings, ...flags } };
  }
  if ('xmin' in value) {
    const envelope: Record<string, number> = {};
    for (const key of ['xmin', 'ymin', 'xmax', 'ymax']) {
      const coordinate = value[key];
      if (!isFiniteNumber(coordinate)) fail(`${where}.${key} must be a finite number`);
      else envelope[key] = coordinate;
    }
    const { xmin = 0, ymin = 0, xmax = 0, ymax = 0 } = envelope;
    if (xmin > xmax || ymin > ymax) fail(`${where} is an envelope with xmin > xmax or ymin > ymax`);
    return { type: 'esriGeometryEnvelope', geometry: { xmin, ymin, xmax, ymax } };
  }
  return fail(`${where} is not an Esri geometry: expected x/y, points, paths, rings or xmin/ymin/xmax/ymax`);
}

/** The geometry with `f` applied to every position (a point or envelope corner as `[x, y, …]`). */
export function mapEsriPositions(geometry: Geometry, f: (p: Position) => Position): Geometry {
  const { spatialReference: _sr, ...rest } = geometry;
  if ('x' in rest) {
    const [x = NaN, y = NaN, z] = f(rest.z === undefined ? [rest.x, rest.y] : [rest.x, rest.y, rest.z]);
    const { z: _z, ...plain } = rest;
    return z === undefined ? { ...plain, x, y } : { ...plain, x, y, z };
  }
  if ('points' in rest) return { ...rest, points: rest.points.map(f) };
  if ('paths' in rest) return { ...rest, paths: rest.paths.map((path) => path.map(f)) };
  if ('rings' in rest) return { ...rest, rings: rest.rings.map((ring) => ring.map(f)) };
  const envelope: EnvelopeGeometry = rest;
  const [xmin = NaN, ymin = NaN] = f([envelope.xmin, envelope.ymin]);
  const [xmax = NaN, ymax = NaN] = f([envelope.xmax, envelope.ymax]);
  return { ...envelope, xmin, ymin, xmax, ymax };
}
