import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import type { GeotiffWriterMetadata } from 'geotiff';
import { wgs84Grid } from '../../support/geotiff-metadata.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGeoTiffTerrain } from '../../../gpserver/terrain/geotiff-terrain.js';
import { createGridTerrain } from '../../../gpserver/terrain/grid-terrain.js';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'geotiff-terrain-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function writeTiff(name: string, values: number[], metadata: GeotiffWriterMetadata): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, Buffer.from(writeArrayBuffer(Float32Array.from(values), metadata)));
  return path;
}

// 4 × 3 pixels of 0.01°, north-west corner at (10°E, 46°N): pixel (c, r) = 100·r + 10·c.
const VALUES = [0, 10, 20, 30, 100, 110, 120, 130, 200, 210, 220, -9999];
const GEOGRAPHIC: GeotiffWriterMetadata = wgs84Grid({ width: 4, height: 3, pixel: 0.01, west: 10, north: 46, noData: -9999 });

describe('loadGeoTiffTerrain', () => {
  it('samples pixel centres exactly and interpolates bilinearly between them (EPSG:4326)', async () => {
    const terrain = await loadGeoTiffTerrain(await writeTiff('geographic.tif', VALUES, { ...GEOGRAPHIC }));
    expect(terrain.elevationAt(10.005, 45.995)).toBeCloseTo(0, 3); // centre of pixel (0, 0)
    expect(terrain.elevationAt(10.015, 45.985)).toBeCloseTo(110, 3); // centre of pixel (1, 1)
    expect(terrain.elevationAt(10.01, 45.99)).toBeCloseTo(55, 3); // between four centres
    expect(terrain.elevationAt(10.001, 45.999)).toBeCloseTo(0, 3); // outer half pixel: edge value
    expect(terrain.elevationAt(9.9, 46)).toBeNaN(); // off the raster
    expect(terrain.cellSizeMeters).toBeGreaterThan(700);
    expect(terrain.cellSizeMeters).toBeLessThan(1200);
    expect(terrain.description).toContain('geographic.tif');
  });

  it('treats GDAL_NODATA as NaN at the no-data pixel', async () => {
    const terrain = await loadGeoTiffTerrain(await writeTiff('nodata.tif', VALUES, { ...GEOGRAPHIC }));
    expect(terrain.elevationAt(10.035, 45.975)).toBeNaN(); // centre of pixel (3, 2)
    expect(terrain.elevationAt(10.025, 45.975)).toBeCloseTo(220, 3);
  });

  it('reads a Web Mercator raster (EPSG:3857)', async () => {
    const path = await writeTiff('mercator.tif', VALUES, {
      width: 4,
      height: 3,
      ModelPixelScale: [100, 100, 0],
      ModelTiepoint: [0, 0, 0, 1_000_000, 6_000_000, 0],
      ProjectedCSTypeGeoKey: 3857,
      GTModelTypeGeoKey: 1,
      GTRasterTypeGeoKey: 1,
    });
    const terrain = await loadGeoTiffTerrain(path);
    // Centre of pixel (2, 1) is x = 1 000 250, y = 5 999 850 in Web Mercator.
    const R = 6378137;
    const lon = (1_000_250 / R) * (180 / Math.PI);
    const lat = (2 * Math.atan(Math.exp(5_999_850 / R)) - Math.PI / 2) * (180 / Math.PI);
    expect(terrain.elevationAt(lon, lat)).toBeCloseTo(120, 2);
    // 100 m of Web Mercator at ~47° N is about 68 m on the ground.
    expect(terrain.cellSizeMeters).toBeGreaterThan(60);
    expect(terrain.cellSizeMeters).toBeLessThan(75);
  });

  it('fails clearly for a missing file and for an unusable CRS', async () => {
    await expect(loadGeoTiffTerrain(join(dir, 'absent.tif'))).rejects.toThrow(/Cannot use GeoTIFF .*absent\.tif/);
    const path = await writeTiff('odd-crs.tif', VALUES, {
      ...GEOGRAPHIC,
      GeographicTypeGeoKey: undefined,
      ProjectedCSTypeGeoKey: 29_999,
      GTModelTypeGeoKey: 1,
    });
    await expect(loadGeoTiffTerrain(path)).rejects.toThrow(/Cannot use GeoTIFF .*29999/);
  });
});

describe('createGridTerrain', () => {
  it('rejects a value array of the wrong size', () => {
    expect(() =>
      createGridTerrain({ description: 'x', width: 2, height: 2, values: [1, 2, 3], cellSizeMeters: 1, toPixel: () => [0, 0] }),
    ).toThrow(RangeError);
  });
});
