import { writeArrayBuffer } from 'geotiff';

/** A single band of float32 cells on a north-up WGS84 grid. */
export interface Wgs84Raster {
  /** Longitude of the grid's west edge and latitude of its north edge, in degrees. */
  readonly west: number;
  readonly north: number;
  readonly width: number;
  readonly height: number;
  /** Cell size in degrees of longitude and of latitude. */
  readonly cellWidth: number;
  readonly cellHeight: number;
  /** Row-major, the northernmost row first. */
  readonly values: Float32Array;
  /** The value that means "no data", written as GDAL's GDAL_NODATA tag. */
  readonly noData?: number;
}

/**
 * A GeoTIFF as GDAL writes a geographic raster, so ArcGIS, GDAL, QGIS and this server's own readers
 * place it: EPSG:4326 by GeographicTypeGeoKey, PixelIsArea, georeferenced by ModelTiepoint (the
 * north-west corner of the first cell) and ModelPixelScale. geotiff.js writes it uncompressed in one
 * strip, about 0.6 s per million cells.
 */
export function encodeWgs84GeoTiff(raster: Wgs84Raster): Uint8Array {
  if (raster.values.length !== raster.width * raster.height) {
    throw new RangeError(
      `A ${raster.width} × ${raster.height} raster needs ${raster.width * raster.height} values, got ${raster.values.length}`,
    );
  }
  const bytes = writeArrayBuffer(raster.values, {
    width: raster.width,
    height: raster.height,
    ModelPixelScale: [raster.cellWidth, raster.cellHeight, 0],
    ModelTiepoint: [0, 0, 0, raster.west, raster.north, 0],
    GTModelTypeGeoKey: 2,
    GTRasterTypeGeoKey: 1,
    GeographicTypeGeoKey: 4326,
    GeogCitationGeoKey: 'WGS 84',
    ...(raster.noData === undefined ? {} : { GDAL_NODATA: String(raster.noData) }),
  });
  return new Uint8Array(bytes);
}
