import { createLocalFrame } from '../geo/local-frame.js';
import type { LocalFrame } from '../geo/local-frame.js';
import { rasterToPolygons } from '../geo/raster-to-polygons.js';
import type { BooleanRaster, RasterPolygons } from '../geo/raster-to-polygons.js';
import { ToolError } from '../model/tool.js';
import type { Terrain } from '../terrain/terrain.js';

/** Eye height of a standing adult: a viewshed answers "what can a person here see". */
export const DEFAULT_OBSERVER_OFFSET_METERS = 1.75;
/** Atmospheric refraction coefficient, as in ArcGIS's Viewshed tool. */
export const REFRACTION_COEFFICIENT = 0.13;
/** The raster never exceeds this many cells from centre to edge, which bounds the work. */
export const MAX_CELLS_PER_RADIUS = 250;

const EARTH_RADIUS_METERS = 6_371_000;

export interface ViewshedOptions {
  readonly terrain: Terrain;
  readonly longitude: number;
  readonly latitude: number;
  readonly radiusMeters: number;
  /** Eye height above the ground at the observer; default DEFAULT_OBSERVER_OFFSET_METERS. */
  readonly observerOffsetMeters?: number;
  /** Lower distant targets for earth curvature less refraction (0.13); default true. */
  readonly curvature?: boolean;
}

export interface ViewshedResult {
  /** The azimuthal equidistant frame centred on the observer that the raster and rings are in. */
  readonly frame: LocalFrame;
  readonly observerElevation: number;
  /** Visibility (1 = visible), (2n+1)² cells centred on the observer's cell, row 0 southmost. */
  readonly raster: BooleanRaster & { readonly cells: Uint8Array };
  readonly visibleCellCount: number;
  /** The visible cells as Esri rings in local metres, with their area (m²) and perimeter (m). */
  readonly polygons: RasterPolygons;
}

type LocalElevation = (x: number, y: number) => number;

const LATTICE_INTERVALS = 64;

/**
 * Elevation at local metres. A proj4 inverse per sample would cost several times the terrain
 * lookup, so lon/lat are interpolated from a 65 × 65 lattice of exact inverses: over ≤ 100 km the
 * frame is so smooth that the error is centimetres. Near the poles longitudes swing too fast to
 * interpolate, so there every sample is projected exactly.
 */
function localElevation(terrain: Terrain, frame: LocalFrame, longitude: number, latitude: number, extent: number): LocalElevation {
  if (Math.abs(latitude) > 85) return (x, y) => terrain.elevationAt(...frame.toGeographic(x, y));
  const nodes = LATTICE_INTERVALS + 1;
  const step = (2 * extent) / LATTICE_INTERVALS;
  const lons = new Float64Array(nodes * nodes);
  const lats = new Float64Array(nodes * nodes);
  for (let j = 0; j < nodes; j++) {
    for (let i = 0; i < nodes; i++) {
      const [lon, lat] = frame.toGeographic(-extent + i * step, -extent + j * step);
      // Relative to the centre, so a lattice straddling ±180° interpolates without a jump.
      lons[j * nodes + i] = ((((lon - longitude) % 360) + 540) % 360) - 180;
      lats[j * nodes + i] = lat;
    }
  }
  const at = (array: Float64Array, k: number): number => array[k] ?? Number.NaN;
  return (x, y) => {
    const u = Math.min(Math.max((x + extent) / step, 0), LATTICE_INTERVALS - 1e-9);
    const v = Math.min(Math.max((y + extent) / step, 0), LATTICE_INTERVALS - 1e-9);
    const i = Math.floor(u);
    const j = Math.floor(v);
    const fu = u - i;
    const fv = v - j;
    const k = j * nodes + i;
    const w00 = (1 - fu) * (1 - fv);
    const w10 = fu * (1 - fv);
    const w01 = (1 - fu) * fv;
    const w11 = fu * fv;
    const dLon = w00 * at(lons, k) + w10 * at(lons, k + 1) + w01 * at(lons, k + nodes) + w11 * at(lons, k + nodes + 1);
    const lat = w00 * at(lats, k) + w10 * at(lats, k + 1) + w01 * at(lats, k + nodes) + w11 * at(lats, k + nodes + 1);
    let lon = longitude + dLon;
    if (lon > 180) lon -= 360;
    else if (lon < -180) lon += 360;
    return terrain.elevationAt(lon, lat);
  };
}

/**
 * Radial-sweep viewshed. Rays (≈ 2π·n for n cells of radius, so neighbouring rays are about a
 * cell apart at the edge) are stepped at the cell size, keeping the running maximum elevation
 * angle (as its tangent). A cell is visible iff its own angle is ≥ the maximum over the samples
 * of its nearest ray that are strictly closer to the observer, i.e. the steps before the one
 * the cell stands for; cells beyond the radius are not.
 */
export function computeViewshed(options: ViewshedOptions): ViewshedResult {
  const { terrain, longitude, latitude, radiusMeters } = options;
  if (!(radiusMeters > 0) || !Number.isFinite(radiusMeters))
    throw new RangeError(`Viewshed radius must be a positive distance, got ${radiusMeters}`);
  const offset = options.observerOffsetMeters ?? DEFAULT_OBSERVER_OFFSET_METERS;
  const observerElevation = terrain.elevationAt(longitude, latitude);
  if (Number.isNaN(observerElevation)) {
    throw new ToolError(`The terrain (${terrain.description}) has no elevation at the observer ${longitude}, ${latitude}`);
  }
  const cellSize = Math.max(terrain.cellSizeMeters, radiusMeters / MAX_CELLS_PER_RADIUS);
  const n = Math.ceil(radiusMeters / cellSize - 1e-9);
  const frame = createLocalFrame(longitude, latitude);
  const elevation = localElevation(terrain, frame, longitude, latitude, (n + 0.5) * cellSize);
  const eye = observerElevation + offset;
  const dropPerSquareMeter = options.curvature === false ? 0 : (1 - REFRACTION_COEFFICIENT) / (2 * EARTH_RADIUS_METERS);
  const slopeAt = (z: number, d: number): number => (z - dropPerSquareMeter * d * d - eye) / d;

  const rays = Math.max(8, Math.ceil(2 * Math.PI * n));
  const rayStep = (2 * Math.PI) / rays;
  // maxSlope[ray·(n+1) + k]: the steepest sample among steps 1..k of that ray.
  const maxSlope = new Float64Array(rays * (n + 1));
  for (let ray = 0; ray < rays; ray++) {
    const east = Math.sin(ray * rayStep);
    const north = Math.cos(ray * rayStep);
    let max = Number.NEGATIVE_INFINITY;
    const base = ray * (n + 1);
    maxSlope[base] = max;
    for (let k = 1; k <= n; k++) {
      const d = k * cellSize;
      const slope = slopeAt(elevation(d * east, d * north), d);
      if (slope > max) max = slope; // NaN (no data) never blocks
      maxSlope[base + k] = max;
    }
  }

  const width = 2 * n + 1;
  const cells = new Uint8Array(width * width);
  let visibleCellCount = 0;
  for (let r = 0; r < width; r++) {
    for (let c = 0; c < width; c++) {
      const x = (c - n) * cellSize;
      const y = (r - n) * cellSize;
      const d = Math.hypot(x, y);
      if (d > radiusMeters) continue;
      let visible = d === 0;
      if (!visible) {
        const ray = Math.round((Math.atan2(x, y) + 2 * Math.PI) / rayStep) % rays;
        // The cell stands in for step round(d / cellSize) of its ray; it is judged against the
        // steps before that one, not a sample a hair closer (which would be the cell itself).
        const closer = Math.min(Math.round(d / cellSize) - 1, n);
        visible = slopeAt(elevation(x, y), d) >= (maxSlope[ray * (n + 1) + closer] ?? Number.POSITIVE_INFINITY);
      }
      if (visible) {
        cells[r * width + c] = 1;
        visibleCellCount++;
      }
    }
  }
  const raster = { width, height: width, cells, cellSize, xmin: -(n + 0.5) * cellSize, ymin: -(n + 0.5) * cellSize };
  return { frame, observerElevation, raster, visibleCellCount, polygons: rasterToPolygons(raster) };
}
