import type { GeotiffWriterMetadata } from 'geotiff';

/** GeoTIFF writer metadata for a WGS84 grid of square `pixel`-degree cells whose north-west corner is (west, north). */
export function wgs84Grid(grid: {
  width: number;
  height: number;
  pixel: number;
  west: number;
  north: number;
  noData?: number;
}): GeotiffWriterMetadata {
  return {
    width: grid.width,
    height: grid.height,
    ModelPixelScale: [grid.pixel, grid.pixel, 0],
    ModelTiepoint: [0, 0, 0, grid.west, grid.north, 0],
    GeographicTypeGeoKey: 4326,
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    ...(grid.noData === undefined ? {} : { GDAL_NODATA: String(grid.noData) }),
  };
}
