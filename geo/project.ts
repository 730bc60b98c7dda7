import { withoutCurves } from './curves.js';
import type { EnvelopeGeometry, Feature, FeatureSet, Geometry, Position, SpatialReference } from './esri-json.js';
import { converterBetween, resolveSpatialReference } from './spatial-reference.js';
import type { Converter, ResolvedSpatialReference } from './spatial-reference.js';

export class ProjectionError extends Error {
  override readonly name = 'ProjectionError';
}

type Transform = (x: number, y: number) => [number, number];

function transformFor(from: ResolvedSpatialReference, to: ResolvedSpatialReference): Transform {
  const converter: Converter = converterBetween(from, to);
  return (x, y) => {
    let out: number[] | undefined;
    try {
      out = converter.forward([x, y]);
    } catch {
      out = undefined;
    }
    const [px, py] = out ?? [];
    // proj4 signals impossible points with NaN/Infinity or null rather than throwing.
    if (px === undefined || py === undefined || !Number.isFinite(px) || !Number.isFinite(py)) {
      throw new ProjectionError(
        `Cannot project (${x}, ${y}) from ${from.key} to ${to.key}: the point lies outside the target's valid area`,
      );
    }
    return [px, py];
  };
}

function projectPosition(position: Position, transform: Transform): Position {
  const [x = Number.NaN, y = Number.NaN, ...rest] = position;
  return [...transform(x, y), ...rest];
}

function projectPaths(paths: readonly (readonly Position[])[], transform: Transform): Position[][] {
  return paths.map((path) => path.map((position) => projectPosition(position, transform)));
}

/** Edges of a projected envelope curve, so the new extent comes from points along all four sides. */
function projectEnvelope(envelope: EnvelopeGeometry, transform: Transform): EnvelopeGeometry {
  const steps = 16;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const x = envelope.xmin + (envelope.xmax - envelope.xmin) * t;
    const y = envelope.ymin + (envelope.ymax - envelope.ymin) * t;
    for (const [px, py] of [
      transform(x, envelope.ymin),
      transform(x, envelope.ymax),
      transform(envelope.xmin, y),
      transform(envelope.xmax, y),
    ]) {
      xs.push(px);
      ys.push(py);
    }
  }
  return { xmin: Math.min(...xs), ymin: Math.min(...ys), xmax: Math.max(...xs), ymax: Math.max(...ys) };
}

function projectWith<G extends Geometry>(geometry: G, transform: Transform | undefined, json: SpatialReference): G {
  return { ...geometry, ...(transform === undefined ? {} : projectedParts(geometry, transform)), spatialReference: json };
}

/** Only the coordinate-bearing keys; everything else (z, m, hasZ, hasM) is carried over as is. */
function projectedParts(geometry: Geometry, transform: Transform): Readonly<Record<string, unknown>> {
  if ('x' in geometry) {
    const [x, y] = transform(geometry.x, geometry.y);
    return { x, y };
  }
  if ('points' in geometry) return { points: geometry.points.map((p) => projectPosition(p, transform)) };
  if ('paths' in geometry) return { paths: projectPaths(geometry.paths, transform) };
  if ('rings' in geometry) return { rings: projectPaths(geometry.rings, transform) };
  return { ...projectEnvelope(geometry, transform) };
}

/** Projects any Esri geometry, keeping z and m; the result carries the target's canonical spatialReference. */
export function projectGeometry<G extends Geometry>(curved: G, from: SpatialReference | undefined, to: SpatialReference | undefined): G {
  // A projected arc is no longer an arc: true curves become straight segments first.
  const geometry = withoutCurves(curved) as G;
  const source = resolveSpatialReference(from);
  const target = resolveSpatialReference(to);
  return projectWith(geometry, source.key === target.key ? undefined : transformFor(source, target), target.json);
}

/** Projects every feature (from its own spatialReference, else the set's); attributes are untouched. */
export function projectFeatureSet(fs: FeatureSet, to: SpatialReference | undefined): FeatureSet {
  const target = resolveSpatialReference(to);
  const features = fs.features.map((feature): Feature => {
    if (feature.geometry === undefined) return feature;
    // The set-level spatialReference now describes every geometry, so the per-geometry copy is dropped.
    const { spatialReference: _redundant, ...projected } = projectGeometry(
      feature.geometry,
      feature.geometry.spatialReference ?? fs.spatialReference,
      to,
    );
    return { ...feature, geometry: projected };
  });
  return { ...fs, spatialReference: target.json, features };
}

function stripPositions(positions: readonly Position[], hasZ: boolean, hasM: boolean, keepZ: boolean, keepM: boolean): Position[] {
  return positions.map((position) => {
    const [x = Number.NaN, y = Number.NaN] = position;
    const out = [x, y];
    // Layout is [x, y, z?, m?]: m sits at index 2 when there is no z.
    const z = hasZ ? position[2] : undefined;
    const m = hasM ? position[hasZ ? 3 : 2] : undefined;
    if (keepZ && z !== undefined) out.push(z);
    if (keepM && m !== undefined) out.push(m);
    return out;
  });
}

function stripGeometry(geometry: Geometry, setHasZ: boolean, setHasM: boolean, keepZ: boolean, keepM: boolean): Geometry {
  if ('x' in geometry) {
    const { z, m, ...rest } = geometry;
    return { ...rest, ...(keepZ && z !== undefined ? { z } : {}), ...(keepM && m !== undefined ? { m } : {}) };
  }
  if ('xmin' in geometry) return geometry;
  const { hasZ: ownZ, hasM: ownM, ...rest } = geometry;
  // A geometry that states either flag describes its own layout; otherwise the set's flags apply.
  const ownLayout = ownZ !== undefined || ownM !== undefined;
  const hasZ = ownLayout ? ownZ === true : setHasZ;
  const hasM = ownLayout ? ownM === true : setHasM;
  const flags = { ...(keepZ && hasZ ? { hasZ: true } : {}), ...(keepM && hasM ? { hasM: true } : {}) };
  const strip = (positions: readonly Position[]): Position[] => stripPositions(positions, hasZ, hasM, keepZ, keepM);
  if ('points' in rest) return { ...rest, ...flags, points: strip(rest.points) };
  if ('paths' in rest) return { ...rest, ...flags, paths: rest.paths.map(strip) };
  return { ...rest, ...flags, rings: rest.rings.map(strip) };
}

/** Drops z and/or m values and their hasZ/hasM flags (the `returnZ`/`returnM` request options). */
export function stripZM(fs: FeatureSet, keepZ: boolean, keepM: boolean): FeatureSet {
  const setHasZ = fs.hasZ === true;
  const setHasM = fs.hasM === true;
  const { hasZ: _z, hasM: _m, ...rest } = fs;
  return {
    ...rest,
    ...(keepZ && setHasZ ? { hasZ: true } : {}),
    ...(keepM && setHasM ? { hasM: true } : {}),
    features: fs.features.map((feature): Feature =>
      feature.geometry === undefined ? feature : { ...feature, geometry: stripGeometry(feature.geometry, setHasZ, setHasM, keepZ, keepM) },
    ),
  };
}
