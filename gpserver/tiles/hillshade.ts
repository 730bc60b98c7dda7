import type { Terrain } from '../terrain/terrain.js';
import { latitudeOf, longitudeOf, metersPerPixel, TILE_SIZE, type TileAddress } from './web-mercator.js';

/**
 * Hillshade of one tile as grey + alpha samples, the way ArcGIS's Hillshade function computes
 * it (https://pro.arcgis.com/en/pro-app/latest/tool-reference/3d-analyst/how-hillshade-works.htm):
 * Horn's 3 × 3 slope and aspect, sun at azimuth 315°, altitude 45°. Pixels without elevation
 * are transparent.
 */

const ZENITH = ((90 - 45) * Math.PI) / 180;
const AZIMUTH = ((360 - 315 + 90) * Math.PI) / 180;

/**
 * At small scales the ground slope of a pixel tens of kilometres wide is nearly flat, so relief is
 * exaggerated there (a scale-adjusted z-factor, as ArcGIS's multidirectional hillshade does).
 */
export function zFactor(level: number): number {
  return Math.max(1, 2 ** ((12 - level) * 0.5));
}

export function renderHillshade(terrain: Terrain, tile: TileAddress): Uint8Array {
  const size = TILE_SIZE;
  const side = size + 2;
  const x0 = tile.column * size;
  const y0 = tile.row * size;
  // Elevations with a one-pixel border, so edge pixels have all eight neighbours (seamless tiles).
  const elevations = new Float64Array(side * side);
  const longitudes = Float64Array.from({ length: side }, (_, i) => longitudeOf(x0 + i - 1 + 0.5, tile.level));
  const cellSizes = new Float64Array(side);
  for (let j = 0; j < side; j++) {
    const latitude = latitudeOf(y0 + j - 1 + 0.5, tile.level);
    cellSizes[j] = metersPerPixel(latitude, tile.level);
    for (let i = 0; i < side; i++) elevations[j * side + i] = terrain.elevationAt(longitudes[i] ?? 0, latitude);
  }
  const z = zFactor(tile.level);
  const out = new Uint8Array(size * size * 2);
  const at = (i: number, j: number, fallback: number): number => {
    const v = elevations[j * side + i] ?? Number.NaN;
    return Number.isNaN(v) ? fallback : v;
  };
  for (let j = 1; j <= size; j++) {
    const cell = (cellSizes[j] ?? 1) * 8;
    for (let i = 1; i <= size; i++) {
      const e = elevations[j * side + i] ?? Number.NaN;
      const o = ((j - 1) * size + (i - 1)) * 2;
      if (Number.isNaN(e)) continue; // grey 0, alpha 0
      const a = at(i - 1, j - 1, e),
        b = at(i, j - 1, e),
        c = at(i + 1, j - 1, e);
      const d = at(i - 1, j, e),
        f = at(i + 1, j, e);
      const g = at(i - 1, j + 1, e),
        h = at(i, j + 1, e),
        k = at(i + 1, j + 1, e);
      const dzdx = (c + 2 * f + k - (a + 2 * d + g)) / cell;
      // Rows run south, so "north minus south" is the top row minus the bottom row.
      const dzdy = (g + 2 * h + k - (a + 2 * b + c)) / cell;
      const slope = Math.atan(z * Math.hypot(dzdx, dzdy));
      const aspect = Math.atan2(dzdy, -dzdx);
      const shade = Math.cos(ZENITH) * Math.cos(slope) + Math.sin(ZENITH) * Math.sin(slope) * Math.cos(AZIMUTH - aspect);
      out[o] = Math.round(255 * Math.max(0, shade));
      out[o + 1] = 255;
    }
  }
  return out;
}
