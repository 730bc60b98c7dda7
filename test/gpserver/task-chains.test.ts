import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createSyntheticTerrain } from '../../gpserver/terrain/synthetic-terrain.js';
import { rest, runJob, startGpServer, type Json } from '../support/gp-server-fixture.js';

/**
 * Chains of tasks run by hand over REST, as a workflow runs them on the server: a job's result
 * passed on by URL, a file result by `{"url"}` and a feature set result by `{"url"}`.
 */

const AREA = { xmin: -119.75, ymin: 37.6, xmax: -119.45, ymax: 37.85, spatialReference: { wkid: 4326 } };
const POINTS = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  features: [
    { geometry: { x: -119.6, y: 37.7 }, attributes: { NAME: 'valley' } },
    { geometry: { x: -119.52, y: 37.78 }, attributes: { NAME: 'ridge' } },
  ],
};
const USERS = [
  { username: 'analyst', password: 'correct horse' },
  { username: 'other', password: 'battery staple' },
];

type Row = Record<'COUNT' | 'MIN' | 'MAX' | 'MEAN', number> & { ZONE: string };
type Polygon = { geometry: { rings: number[][][] } };

const urls = (server: { servicesUrl: string }) => ({
  extract: `${server.servicesUrl}/Elevation/ExtractElevation/GPServer/ExtractElevation`,
  buffer: `${server.servicesUrl}/GPFolder/BufferService/GPServer/Buffer`,
  zonal: `${server.servicesUrl}/Analysis/ZonalStatistics/GPServer/ZonalStatistics`,
  viewshed: `${server.servicesUrl}/WorldViewshed/GPServer/viewshed`,
  statistics: `${server.servicesUrl}/Analysis/ElevationStatistics/GPServer/ElevationStatistics`,
  echo: `${server.servicesUrl}/Testing/AllDataTypes/GPServer/EchoAllTypes`,
});

/** A server on another origin that counts what it is asked: the GPServer must never call it. */
const foreigners: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(foreigners.splice(0).map((close) => close()));
});
async function foreignServer(): Promise<{ origin: string; requests: () => number }> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  foreigners.push(
    () =>
      new Promise((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  );
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

/** Even-odd rule, as ZonalStatistics counts cells. */
function inside(rings: number[][][], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** The terrain's mean inside a WGS84 polygon, sampled on a grid far finer than the raster's. */
function terrainMean(rings: number[][][]): number {
  const terrain = createSyntheticTerrain();
  const xs = rings.flat().map(([x = 0]) => x);
  const ys = rings.flat().map(([, y = 0]) => y);
  let sum = 0;
  let count = 0;
  for (let y = Math.min(...ys); y <= Math.max(...ys); y += 0.0004) {
    for (let x = Math.min(...xs); x <= Math.max(...xs); x += 0.0005) {
      if (!inside(rings, x, y)) continue;
      sum += terrain.elevationAt(x, y);
      count++;
    }
  }
  return sum / count;
}

async function zonalRows(jobUrl: string, token?: string): Promise<Row[]> {
  const table = (await rest(`${jobUrl}/results/Out_Table`, token === undefined ? {} : { token })).value as {
    features: { attributes: Row }[];
  };
  return table.features.map((f) => f.attributes);
}

function expectSane(row: Row | undefined): void {
  expect(row?.COUNT).toBeGreaterThan(0);
  expect(row?.MIN).toBeLessThanOrEqual(row?.MEAN ?? Number.NaN);
  expect(row?.MEAN).toBeLessThanOrEqual(row?.MAX ?? Number.NaN);
}

describe('task chains over REST: job results as inputs by URL', () => {
  it('should chain ExtractElevation → Buffer → ZonalStatistics, the raster by its file URL', async () => {
    const server = await startGpServer();
    const task = urls(server);
    const extracted = await runJob(task.extract, { Area_Of_Interest: AREA, Cell_Size: { distance: 100, units: 'esriMeters' } });
    expect(extracted.status.jobStatus).toBe('esriJobSucceeded');
    const raster = (await rest(`${extracted.jobUrl}/results/Output_Raster`)).value as { url: string; format: string };
    const buffered = await rest(`${task.buffer}/execute`, { Input_Features: POINTS, Distance: { distance: 2, units: 'esriKilometers' } });
    const zones = (buffered.results as { value: { features: Polygon[] } }[])[0]?.value;
    expect(zones?.features).toHaveLength(2);
    const zonal = await runJob(task.zonal, { In_Zone_Features: zones ?? {}, Zone_Field: 'ORIG_FID', In_Value_Raster: raster });
    expect(zonal.status.jobStatus).toBe('esriJobSucceeded');
    const rows = await zonalRows(zonal.jobUrl);
    expect(rows.map((r) => r.ZONE)).toEqual(['1', '2']);
    for (const [index, row] of rows.entries()) {
      expectSane(row);
      // A 2 km circle of 100 m cells: about π · 20² ≈ 1,250 of them (cells are 100 m tall, ~100 m wide).
      expect(row.COUNT).toBeGreaterThan(1000);
      expect(row.COUNT).toBeLessThan(1500);
      const direct = terrainMean(zones?.features[index]?.geometry.rings ?? []);
      // Same terrain, two samplings: the 100 m cells and a ~40 m grid agree within metres (STD is ~100 m).
      expect(Math.abs(row.MEAN - direct)).toBeLessThan(5);
    }
  });

  it('should chain WorldViewshed → ZonalStatistics, the zones by their job result URL (?f=json ignored), in World Miller', async () => {
    const server = await startGpServer();
    const task = urls(server);
    const [extracted, viewshed] = await Promise.all([
      runJob(task.extract, { Area_Of_Interest: AREA }),
      runJob(task.viewshed, {
        Input_Observation_Point: { ...POINTS, features: POINTS.features.slice(0, 1) },
        Viewshed_Distance: { distance: 3, units: 'esriKilometers' },
        // Stored in World Miller: ZonalStatistics projects the zones to the raster's WGS84 itself.
        'env:outSR': 54003,
      }),
    ]);
    expect([extracted.status.jobStatus, viewshed.status.jobStatus]).toEqual(['esriJobSucceeded', 'esriJobSucceeded']);
    const raster = (await rest(`${extracted.jobUrl}/results/Output_Raster`)).value as Json;
    const zonesUrl = `${viewshed.jobUrl}/results/Viewshed_Result?f=json`;
    const before = server.requests.count('jobResult');
    const zonal = await runJob(task.zonal, { In_Zone_Features: { url: zonesUrl }, In_Value_Raster: raster });
    expect(zonal.status.jobStatus).toBe('esriJobSucceeded');
    // The reference was read in memory: the server did not call itself.
    expect(server.requests.count('jobResult')).toBe(before);
    const rows = await zonalRows(zonal.jobUrl);
    expect(rows).toHaveLength(1);
    expectSane(rows[0]);
    // The zones are the viewshed's feature set as stored.
    const input = (await rest(`${zonal.jobUrl}/inputs/In_Zone_Features`)).value as { spatialReference: Json; features: unknown[] };
    const stored = (await rest(`${viewshed.jobUrl}/results/Viewshed_Result`)).value as { spatialReference: Json; features: unknown[] };
    expect(input.spatialReference).toMatchObject({ wkid: 54003 });
    expect(input.features).toEqual(stored.features);
  });

  it('should take a record set result as a GPRecordSet input, and a feature set result as one (attributes only)', async () => {
    const server = await startGpServer();
    const task = urls(server);
    const statistics = await runJob(task.statistics, { Band_Count: 2, Step_Delay_Ms: 0 });
    const bands = (await rest(`${statistics.jobUrl}/results/Band_Statistics`)).value as { features: unknown[] };
    const echoed = await rest(`${task.echo}/execute`, { In_Long: 1, In_Records: { url: `${statistics.jobUrl}/results/band_statistics` } });
    const records = (echoed.results as { paramName: string; value: { features: unknown[] } }[]).find((r) => r.paramName === 'Out_Records');
    expect(records?.value.features).toEqual(bands.features);

    const viewshed = await runJob(task.viewshed, {
      Input_Observation_Point: POINTS,
      Viewshed_Distance: { distance: 1, units: 'esriKilometers' },
    });
    const table = await rest(`${task.echo}/execute`, { In_Long: 1, In_Records: { url: `${viewshed.jobUrl}/results/Viewshed_Result` } });
    const rows = (table.results as { paramName: string; value: { features: Json[] } }[]).find((r) => r.paramName === 'Out_Records');
    expect(rows?.value.features.map((f) => Object.keys(f))).toEqual([['attributes'], ['attributes']]);
  });

  it('should refuse references it cannot read, naming the parameter, without a request to any server', async () => {
    const server = await startGpServer();
    const foreign = await foreignServer();
    const task = urls(server);
    const extracted = await runJob(task.extract, { Area_Of_Interest: AREA });
    const raster = (await rest(`${extracted.jobUrl}/results/Output_Raster`)).value as Json;
    const statistics = await runJob(task.statistics, { Band_Count: 1, Step_Delay_Ms: 0 });
    // A job that runs for a minute: not succeeded while the references are tried.
    const running = await rest(`${task.statistics}/submitJob`, { Band_Count: 60, Step_Delay_Ms: 1000 });
    const runningUrl = `${task.statistics}/jobs/${String(running.jobId)}`;
    const before = { total: server.requests.total(), submits: server.requests.count('submitJob') };
    const zonesBy = async (url: string): Promise<Json> =>
      rest(`${task.zonal}/submitJob`, { In_Zone_Features: { url }, In_Value_Raster: raster }, { method: 'POST' });
    const refusal = (detail: RegExp): Json => ({
      error: { code: 400, message: 'Unable to complete operation.', details: [expect.stringMatching(detail)] },
    });
    const prefix = "^Invalid value for parameter 'In_Zone_Features' \\(Input Zone Features\\): ";

    expect(await zonesBy(`${foreign.origin}/arcgis/rest/services/WorldViewshed/GPServer/viewshed/jobs/j1/results/Viewshed_Result`)).toEqual(
      refusal(new RegExp(`${prefix}url must name a job result of this server \\(${server.origin}/arcgis/rest/services/`)),
    );
    expect(await zonesBy(`${task.viewshed}/jobs/jnosuchjob/results/Viewshed_Result`)).toEqual(
      refusal(new RegExp(`${prefix}job 'jnosuchjob' of WorldViewshed/viewshed does not exist or is inaccessible$`)),
    );
    // A job id under another service's URL is no job of that service.
    expect(await zonesBy(`${task.viewshed}/jobs/${statistics.jobId}/results/Viewshed_Result`)).toEqual(
      refusal(/does not exist or is inaccessible$/),
    );
    expect(await zonesBy(`${runningUrl}/results/Band_Statistics`)).toEqual(
      refusal(
        new RegExp(
          `${prefix}job '${String(running.jobId)}' has status esriJob(Submitted|Waiting|Executing); only the results of a succeeded job can be used$`,
        ),
      ),
    );
    expect(await zonesBy(`${extracted.jobUrl}/results/Output_Raster`)).toEqual(
      refusal(new RegExp(`${prefix}result 'Output_Raster' is a GPRasterDataLayer, not a feature set or record set$`)),
    );
    expect(await zonesBy(`${statistics.jobUrl}/results/Mean_Elevation`)).toEqual(
      refusal(/result 'Mean_Elevation' is a GPDouble, not a feature set/),
    );
    expect(await zonesBy(`${statistics.jobUrl}/results/Band_Statistics`)).toEqual(
      refusal(/result 'Band_Statistics' is a record set \(GPRecordSet\), not a feature set$/),
    );
    expect(await zonesBy(`${statistics.jobUrl}/results/Nothing`)).toEqual(refusal(/has no result 'Nothing'$/));
    expect(await zonesBy(statistics.jobUrl)).toEqual(refusal(/names no job result/));
    expect(await zonesBy('file:///etc/passwd')).toEqual(refusal(/url must use http or https/));
    expect(
      await rest(`${task.zonal}/submitJob`, {
        In_Zone_Features: { url: `${statistics.jobUrl}/results/Band_Statistics`, fields: [] },
        In_Value_Raster: raster,
      }),
    ).toEqual(refusal(/a feature set by reference is \{"url"\} alone, without "fields"$/));
    // Every bad reference of a request in one error body, file references with them.
    const both = await rest(`${task.zonal}/submitJob`, {
      In_Zone_Features: { url: `${foreign.origin}/z` },
      In_Value_Raster: { url: `${foreign.origin}/values.tif` },
    });
    expect((both.error as { details: string[] }).details).toEqual([
      expect.stringMatching(/^Invalid value for parameter 'In_Zone_Features'/),
      expect.stringMatching(/^Invalid value for parameter 'In_Value_Raster': url must name a file of this server/),
    ]);

    expect(foreign.requests()).toBe(0);
    // Nothing but the refused requests themselves: the server called none of its own resources.
    expect([server.requests.total() - before.total, server.requests.count('submitJob') - before.submits]).toEqual([12, 12]);
    await rest(`${runningUrl}/cancel`, {}, { method: 'POST' });
  });

  it("with token security, should refuse another user's job result as a missing one and take the owner's", async () => {
    const server = await startGpServer({ security: { users: USERS } });
    const task = urls(server);
    const token = async (username: string, password: string): Promise<string> =>
      String((await rest(`${server.origin}/arcgis/tokens/generateToken`, { username, password }, { method: 'POST' })).token);
    const analyst = await token('analyst', 'correct horse');
    const other = await token('other', 'battery staple');
    const statistics = await runJob(task.statistics, { Band_Count: 1, Step_Delay_Ms: 0 }, analyst);
    expect(statistics.status.jobStatus).toBe('esriJobSucceeded');
    const reference = { url: `${statistics.jobUrl}/results/Band_Statistics` };
    expect(await rest(`${task.echo}/execute`, { In_Long: 1, In_Records: reference, token: other })).toEqual({
      error: {
        code: 400,
        message: 'Unable to complete operation.',
        details: [
          `Invalid value for parameter 'In_Records' (Input table): job '${statistics.jobId}' of Analysis/ElevationStatistics/ElevationStatistics does not exist or is inaccessible`,
        ],
      },
    });
    const owned = await rest(`${task.echo}/execute`, { In_Long: 1, In_Records: reference, token: analyst });
    const records = (owned.results as { paramName: string; value: { features: unknown[] } }[]).find((r) => r.paramName === 'Out_Records');
    expect(records?.value.features).toHaveLength(1);
  });
});
