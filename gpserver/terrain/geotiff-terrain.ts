import { basename } from 'node:path';
import { fromFile } from 'geotiff';
import type { GeoTIFFImage } from 'geotiff';
import { converterBetween, resolveSpatialReference, WGS84 } from '../../geo/spatial-reference.js';
import { affineOf, crsOf, invert } from '../raster/geotiff-georeference.js';
import { createGridTerrain } from './grid-terrain.js';
import type { Terrain } from './terrain.js';

/** A DEM file the server cannot use; the message names the file and the reason. */
export class GeoTiffTerrainError extends Error {
  override readonly name = 'GeoTiffTerrainError';
}

function groundDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.min(1, Math.sqrt(h)));
}

async function terrainFrom(image: GeoTIFFImage, name: string): Promise<Terrain> {
  const width = image.getWidth();
  const height = image.getHeight();
  const affine = affineOf(image);
  const crs = crsOf(image);
  const toRaster = invert(affine);
  // PixelIsArea (the default) puts raster (0, 0) at the first pixel's corner; PixelIsPoint at its centre.
  const centreOffset = image.getGeoKeys()?.GTRasterTypeGeoKey === 2 ? 0 : 0.5;
  const wgs84 = resolveSpatialReference(WGS84);
  const geographicToCrs = crs.key === wgs84.key ? undefined : converterBetween(wgs84, crs);
  const toPixel = (longitude: number, latitude: number): [number, number] => {
    const [x = Number.NaN, y = Number.NaN] =
      geographicToCrs === undefined ? [longitude, latitude] : geographicToCrs.forward([longitude, latitude]);
    const [i, j] = toRaster(x, y);
    return [i - centreOffset, j - centreOffset];
  };
  const toGeographic = (i: number, j: number): [number, number] => {
    const x = affine[0] * i + affine[1] * j + affine[2];
    const y = affine[3] * i + affine[4] * j + affine[5];
    const [lon = Number.NaN, lat = Number.NaN] = geographicToCrs === undefined ? [x, y] : geographicToCrs.inverse([x, y]);
    return [lon, lat];
  };
  // Ground size of the centre pixel: right for degrees and for scale-distorted projections alike.
  const [lon0, lat0] = toGeographic(width / 2, height / 2);
  const [lonX, latX] = toGeographic(width / 2 + 1, height / 2);
  const [lonY, latY] = toGeographic(width / 2, height / 2 + 1);
  const cellSizeMeters = Math.min(groundDistance(lon0, lat0, lonX, latX), groundDistance(lon0, lat0, lonY, latY));
  if (!(cellSizeMeters > 0)) throw new Error('its pixel size is not a positive ground distance');
  const values = await image.readRasters({ samples: [0], interleave: true });
  const noData = image.getGDALNoData();
  return createGridTerrain({
    description: `GeoTIFF ${name} (${width} × ${height}, ${crs.key}, ${Math.round(cellSizeMeters)} m cells)`,
    width,
    height,
    values,
    cellSizeMeters,
    toPixel,
    ...(noData === null ? {} : { noData }),
  });
}

/**
 * Loads the first band of a GeoTIFF DEM (elevations in metres) fully into memory. The CRS comes
 * from the GeoKeys and must be one the spatial-reference module knows (4326, 3857, UTM, …).
 * Throws GeoTiffTerrainError for a file it cannot read or place on the earth.
 */
export async function loadGeoTiffTerrain(path: string): Promise<Terrain> {
  let tiff: Awaited<ReturnType<typeof fromFile>> | undefined;
  try {
    tiff = await fromFile(path);
    return await terrainFrom(await tiff.getImage(0), basename(path));
  } catch (error) {
    throw new GeoTiffTerrainError(`Cannot use GeoTIFF ${path} as terrain: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  } finally {
    await tiff?.close();
  }
}
