import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeArrayBuffer } from 'geotiff';
import { wgs84Grid } from '../support/geotiff-metadata.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFinal, pollJob, rest, startGpServer } from '../support/gp-server-fixture.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gpserver-dem-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A 20 × 20 GeoTIFF of 0.01° pixels over (10–10.2°E, 45.8–46°N): west half at 500 m, east half at 1500 m. */
async function writeStepDem(): Promise<string> {
  const values = Float32Array.from({ length: 400 }, (_, i) => (i % 20 < 10 ? 500 : 1500));
  const tiff = writeArrayBuffer(values, wgs84Grid({ width: 20, height: 20, pixel: 0.01, west: 10, north: 46 }));
  const path = join(dir, 'step.tif');
  await writeFile(path, Buffer.from(tiff));
  return path;
}

describe('a GeoTIFF elevation model (--dem)', () => {
  it('should compute with the DEM instead of the synthetic terrain', async () => {
    const server = await startGpServer({ demPath: await writeStepDem() });
    const task = `${server.servicesUrl}/Analysis/ElevationStatistics/GPServer/ElevationStatistics`;
    const west = { xmin: 10.02, ymin: 45.82, xmax: 10.08, ymax: 45.98, spatialReference: { wkid: 4326 } };
    const submitted = await rest(`${task}/submitJob`, { Area_Of_Interest: west, Band_Count: 2, Step_Delay_Ms: 0 });
    const jobUrl = `${task}/jobs/${String(submitted.jobId)}`;
    const { status } = await pollJob(jobUrl, isFinal);
    expect(status.jobStatus).toBe('esriJobSucceeded');
    expect((await rest(`${jobUrl}/results/Mean_Elevation`)).value).toBe(500);
  });

  it('should see nothing of the high ground behind a cliff from below', async () => {
    const server = await startGpServer({ demPath: await writeStepDem() });
    const observer = {
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 4326 },
      features: [{ geometry: { x: 10.05, y: 45.9 }, attributes: {} }],
    };
    const body = await rest(`${server.servicesUrl}/Elevation/ESRI_Elevation_World/GPServer/Viewshed/execute`, {
      Input_Observation_Point: observer,
      Viewshed_Distance: { distance: 3, units: 'esriKilometers' },
    });
    const value = (body.results as { value: { features: { geometry: { rings: number[][][] } }[] } }[])[0]?.value;
    const xs = (value?.features[0]?.geometry.rings ?? []).flat().map(([x = 0]) => x);
    // The plateau starts at 10.1°E; beyond its edge (a few cells' slack) nothing is visible.
    expect(Math.max(...xs)).toBeLessThan(10.105);
    expect(Math.min(...xs)).toBeLessThan(10.02);
  });
});
