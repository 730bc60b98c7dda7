/**
 * The Web Mercator (EPSG:3857) XYZ tiling that ArcGIS (`MapServer/tile/{level}/{row}/{column}`),
 * Leaflet and OSM share: level z has 2^z × 2^z tiles of 256 px, row 0 at the north edge
 * (±85.0511°), column 0 at 180° W.
 */

export const TILE_SIZE = 256;
export const MAX_LEVEL = 18;
/** WGS84 semi-major axis: the sphere Web Mercator projects onto. */
export const EARTH_RADIUS = 6_378_137;

export interface TileAddress {
  readonly level: number;
  readonly row: number;
  readonly column: number;
}

/** The tile for `/{level}/{row}/{column}` path segments, or undefined when malformed or out of range. */
export function tileAddress(level: string, row: string, column: string): TileAddress | undefined {
  const [z, y, x] = [level, row, column].map((s) => (/^\d{1,9}$/.test(s) ? Number(s) : Number.NaN));
  if (z === undefined || y === undefined || x === undefined || !(z <= MAX_LEVEL)) return undefined;
  const count = 2 ** z;
  if (!(y < count && x < count)) return undefined;
  return { level: z, row: y, column: x };
}

/** Longitude of a global pixel column (fractional) at a level. */
export function longitudeOf(globalX: number, level: number): number {
  return (globalX / (TILE_SIZE * 2 ** level)) * 360 - 180;
}

/** Latitude of a global pixel row (fractional) at a level. */
export function latitudeOf(globalY: number, level: number): number {
  const n = Math.PI * (1 - (2 * globalY) / (TILE_SIZE * 2 ** level));
  return (Math.atan(Math.sinh(n)) * 180) / Math.PI;
}

/** Ground size in metres of one pixel at a latitude and level. */
export function metersPerPixel(latitude: number, level: number): number {
  return (2 * Math.PI * EARTH_RADIUS * Math.cos((latitude * Math.PI) / 180)) / (TILE_SIZE * 2 ** level);
}
