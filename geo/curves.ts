/**
 * True curves in Esri JSON (`curveRings`, `curvePaths`: https://developers.arcgis.com/documentation/common-data-types/geometry-objects.htm)
 * densified into plain rings and paths, for consumers that only know straight segments (GeoJSON,
 * projection: a projected arc is no longer an arc). A part is a start position followed by positions
 * (straight segments) and curve objects, each ending at its first position:
 * - `{"c": [end, interior]}`: the circular arc through the previous position, `interior` and `end`;
 * - `{"a": [end, center, minor, clockwise, rotation?, axis?, ratio?]}`: an elliptic arc around
 *   `center` (a circular one when rotation, axis and ratio are absent, as servers before 10.3 write it);
 * - `{"b": [end, control1, control2]}`: a cubic Bézier curve.
 * Values after x and y (z, m) are interpolated linearly along each curve.
 */
import type { Geometry, Position } from './esri-json.js';

export class CurveError extends Error {
  override readonly name = 'CurveError';
}

/** Largest angle one straight segment of a densified arc spans: 2° keeps a 1 km radius within 15 cm. */
const MAX_STEP_RADIANS = Math.PI / 90;
const BEZIER_STEPS = 32;

type Point2 = readonly [number, number];

function point2(value: unknown, what: string): Point2 {
  if (!Array.isArray(value) || typeof value[0] !== 'number' || typeof value[1] !== 'number') {
    throw new CurveError(`${what} is not a position`);
  }
  return [value[0], value[1]];
}

function position(value: unknown, what: string): Position {
  point2(value, what);
  return value as Position;
}

/** Positions between `from` and `to` at fractions `ts` (0 < t < 1), x and y from `at`, the rest interpolated. */
function along(from: Position, to: Position, ts: readonly number[], at: (t: number) => Point2): Position[] {
  return ts.map((t) => {
    const [x, y] = at(t);
    const extra = to.slice(2).map((value, i) => {
      const start = from[i + 2];
      return start === undefined ? value : start + (value - start) * t;
    });
    return [x, y, ...extra];
  });
}

const fractions = (steps: number): number[] => Array.from({ length: steps - 1 }, (_, i) => (i + 1) / steps);

/** Centre of the circle through three points, or undefined when they are collinear. */
function circumcentre(a: Point2, b: Point2, c: Point2): Point2 | undefined {
  const d = 2 * (a[0] * (b[1] - c[1]) + b[0] * (c[1] - a[1]) + c[0] * (a[1] - b[1]));
  if (Math.abs(d) < 1e-12 * (Math.abs(a[0]) + Math.abs(a[1]) + 1)) return undefined;
  const sa = a[0] ** 2 + a[1] ** 2;
  const sb = b[0] ** 2 + b[1] ** 2;
  const sc = c[0] ** 2 + c[1] ** 2;
  return [
    (sa * (b[1] - c[1]) + sb * (c[1] - a[1]) + sc * (a[1] - b[1])) / d,
    (sa * (c[0] - b[0]) + sb * (a[0] - c[0]) + sc * (b[0] - a[0])) / d,
  ];
}

/** Signed sweep from angle `from` to `to`, counter-clockwise positive; equal angles mean a full turn. */
function sweep(from: number, to: number, clockwise: boolean): number {
  let delta = to - from;
  if (clockwise) {
    while (delta >= 0) delta -= 2 * Math.PI;
  } else {
    while (delta <= 0) delta += 2 * Math.PI;
  }
  return delta;
}

function arcSteps(radians: number): number {
  return Math.max(2, Math.ceil(Math.abs(radians) / MAX_STEP_RADIANS));
}

function circularArc(start: Position, end: Position, interior: Point2): Position[] {
  const s = point2(start, 'arc start');
  const e = point2(end, 'arc end');
  const centre = circumcentre(s, interior, e);
  if (!centre) return [];
  const angle = (p: Point2): number => Math.atan2(p[1] - centre[1], p[0] - centre[0]);
  const [a0, a1, a2] = [angle(s), angle(interior), angle(e)];
  // The arc runs counter-clockwise when the interior point lies on the counter-clockwise way from start to end.
  const ccw = sweep(a0, a1, false) < sweep(a0, a2, false);
  const total = sweep(a0, a2, !ccw);
  const radius = Math.hypot(s[0] - centre[0], s[1] - centre[1]);
  return along(start, end, fractions(arcSteps(total)), (t) => [
    centre[0] + radius * Math.cos(a0 + total * t),
    centre[1] + radius * Math.sin(a0 + total * t),
  ]);
}

function ellipticArc(start: Position, end: Position, args: readonly unknown[]): Position[] {
  const centre = point2(args[1], 'arc centre');
  const clockwise = args[3] === 1 || args[3] === true;
  const rotation = typeof args[4] === 'number' ? args[4] : 0;
  const s = point2(start, 'arc start');
  const e = point2(end, 'arc end');
  const semiMajor = typeof args[5] === 'number' ? args[5] : Math.hypot(s[0] - centre[0], s[1] - centre[1]);
  const ratio = typeof args[6] === 'number' ? args[6] : 1;
  if (!(semiMajor > 0) || !(ratio > 0)) throw new CurveError('an elliptic arc has no positive axis and ratio');
  const [cos, sin] = [Math.cos(rotation), Math.sin(rotation)];
  // Parameter angle of a point on the ellipse, in the ellipse's own axes.
  const parameter = (p: Point2): number => {
    const dx = p[0] - centre[0];
    const dy = p[1] - centre[1];
    return Math.atan2((-sin * dx + cos * dy) / ratio, cos * dx + sin * dy);
  };
  const t0 = parameter(s);
  const total = sweep(t0, parameter(e), clockwise);
  return along(start, end, fractions(arcSteps(total)), (t) => {
    const u = semiMajor * Math.cos(t0 + total * t);
    const v = semiMajor * ratio * Math.sin(t0 + total * t);
    return [centre[0] + cos * u - sin * v, centre[1] + sin * u + cos * v];
  });
}

function bezier(start: Position, end: Position, c1: Point2, c2: Point2): Position[] {
  const s = point2(start, 'curve start');
  const e = point2(end, 'curve end');
  return along(start, end, fractions(BEZIER_STEPS), (t) => {
    const u = 1 - t;
    const [a, b, c, d] = [u * u * u, 3 * u * u * t, 3 * u * t * t, t * t * t];
    return [a * s[0] + b * c1[0] + c * c2[0] + d * e[0], a * s[1] + b * c1[1] + c * c2[1] + d * e[1]];
  });
}

/** One part of `curveRings`/`curvePaths` as plain positions. */
function densifyPart(part: unknown, where: string): Position[] {
  if (!Array.isArray(part) || part.length === 0) throw new CurveError(`${where} is not a list of positions and curves`);
  const out: Position[] = [position(part[0], `${where}[0]`)];
  for (let i = 1; i < part.length; i++) {
    const item: unknown = part[i];
    const what = `${where}[${i}]`;
    const previous = out[out.length - 1] ?? [];
    if (Array.isArray(item)) {
      out.push(position(item, what));
      continue;
    }
    const curve = (item ?? {}) as { readonly c?: unknown; readonly a?: unknown; readonly b?: unknown };
    const args = curve.c ?? curve.a ?? curve.b;
    if (!Array.isArray(args)) throw new CurveError(`${what} is neither a position nor a curve ("c", "a" or "b")`);
    const end = position(args[0], `${what} end`);
    if (curve.c !== undefined) out.push(...circularArc(previous, end, point2(args[1], `${what} interior point`)));
    else if (curve.a !== undefined) out.push(...ellipticArc(previous, end, args));
    else out.push(...bezier(previous, end, point2(args[1], `${what} control point`), point2(args[2], `${what} control point`)));
    out.push(end);
  }
  return out;
}

/** The geometry with `curveRings`/`curvePaths` replaced by densified `rings`/`paths`; any other geometry as is. */
export function withoutCurves(geometry: Geometry): Geometry {
  const curved = geometry as Geometry & { readonly curveRings?: unknown; readonly curvePaths?: unknown };
  if (curved.curveRings === undefined && curved.curvePaths === undefined) return geometry;
  const { curveRings, curvePaths, ...rest } = curved;
  const densify = (parts: unknown, name: string): Position[][] => {
    if (!Array.isArray(parts)) throw new CurveError(`${name} is not a list of parts`);
    return parts.map((part, i) => densifyPart(part, `${name}[${i}]`));
  };
  if (curveRings !== undefined) return { ...rest, rings: densify(curveRings, 'curveRings') };
  return { ...rest, paths: densify(curvePaths, 'curvePaths') };
}
