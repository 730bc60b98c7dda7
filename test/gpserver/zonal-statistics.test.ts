import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isFinal, pollJob, rest, startGpServer, uploadFile, type Json } from '../support/gp-server-fixture.js';
import { valueRaster, ZONES } from '../support/zonal-fixtures.js';

const USERS = [
  { username: 'analyst', password: 'correct horse' },
  { username: 'other', password: 'battery staple' },
];

async function token(origin: string, username: string, password: string): Promise<string> {
  return String((await rest(`${origin}/arcgis/tokens/generateToken`, { username, password }, { method: 'POST' })).token);
}

describe('Analysis/ZonalStatistics: an uploaded GeoTIFF in, a table and a CSV file out', () => {
  it('should compute per-zone statistics as a job and serve the CSV under arcgisjobs, removed with the job', async () => {
    const server = await startGpServer({ jobRetentionMs: 300 });
    const service = `${server.servicesUrl}/Analysis/ZonalStatistics/GPServer`;
    const upload = await uploadFile(service, 'values.tif', valueRaster());
    const itemID = (upload.item as { itemID: string }).itemID;
    const submitted = await rest(
      `${service}/ZonalStatistics/submitJob`,
      { In_Zone_Features: ZONES, Zone_Field: 'NAME', In_Value_Raster: { itemID } },
      { method: 'POST' },
    );
    const jobUrl = `${service}/ZonalStatistics/jobs/${String(submitted.jobId)}`;
    const { status } = await pollJob(jobUrl, isFinal);
    expect(status.jobStatus).toBe('esriJobSucceeded');
    const table = (await rest(`${jobUrl}/results/Out_Table`)).value as { features: { attributes: Json }[] };
    expect(table.features.map((f) => f.attributes)).toEqual([
      { OBJECTID: 1, ZONE: 'north-west', COUNT: 4, MIN: 0, MAX: 11, MEAN: 5.5, STD: Math.sqrt(25.25), SUM: 22 },
      { OBJECTID: 2, ZONE: 'south-east', COUNT: 3, MIN: 88, MAX: 98, MEAN: 275 / 3, STD: expect.closeTo(Math.sqrt(182 / 9), 9), SUM: 275 },
      { OBJECTID: 3, ZONE: 'outside', COUNT: 0, MIN: null, MAX: null, MEAN: null, STD: null, SUM: 0 },
    ]);
    const file = (await rest(`${jobUrl}/results/Out_Statistics_File`)).value as { url: string };
    expect(file.url).toBe(
      `${server.origin}/arcgis/rest/directories/arcgisjobs/analysis/zonalstatistics_gpserver/${String(submitted.jobId)}/scratch/zonal_statistics.csv`,
    );
    const csv = await fetch(file.url);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = await csv.text();
    expect(text.split('\r\n').slice(0, 2)).toEqual(['ZONE,COUNT,MIN,MAX,MEAN,STD,SUM', `north-west,4,0,11,5.5,${Math.sqrt(25.25)},22`]);
    // Ranges pass as ArcGIS's web server serves them.
    const range = await fetch(file.url, { headers: { range: 'bytes=0-3' } });
    expect([range.status, range.headers.get('content-range'), await range.text()]).toEqual([206, `bytes 0-3/${text.length}`, 'ZONE']);
    expect((await fetch(file.url, { headers: { range: `bytes=${text.length + 10}-` } })).status).toBe(416);
    // The job's folder goes when the job is forgotten.
    for (let i = 0; i < 40 && (await fetch(file.url)).status !== 404; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await fetch(file.url)).status).toBe(404);
    expect(await readdir(`${server.directoriesRoot}/arcgisjobs`, { recursive: true })).not.toContain(
      expect.stringContaining(String(submitted.jobId)),
    );
  });

  it('should fail the job with a clear message for an upload that is no GeoTIFF', async () => {
    const server = await startGpServer();
    const service = `${server.servicesUrl}/Analysis/ZonalStatistics/GPServer`;
    const itemID = ((await uploadFile(service, 'fake.tif', 'not a tiff')).item as { itemID: string }).itemID;
    const submitted = await rest(
      `${service}/ZonalStatistics/submitJob`,
      { In_Zone_Features: ZONES, In_Value_Raster: { itemID } },
      { method: 'POST' },
    );
    const { status } = await pollJob(`${service}/ZonalStatistics/jobs/${String(submitted.jobId)}`, isFinal);
    expect(status.jobStatus).toBe('esriJobFailed');
    expect(JSON.stringify(status.messages)).toMatch(/Cannot read fake\.tif as a GeoTIFF raster/);
  });

  it('with token security, should let only the uploader use an item and only the submitter read the file result', async () => {
    const server = await startGpServer({ security: { users: USERS } });
    const service = `${server.servicesUrl}/Analysis/ZonalStatistics/GPServer`;
    const analyst = await token(server.origin, 'analyst', 'correct horse');
    const other = await token(server.origin, 'other', 'battery staple');
    const upload = await uploadFile(service, 'values.tif', valueRaster(), { token: analyst });
    const itemID = (upload.item as { itemID: string }).itemID;
    expect(await rest(`${service}/uploads/${itemID}`, { token: other })).toMatchObject({ error: { code: 400 } });
    expect(await uploadFile(service, 'values.tif', valueRaster())).toMatchObject({ error: { code: 499 } });
    const inputs = { In_Zone_Features: ZONES, In_Value_Raster: { itemID } };
    expect(await rest(`${service}/ZonalStatistics/submitJob`, { ...inputs, token: other }, { method: 'POST' })).toMatchObject({
      error: { code: 400 },
    });
    const submitted = await rest(`${service}/ZonalStatistics/submitJob`, { ...inputs, token: analyst }, { method: 'POST' });
    const jobUrl = `${service}/ZonalStatistics/jobs/${String(submitted.jobId)}`;
    await pollJob(jobUrl, isFinal, { params: { token: analyst } });
    const file = (await rest(`${jobUrl}/results/Out_Statistics_File`, { token: analyst })).value as { url: string };
    expect((await fetch(`${file.url}?token=${analyst}`)).status).toBe(200);
    expect(await (await fetch(`${file.url}?token=${other}`)).json()).toMatchObject({ error: { code: 403 } });
    expect(await (await fetch(file.url)).json()).toMatchObject({ error: { code: 499 } });
  });
});
