import polygonClipping from 'polygon-clipping';
import type { MultiPolygon, Pair, Polygon as ClipPolygon } from 'polygon-clipping';
import { createLocalFrame } from '../geo/local-frame.js';
import { projectGeometry } from '../../geo/project.js';
import { metersPerCoordinateUnit, resolveSpatialReference, WGS84 } from '../../geo/spatial-reference.js';
import type { ResolvedSpatialReference } from '../../geo/spatial-reference.js';
import { linearUnitToMeters, metersPerDegreeOfLatitude, unitDisplayName } from '../geo/units.js';
import { LINEAR_UNITS } from '../../geo/esri-json.js';
import type {
  AttributeValue,
  Feature,
  FeatureSet,
  Field,
  Geometry,
  LinearUnit,
  PolygonGeometry,
  Position,
  SpatialReference,
} from '../../geo/esri-json.js';
import { ToolError } from '../model/tool.js';
import type { ToolContext, ToolFunction, ToolInputs } from '../model/tool.js';

/** Segments per full circle around a vertex; 72 keeps the area within 0.2 % of a true circle. */
const CIRCLE_SEGMENTS = 72;
/** Straight edges are split before leaving their working plane, so they bend as they should elsewhere. */
const MAX_EDGE_METERS = 10_000;
/** About the distance to the antipode: a wider geodesic buffer is the whole earth, and work without end. */
const MAX_DISTANCE_METERS = 20_000_000;
/** Features one run buffers at most (the service's maximumRecords). */
const MAX_FEATURES = 1_000;

type DissolveType = 'NONE' | 'ALL';

/** Coordinates of one feature in a planar working frame, split by what a buffer is built from. */
interface PlanarShape {
  readonly vertices: Pair[];
  readonly segments: [Pair, Pair][];
  readonly rings: Pair[][];
}

/** Moves a feature into a planar frame and its buffer back out to the output spatial reference. */
interface WorkingFrame {
  readonly toPlane: (lonOrX: number, latOrY: number) => Pair;
  readonly fromPlane: (ring: Pair[]) => Pair[];
  /** The buffer distance in plane units. */
  readonly distance: number;
  readonly maxEdge: number;
}

function readInputs(inputs: ToolInputs): { features: FeatureSet; distance: LinearUnit; dissolve: DissolveType } {
  const features = inputs['Input_Features'] as FeatureSet | undefined;
  if (typeof features !== 'object' || !Array.isArray(features.features)) {
    throw new ToolError('Input_Features: a feature set is required');
  }
  const distance = inputs['Distance'] as Partial<LinearUnit> | undefined;
  if (typeof distance !== 'object' || typeof distance.distance !== 'number' || !Number.isFinite(distance.distance)) {
    throw new ToolError('Distance: a linear unit {distance, units} is required');
  }
  if (distance.units === undefined || !LINEAR_UNITS.includes(distance.units)) {
    throw new ToolError(`Distance: unknown units ${String(distance.units)}`);
  }
  if (distance.distance <= 0) {
    throw new ToolError(`Distance: must be greater than 0 (got ${distance.distance}); inward buffers are not supported`);
  }
  if (linearUnitToMeters({ distance: distance.distance, units: distance.units }) > MAX_DISTANCE_METERS) {
    throw new ToolError(`Distance: at most 20000 kilometers (got ${distance.distance} ${unitDisplayName(distance.units)})`);
  }
  if (features.features.length > MAX_FEATURES)
    throw new ToolError(`Input_Features: at most ${MAX_FEATURES} features (got ${features.features.length})`);
  const dissolve = inputs['Dissolve_Type'] ?? 'NONE';
  if (dissolve !== 'NONE' && dissolve !== 'ALL')
    throw new ToolError(`Dissolve_Type: must be NONE or ALL (got ${JSON.stringify(dissolve)})`);
  return { features, distance: { distance: distance.distance, units: distance.units }, dissolve };
}

function positionsOf(geometry: Geometry): {
  points: readonly Position[];
  paths: readonly (readonly Position[])[];
  rings: readonly (readonly Position[])[];
} {
  if ('x' in geometry) return { points: [[geometry.x, geometry.y]], paths: [], rings: [] };
  if ('points' in geometry) return { points: geometry.points, paths: [], rings: [] };
  if ('paths' in geometry) return { points: [], paths: geometry.paths, rings: [] };
  if ('rings' in geometry) return { points: [], paths: [], rings: geometry.rings };
  const { xmin, ymin, xmax, ymax } = geometry;
  return {
    points: [],
    paths: [],
    rings: [
      [
        [xmin, ymin],
        [xmin, ymax],
        [xmax, ymax],
        [xmax, ymin],
        [xmin, ymin],
      ],
    ],
  };
}

function toShape(geometry: Geometry, toPlane: WorkingFrame['toPlane']): PlanarShape {
  const { points, paths, rings } = positionsOf(geometry);
  const plane = (line: readonly Position[]): Pair[] =>
    line.filter((p) => Number.isFinite(p[0]) && Number.isFinite(p[1])).map(([x = 0, y = 0]) => toPlane(x, y));
  const lines = [...paths, ...rings].map(plane);
  const segments = lines.flatMap((line) => line.slice(1).map((end, i): [Pair, Pair] => [line[i] ?? end, end]));
  return { vertices: [...plane(points), ...lines.flat()], segments, rings: rings.map(plane).filter((r) => r.length >= 3) };
}

function circle([cx, cy]: Pair, radius: number): ClipPolygon {
  const ring: Pair[] = [];
  for (let i = 0; i < CIRCLE_SEGMENTS; i++) {
    const angle = (2 * Math.PI * i) / CIRCLE_SEGMENTS;
    ring.push([cx + radius * Math.cos(angle), cy + radius * Math.sin(angle)]);
  }
  ring.push([cx + radius, cy]);
  return [ring];
}

function rectangle([[x1, y1], [x2, y2]]: [Pair, Pair], halfWidth: number): ClipPolygon | undefined {
  const length = Math.hypot(x2 - x1, y2 - y1);
  if (length === 0) return undefined;
  const nx = (-(y2 - y1) / length) * halfWidth;
  const ny = ((x2 - x1) / length) * halfWidth;
  return [
    [
      [x1 + nx, y1 + ny],
      [x2 + nx, y2 + ny],
      [x2 - nx, y2 - ny],
      [x1 - nx, y1 - ny],
      [x1 + nx, y1 + ny],
    ],
  ];
}

/** Buffer = circles at vertices ∪ rectangles along segments ∪ the polygon's own area. */
function bufferShape(shape: PlanarShape, distance: number): MultiPolygon {
  const pieces: ClipPolygon[] = shape.vertices.map((v) => circle(v, distance));
  for (const segment of shape.segments) {
    const piece = rectangle(segment, distance);
    if (piece !== undefined) pieces.push(piece);
  }
  if (shape.rings.length > 0) {
    // Even-odd over all rings is the polygon's area whatever the ring orientation.
    const [first, ...others] = shape.rings.map((ring): ClipPolygon => [ring]);
    if (first !== undefined) pieces.push(...polygonClipping.xor(first, ...others));
  }
  const [head, ...rest] = pieces;
  return head === undefined ? [] : polygonClipping.union(head, ...rest);
}

function densify(ring: Pair[], maxEdge: number): Pair[] {
  const out: Pair[] = [];
  ring.forEach((point, i) => {
    const next = ring[i + 1];
    out.push(point);
    if (next === undefined) return;
    const steps = Math.ceil(Math.hypot(next[0] - point[0], next[1] - point[1]) / maxEdge);
    for (let s = 1; s < steps; s++) {
      out.push([point[0] + ((next[0] - point[0]) * s) / steps, point[1] + ((next[1] - point[1]) * s) / steps]);
    }
  });
  return out;
}

function reproject(ring: Pair[], from: SpatialReference, to: SpatialReference): Pair[] {
  // projectGeometry keeps the coordinate arity, so pairs stay pairs.
  return projectGeometry({ paths: [ring] }, from, to).paths[0] ?? [];
}

function centreOf(shape: Geometry): Pair {
  const { points, paths, rings } = positionsOf(shape);
  const all = [...points, ...paths.flat(), ...rings.flat()];
  const xs = all.map((p) => p[0] ?? Number.NaN).filter(Number.isFinite);
  const ys = all.map((p) => p[1] ?? Number.NaN).filter(Number.isFinite);
  return [(Math.min(...xs) + Math.max(...xs)) / 2, (Math.min(...ys) + Math.max(...ys)) / 2];
}

/** Geodesic: an azimuthal equidistant plane centred on the feature, where metres are true near it. */
function geodesicFrame(geographic: Geometry, distance: LinearUnit, out: ResolvedSpatialReference): WorkingFrame {
  const [lon, lat] = centreOf(geographic);
  const frame = createLocalFrame(lon, lat);
  return {
    toPlane: (x, y) => frame.toLocal(x, y),
    fromPlane: (ring) =>
      reproject(
        ring.map(([x, y]) => frame.toGeographic(x, y)),
        WGS84,
        out.json,
      ),
    distance: linearUnitToMeters(distance, lat),
    maxEdge: MAX_EDGE_METERS,
  };
}

/** Planar: the buffer is drawn in processSR's own coordinates, as ArcGIS does when that is set. */
function planarFrame(
  projected: Geometry,
  distance: LinearUnit,
  process: ResolvedSpatialReference,
  out: ResolvedSpatialReference,
): WorkingFrame {
  const metersPerUnit = process.isGeographic ? metersPerDegreeOfLatitude(centreOf(projected)[1]) : metersPerCoordinateUnit(process);
  const planeDistance =
    distance.units === 'esriUnknownUnits' || (process.isGeographic && distance.units === 'esriDecimalDegrees')
      ? distance.distance
      : linearUnitToMeters(distance) / metersPerUnit;
  return {
    toPlane: (x, y) => [x, y],
    fromPlane: (ring) => (process.key === out.key ? ring : reproject(ring, process.json, out.json)),
    distance: planeDistance,
    maxEdge: MAX_EDGE_METERS / metersPerUnit,
  };
}

function bufferFeature(geometry: Geometry, inSR: SpatialReference | undefined, distance: LinearUnit, env: BufferEnvironment): MultiPolygon {
  const working = env.process ?? resolveSpatialReference(WGS84);
  const moved = projectGeometry(geometry, inSR, working.json);
  const frame = env.process === undefined ? geodesicFrame(moved, distance, env.out) : planarFrame(moved, distance, env.process, env.out);
  const planar = bufferShape(toShape(moved, frame.toPlane), frame.distance);
  return planar.map((polygon) => polygon.map((ring) => frame.fromPlane(densify(ring, frame.maxEdge))));
}

interface BufferEnvironment {
  readonly process: ResolvedSpatialReference | undefined;
  readonly out: ResolvedSpatialReference;
}

function signedArea(ring: readonly Pair[]): number {
  let sum = 0;
  ring.forEach(([x1, y1], i) => {
    const [x2, y2] = ring[(i + 1) % ring.length] ?? [x1, y1];
    sum += x1 * y2 - x2 * y1;
  });
  return sum / 2;
}

/** Esri rings: closed, outer rings clockwise (negative shoelace area), holes counter-clockwise. */
function toEsriPolygon(multi: MultiPolygon): PolygonGeometry {
  const rings = multi.flatMap((polygon) =>
    polygon.map((ring, index) => {
      const [first] = ring;
      const last = ring[ring.length - 1];
      const closed =
        first !== undefined && last !== undefined && (first[0] !== last[0] || first[1] !== last[1]) ? [...ring, first] : [...ring];
      const clockwise = signedArea(closed) < 0;
      return (index === 0) === clockwise ? closed : closed.reverse();
    }),
  );
  return { rings };
}

const FIELDS_NONE: readonly Field[] = [
  { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
  { name: 'BUFF_DIST', type: 'esriFieldTypeDouble', alias: 'BUFF_DIST' },
  { name: 'ORIG_FID', type: 'esriFieldTypeInteger', alias: 'ORIG_FID' },
];

function originalId(feature: Feature, oidField: string | undefined, index: number): AttributeValue {
  for (const name of [oidField, 'OBJECTID', 'FID']) {
    const value = name === undefined ? undefined : feature.attributes[name];
    if (typeof value === 'number') return value;
  }
  return index + 1;
}

/** Projection, unit and clipping failures are the caller's input problems, so they surface as ToolErrors. */
function toToolError(error: unknown): Error {
  if (error instanceof ToolError || (error instanceof Error && error.name === 'AbortError')) return error;
  return new ToolError(`Buffer failed: ${error instanceof Error ? error.message : String(error)}`);
}

function run(inputs: ToolInputs, context: ToolContext): { Output_Polygons: FeatureSet } {
  const { features: input, distance, dissolve } = readInputs(inputs);
  if (input.features.length === 0) throw new ToolError('Input_Features: no features to buffer');
  const inSR = input.spatialReference ?? input.features.find((f) => f.geometry?.spatialReference !== undefined)?.geometry?.spatialReference;
  const env: BufferEnvironment = {
    process: context.env.processSR === undefined ? undefined : resolveSpatialReference(context.env.processSR),
    out: resolveSpatialReference(context.env.outSR ?? inSR),
  };
  const count = input.features.length;
  context.message(
    'esriJobMessageTypeInformative',
    `Buffering ${count} feature${count === 1 ? '' : 's'} at ${distance.distance} ${unitDisplayName(distance.units)}`,
  );
  const oidField = input.fields?.find((f) => f.type === 'esriFieldTypeOID')?.name;
  const buffers: { multi: MultiPolygon; origId: AttributeValue }[] = [];
  for (const [index, feature] of input.features.entries()) {
    context.signal.throwIfAborted();
    if (feature.geometry === undefined) continue;
    const multi = bufferFeature(feature.geometry, feature.geometry.spatialReference ?? inSR, distance, env);
    if (multi.length > 0) buffers.push({ multi, origId: originalId(feature, oidField, index) });
    context.progress({ type: 'step', message: 'Buffering', percent: Math.round(((index + 1) / count) * 100) });
  }
  if (buffers.length === 0) throw new ToolError('Input_Features: none of the features has a geometry to buffer');
  if (buffers.length < count)
    context.message('esriJobMessageTypeWarning', `${count - buffers.length} feature(s) without geometry were skipped`);
  let features: Feature[];
  if (dissolve === 'ALL') {
    const [head, ...rest] = buffers.map((b) => b.multi);
    features = [{ attributes: { OBJECTID: 1 }, geometry: toEsriPolygon(head === undefined ? [] : polygonClipping.union(head, ...rest)) }];
  } else {
    features = buffers.map((b, i) => ({
      attributes: { OBJECTID: i + 1, BUFF_DIST: distance.distance, ORIG_FID: b.origId },
      geometry: toEsriPolygon(b.multi),
    }));
  }
  return {
    Output_Polygons: {
      geometryType: 'esriGeometryPolygon',
      spatialReference: env.out.json,
      fields: dissolve === 'ALL' ? FIELDS_NONE.slice(0, 1) : FIELDS_NONE,
      features,
    },
  };
}

/** GPFolder/BufferService › Buffer: geodesic buffers, or planar ones in env processSR. */
export const buffer: ToolFunction = (inputs, context) => {
  try {
    return Promise.resolve(run(inputs, context));
  } catch (error: unknown) {
    return Promise.reject(toToolError(error));
  }
};
