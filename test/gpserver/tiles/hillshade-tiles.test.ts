import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePng } from '../../../gpserver/tiles/png.js';
import { TileCache } from '../../../gpserver/tiles/tile-cache.js';
import { rest, startGpServer } from '../../support/gp-server-fixture.js';
import { decodePng, PNG_SIGNATURE } from '../../support/png-decode.js';

const TILES = '/Elevation/Hillshade/MapServer/tile';

async function tile(
  servicesUrl: string,
  z: number,
  y: number,
  x: number,
): Promise<{ status: number; type: string | null; bytes: Uint8Array }> {
  const response = await fetch(`${servicesUrl}${TILES}/${z}/${y}/${x}`);
  return { status: response.status, type: response.headers.get('content-type'), bytes: new Uint8Array(await response.arrayBuffer()) };
}

function alphas(pixels: Uint8Array): Set<number> {
  return new Set(pixels.filter((_, i) => i % 2 === 1));
}

describe('PNG encoding', () => {
  it('should round-trip grey + alpha samples through a strict decoder', () => {
    const pixels = Uint8Array.from({ length: 3 * 2 * 2 }, (_, i) => (i * 37) & 0xff);
    const decoded = decodePng(encodePng(3, 2, 'grey-alpha', pixels));
    expect(decoded).toMatchObject({ width: 3, height: 2, bitDepth: 8, colorType: 4, chunks: ['IHDR', 'IDAT', 'IEND'] });
    expect([...decoded.pixels]).toEqual([...pixels]);
  });

  it('should refuse samples that do not fill the image', () => {
    expect(() => encodePng(2, 2, 'rgba', new Uint8Array(15))).toThrow(RangeError);
  });
});

describe('the tile cache', () => {
  it('should evict the least recently used tile first', () => {
    const cache = new TileCache<number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3);
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });
});

describe('hillshade tiles (Elevation/Hillshade/MapServer)', () => {
  it('should answer a 256 × 256 PNG for a tile', async () => {
    const server = await startGpServer();
    const { status, type, bytes } = await tile(server.servicesUrl, 11, 802, 343);
    expect([status, type]).toEqual([200, 'image/png']);
    expect([...bytes.subarray(0, 8)]).toEqual([...PNG_SIGNATURE]);
    const png = decodePng(bytes);
    expect(png).toMatchObject({ width: 256, height: 256, bitDepth: 8, colorType: 4 });
    // The synthetic terrain covers the whole world: every pixel is opaque, and shading varies.
    expect(alphas(png.pixels)).toEqual(new Set([255]));
    expect(new Set(png.pixels.filter((_, i) => i % 2 === 0)).size).toBeGreaterThan(50);
  });

  it('should shade the same place differently at two zoom levels', async () => {
    const server = await startGpServer();
    // (-119.68, 36.31) lies in tile 11/802/343 and in its parent 10/401/171.
    const [child, parent] = await Promise.all([tile(server.servicesUrl, 11, 802, 343), tile(server.servicesUrl, 10, 401, 171)]);
    expect([child.status, parent.status]).toEqual([200, 200]);
    expect(Buffer.from(child.bytes).equals(parent.bytes)).toBe(false);
  });

  it('should answer the same bytes again from its cache', async () => {
    const server = await startGpServer();
    const first = await tile(server.servicesUrl, 12, 1604, 686);
    const second = await tile(server.servicesUrl, 12, 1604, 686);
    expect(Buffer.from(second.bytes).equals(first.bytes)).toBe(true);
  });

  it.each([
    ['a row past the level', '1/2/0'],
    ['a column past the level', '3/0/8'],
    ['a level past 18', '19/0/0'],
    ['a negative row', '2/-1/0'],
    ['a fractional column', '2/0/1.5'],
    ['a missing column', '2/0'],
    ['an extra segment', '2/0/0/1'],
  ])('should answer 404 for %s', async (_, path) => {
    const server = await startGpServer();
    const response = await fetch(`${server.servicesUrl}${TILES}/${path}`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 404 } });
  });

  it('should describe the tiling scheme on the MapServer resource', async () => {
    const server = await startGpServer();
    const info = await rest(`${server.servicesUrl}/Elevation/Hillshade/MapServer`);
    expect(info).toMatchObject({
      singleFusedMapCache: true,
      spatialReference: { wkid: 102100, latestWkid: 3857 },
      tileInfo: { rows: 256, cols: 256, format: 'PNG32', origin: { x: -20037508.342789244, y: 20037508.342789244 } },
    });
    const lods = (info.tileInfo as { lods: { level: number; resolution: number }[] }).lods;
    expect(lods).toHaveLength(19);
    expect(lods[0]?.resolution).toBeCloseTo(156543.03392804097, 6);
  });
});

describe('hillshade tiles over a GeoTIFF (--dem)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'gpserver-tiles-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('should shade the DEM and leave the area outside it transparent', async () => {
    // 20 × 20 pixels of 0.01° over 10–10.2°E, 45.8–46°N: a 1000 m step between the west and east halves.
    const values = Float32Array.from({ length: 400 }, (_, i) => (i % 20 < 10 ? 500 : 1500));
    const path = join(dir, 'step.tif');
    await writeFile(
      path,
      Buffer.from(
        writeArrayBuffer(values, {
          width: 20,
          height: 20,
          ModelPixelScale: [0.01, 0.01, 0],
          ModelTiepoint: [0, 0, 0, 10, 46, 0],
          GeographicTypeGeoKey: 4326,
          GTModelTypeGeoKey: 2,
          GTRasterTypeGeoKey: 1,
        }),
      ),
    );
    const server = await startGpServer({ demPath: path });
    const png = decodePng((await tile(server.servicesUrl, 10, 364, 540)).bytes);
    expect(alphas(png.pixels)).toEqual(new Set([0, 255]));
    // Flat ground shades at cos(45°) ≈ 180; the step's slopes shade otherwise.
    const greys = new Set(png.pixels.filter((_, i) => i % 2 === 0 && png.pixels[i + 1] === 255));
    expect(greys.has(180)).toBe(true);
    expect(greys.size).toBeGreaterThan(2);
  });
});
