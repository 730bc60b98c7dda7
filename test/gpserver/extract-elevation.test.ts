import { fromArrayBuffer } from 'geotiff';
import { describe, expect, it } from 'vitest';
import { projectGeometry } from '../../geo/project.js';
import { createSyntheticTerrain } from '../../gpserver/terrain/synthetic-terrain.js';
import { rest, runJob, startGpServer, type Json } from '../support/gp-server-fixture.js';

const AREA = { xmin: -119.7, ymin: 37.6, xmax: -119.5, ymax: 37.8, spatialReference: { wkid: 4326 } };

function extractElevation(server: { servicesUrl: string }): string {
  return `${server.servicesUrl}/Elevation/ExtractElevation/GPServer/ExtractElevation`;
}

interface ReadTiff {
  width: number;
  height: number;
  west: number;
  north: number;
  cellWidth: number;
  cellHeight: number;
  values: Float32Array;
  geoKeys: Json;
  noData: number | null;
  sampleFormat: unknown;
  bitsPerSample: unknown;
}

async function readTiff(url: string): Promise<ReadTiff> {
  const response = await fetch(url);
  expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/tiff']);
  const tiff = await fromArrayBuffer(await response.arrayBuffer());
  const image = await tiff.getImage(0);
  const [west = 0, north = 0] = image.getOrigin();
  const [cellWidth = 0, cellHeight = 0] = image.getResolution();
  const values = (await image.readRasters({ samples: [0], interleave: true })) as unknown as Float32Array;
  return {
    width: image.getWidth(),
    height: image.getHeight(),
    west,
    north,
    cellWidth,
    cellHeight: -cellHeight,
    values,
    geoKeys: (image.getGeoKeys() ?? {}) as Json,
    noData: image.getGDALNoData(),
    sampleFormat: image.getSampleFormat(0),
    bitsPerSample: image.getBitsPerSample(0),
  };
}

describe('Elevation/ExtractElevation: the elevation model over an area as a GeoTIFF job result', () => {
  it('should publish the task with its parameters', async () => {
    const server = await startGpServer();
    const task = await rest(extractElevation(server));
    expect(task).toMatchObject({ name: 'ExtractElevation', displayName: 'Extract Elevation', category: 'Elevation' });
    expect((task.parameters as Json[]).map((p) => [p.name, p.dataType, p.parameterType, p.defaultValue])).toEqual([
      ['Area_Of_Interest', 'GPExtent', 'esriGPParameterTypeRequired', expect.objectContaining({ spatialReference: { wkid: 4326 } })],
      ['Cell_Size', 'GPLinearUnit', 'esriGPParameterTypeOptional', { distance: 250, units: 'esriMeters' }],
      ['Output_Raster', 'GPRasterDataLayer', 'esriGPParameterTypeDerived', null],
    ]);
    expect(await rest(`${server.servicesUrl}/Elevation/ExtractElevation/GPServer`)).toMatchObject({
      executionType: 'esriExecutionTypeAsynchronous',
      tasks: ['ExtractElevation'],
    });
  });

  it('should write a float32 WGS84 GeoTIFF of the terrain under arcgisjobs, its cells the terrain at their centres', async () => {
    const server = await startGpServer();
    const { jobUrl, jobId, status } = await runJob(extractElevation(server), {
      Area_Of_Interest: AREA,
      Cell_Size: { distance: 500, units: 'esriMeters' },
    });
    expect(status.jobStatus).toBe('esriJobSucceeded');
    expect(JSON.stringify(status.messages)).toMatch(/Extracting \d+ × \d+ cells of 500 m/);
    const result = await rest(`${jobUrl}/results/Output_Raster`);
    expect(result).toEqual({
      paramName: 'Output_Raster',
      dataType: 'GPRasterDataLayer',
      value: {
        url: `${server.origin}/arcgis/rest/directories/arcgisjobs/elevation/extractelevation_gpserver/${jobId}/scratch/elevation.tif`,
        format: 'tif',
      },
    });
    const tiff = await readTiff((result.value as { url: string }).url);
    expect(tiff.geoKeys).toMatchObject({ GTModelTypeGeoKey: 2, GTRasterTypeGeoKey: 1, GeographicTypeGeoKey: 4326 });
    expect([tiff.sampleFormat, tiff.bitsPerSample, tiff.noData]).toEqual([3, 32, -9999]);
    // The north-west corner is the area's; 500 m cells at 37.7° N; the grid covers the area by less than a cell more.
    expect([tiff.west, tiff.north]).toEqual([-119.7, 37.8]);
    expect(tiff.cellHeight * 111_000).toBeCloseTo(500, -1);
    expect(tiff.cellWidth * 111_000 * Math.cos((37.7 * Math.PI) / 180)).toBeCloseTo(500, -1);
    for (const [cells, cell, span] of [
      [tiff.width, tiff.cellWidth, 0.2],
      [tiff.height, tiff.cellHeight, 0.2],
    ] as const) {
      expect(cells * cell).toBeGreaterThanOrEqual(span - 1e-9);
      expect((cells - 1) * cell).toBeLessThan(span);
    }
    expect([tiff.width, tiff.height]).toEqual([36, 45]);
    const terrain = createSyntheticTerrain();
    for (const [column, row] of [
      [0, 0],
      [17, 22],
      [tiff.width - 1, tiff.height - 1],
      [5, 40],
    ] as const) {
      const longitude = tiff.west + (column + 0.5) * tiff.cellWidth;
      const latitude = tiff.north - (row + 0.5) * tiff.cellHeight;
      expect(tiff.values[row * tiff.width + column]).toBeCloseTo(terrain.elevationAt(longitude, latitude), 2);
    }
    expect(Math.max(...tiff.values) - Math.min(...tiff.values)).toBeGreaterThan(100);
  });

  it('should take the area of interest in another spatial reference and the cell size in other units', async () => {
    const server = await startGpServer();
    // The same area in Web Mercator, with 0.5 km cells.
    const mercator = projectGeometry(AREA, AREA.spatialReference, { wkid: 102100 });
    const { jobUrl, status } = await runJob(extractElevation(server), {
      Area_Of_Interest: mercator,
      Cell_Size: { distance: 0.5, units: 'esriKilometers' },
    });
    expect(status.jobStatus).toBe('esriJobSucceeded');
    const tiff = await readTiff(((await rest(`${jobUrl}/results/Output_Raster`)).value as { url: string }).url);
    expect(tiff.geoKeys).toMatchObject({ GeographicTypeGeoKey: 4326 });
    expect(tiff.west).toBeCloseTo(-119.7, 6);
    expect(tiff.north).toBeCloseTo(37.8, 6);
    expect([tiff.width, tiff.height]).toEqual([36, 45]);
  });

  it('should refuse too many cells and an area beyond the world as invalid parameters, submitting no job', async () => {
    const server = await startGpServer();
    const tooFine = await rest(
      `${extractElevation(server)}/submitJob`,
      { Area_Of_Interest: { ...AREA, xmax: -109.7 }, Cell_Size: { distance: 10, units: 'esriMeters' } },
      { method: 'POST' },
    );
    expect(tooFine).toEqual({
      error: {
        code: 400,
        message: 'Unable to complete operation.',
        details: [
          expect.stringMatching(
            /^Invalid value for parameter 'Cell_Size' \(Cell Size\): 10 esriMeters over the area of interest makes 88,\d{3} × 2,\d{3} = \d{3},\d{3},\d{3} cells, more than the 4,000,000 allowed; use a larger cell size or a smaller area$/,
          ),
        ],
      },
    });
    const beyond = await rest(`${extractElevation(server)}/submitJob`, { Area_Of_Interest: { ...AREA, ymax: 95 } }, { method: 'POST' });
    expect(beyond).toMatchObject({
      error: { code: 400, details: [expect.stringMatching(/^Invalid value for parameter 'Area_Of_Interest' .*latitudes -90 to 90$/)] },
    });
    const flat = await rest(`${extractElevation(server)}/submitJob`, { Area_Of_Interest: { ...AREA, ymax: 37.6 } }, { method: 'POST' });
    expect(flat).toMatchObject({ error: { details: [expect.stringMatching(/'Area_Of_Interest' .*the extent has no area$/)] } });
    const zero = await rest(
      `${extractElevation(server)}/submitJob`,
      { Cell_Size: { distance: 0, units: 'esriMeters' } },
      { method: 'POST' },
    );
    expect(zero).toMatchObject({ error: { details: [expect.stringMatching(/'Cell_Size' .*greater than zero$/)] } });
  });
});
