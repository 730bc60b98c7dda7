/**
 * An elevation model. Coordinates are geographic (WGS84 longitude, latitude in degrees);
 * elevations are metres above the ellipsoid's sea level.
 */
export interface Terrain {
  /** A short description for messages and the README (e.g. "synthetic world terrain"). */
  readonly description: string;
  /** Ground sample distance in metres: the spacing a viewshed samples at. */
  readonly cellSizeMeters: number;
  /** Elevation at a geographic position; NaN where the model has no data. */
  elevationAt(longitude: number, latitude: number): number;
}
