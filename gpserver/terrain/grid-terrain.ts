import { createLocalFrame } from '../geo/local-frame.js';
import type { Terrain } from './terrain.js';

/**
 * Two ways to build a Terrain by hand:
 * - `createGridTerrain`: a raster of elevations plus a function that places a geographic point
 *   on it (the GeoTIFF loader uses this; the mapping hides the raster's own CRS);
 * - `createLocalTerrain`: a function of metres east/north of a centre point, for tests that want
 *   "a wall 500 m east of the observer" without building a raster.
 */

export interface GridTerrainOptions {
  readonly description: string;
  readonly width: number;
  readonly height: number;
  /** Row-major elevations in metres, `width × height`; row 0 is the first row of the raster. */
  readonly values: ArrayLike<number>;
  /** Ground size of a pixel, for callers that choose a sampling step. */
  readonly cellSizeMeters: number;
  /**
   * Where a geographic point falls on the raster, as fractional (column, row) with whole
   * numbers at pixel centres: (0, 0) is the centre of the first pixel.
   */
  readonly toPixel: (longitude: number, latitude: number) => readonly [number, number];
  /** A value meaning "no data" (besides NaN), e.g. GDAL_NODATA. */
  readonly noData?: number;
}

/**
 * Bilinear sampling over the pixel centres. The outer half pixel takes the edge value and
 * anything farther out is NaN. NaN neighbours drop out of the weights while the valid ones
 * still carry at least half of them, so data ends about halfway to a no-data pixel rather
 * than a whole pixel before it.
 */
export function createGridTerrain(options: GridTerrainOptions): Terrain {
  const { width, height, toPixel } = options;
  if (!(width > 0 && height > 0) || options.values.length !== width * height) {
    throw new RangeError(`Grid terrain needs ${width} × ${height} values, got ${options.values.length}`);
  }
  const values = Float64Array.from(options.values, (v) => (v === options.noData ? Number.NaN : v));
  const at = (c: number, r: number): number => values[r * width + c] ?? Number.NaN;
  return {
    description: options.description,
    cellSizeMeters: options.cellSizeMeters,
    elevationAt(longitude, latitude) {
      const [px, py] = toPixel(longitude, latitude);
      if (!(px >= -0.5 && py >= -0.5 && px <= width - 0.5 && py <= height - 0.5)) return Number.NaN;
      const x = Math.min(Math.max(px, 0), width - 1);
      const y = Math.min(Math.max(py, 0), height - 1);
      const c0 = Math.min(Math.floor(x), Math.max(width - 2, 0));
      const r0 = Math.min(Math.floor(y), Math.max(height - 2, 0));
      const c1 = Math.min(c0 + 1, width - 1);
      const r1 = Math.min(r0 + 1, height - 1);
      const fx = x - c0;
      const fy = y - r0;
      let sum = 0;
      let weight = 0;
      const add = (value: number, w: number): void => {
        if (w > 0 && !Number.isNaN(value)) {
          sum += value * w;
          weight += w;
        }
      };
      add(at(c0, r0), (1 - fx) * (1 - fy));
      add(at(c1, r0), fx * (1 - fy));
      add(at(c0, r1), (1 - fx) * fy);
      add(at(c1, r1), fx * fy);
      return weight >= 0.5 ? sum / weight : Number.NaN;
    },
  };
}

export interface LocalTerrainOptions {
  readonly longitude: number;
  readonly latitude: number;
  readonly cellSizeMeters: number;
  readonly description?: string;
  /** Elevation in metres at a point `x` metres east and `y` metres north of the centre. */
  readonly elevation: (x: number, y: number) => number;
}

/** A terrain defined in the azimuthal equidistant frame of a centre point (see createLocalFrame). */
export function createLocalTerrain(options: LocalTerrainOptions): Terrain {
  const frame = createLocalFrame(options.longitude, options.latitude);
  const { elevation } = options;
  return {
    description: options.description ?? `local terrain around ${options.longitude}, ${options.latitude}`,
    cellSizeMeters: options.cellSizeMeters,
    elevationAt(longitude, latitude) {
      const [x, y] = frame.toLocal(longitude, latitude);
      return elevation(x, y);
    },
  };
}
