import { writeArrayBuffer } from 'geotiff';
import { wgs84Grid } from './geotiff-metadata.js';

type Json = Record<string, unknown>;

/** 10 × 10 cells of 0.01° from (10°E, 46°N) down to (10.1°E, 45.9°N); cell (c, r) holds c + 10·r; cell (9, 9) is no data. */
export function valueRaster(): Uint8Array<ArrayBuffer> {
  const values = Float32Array.from({ length: 100 }, (_, i) => (i === 99 ? -9999 : i));
  return new Uint8Array(writeArrayBuffer(values, wgs84Grid({ width: 10, height: 10, pixel: 0.01, west: 10, north: 46, noData: -9999 })));
}

/** A rectangle in WGS84 covering whole cells; clockwise as Esri outer rings are. */
function box(name: string, west: number, south: number, east: number, north: number): Json {
  return {
    geometry: {
      rings: [
        [
          [west, south],
          [west, north],
          [east, north],
          [east, south],
          [west, south],
        ],
      ],
    },
    attributes: { NAME: name },
  };
}

export const ZONES = {
  geometryType: 'esriGeometryPolygon',
  spatialReference: { wkid: 4326 },
  // The north-west 2 × 2 cells (values 0, 1, 10, 11), and the south-east 2 × 2 (88, 89, 98, no data).
  features: [box('north-west', 10.0, 45.98, 10.02, 46.0), box('south-east', 10.08, 45.9, 10.1, 45.92), box('outside', 11, 45, 11.1, 45.1)],
};
