import { fromFile } from 'geotiff';
import type { ResolvedSpatialReference } from '../../geo/spatial-reference.js';
import { affineOf, crsOf, invert } from './geotiff-georeference.js';

/** The first band of a GeoTIFF, with where its pixels lie. */
export interface ValueRaster {
  readonly width: number;
  readonly height: number;
  readonly values: ArrayLike<number>;
  readonly noData: number | undefined;
  readonly crs: ResolvedSpatialReference;
  /** CRS x, y → fractional raster column, row (pixel corners at whole numbers). */
  readonly toRaster: (x: number, y: number) => [number, number];
}

/** The cells a tool may read from one raster: ~400 MB of float64 at most. */
export const MAX_RASTER_CELLS = 50_000_000;

/** Reads the first band of a GeoTIFF; throws with the reason when it is no raster this server can place. */
export async function readValueRaster(path: string): Promise<ValueRaster> {
  const tiff = await fromFile(path);
  try {
    const image = await tiff.getImage(0);
    const width = image.getWidth();
    const height = image.getHeight();
    if (width * height > MAX_RASTER_CELLS) throw new Error(`it has ${width * height} cells; at most ${MAX_RASTER_CELLS} are read`);
    const crs = crsOf(image);
    const toRaster = invert(affineOf(image));
    const values = (await image.readRasters({ samples: [0], interleave: true })) as unknown as ArrayLike<number>;
    const noData = image.getGDALNoData();
    return { width, height, values, noData: noData ?? undefined, crs, toRaster };
  } finally {
    await tiff.close();
  }
}
