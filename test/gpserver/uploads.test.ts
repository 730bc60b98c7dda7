import { request } from 'node:http';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rest, startGpServer, uploadFile, uploadItemId, type Json } from '../support/gp-server-fixture.js';

const CSV = 'name,lon,lat\nA,-119.7,36.3\nB,-119.6,36.4\n';

function tablePoints(server: { servicesUrl: string }): string {
  return `${server.servicesUrl}/Conversion/TableToPoints/GPServer`;
}

/** Files (not folders) anywhere below `dir`. */
async function filesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
}

describe('uploads/ of a GP service', () => {
  it('should upload a file as an item, describe it, list it and delete it', async () => {
    const server = await startGpServer();
    const service = tablePoints(server);
    const body = await uploadFile(service, 'cities.csv', CSV, { description: 'Two cities' });
    expect(body).toMatchObject({ success: true, item: { itemName: 'cities.csv', description: 'Two cities', committed: true } });
    const item = body.item as { itemID: string; date: number };
    expect(item.itemID).toMatch(/^i[0-9a-f-]{36}$/);
    expect(typeof item.date).toBe('number');
    expect(await rest(`${service}/uploads/${item.itemID}`)).toEqual(body.item);
    expect(await rest(`${service}/uploads`)).toEqual({ items: [body.item] });
    expect(await rest(`${service}/uploads/info`)).toEqual({ maxUploadFileSize: 100 });
    expect(await rest(`${service}/uploads/${item.itemID}/delete`, {}, { method: 'POST' })).toEqual({ success: true });
    expect(await rest(`${service}/uploads/${item.itemID}`)).toMatchObject({
      error: { code: 400, details: [`Item '${item.itemID}' does not exist or is inaccessible.`] },
    });
  });

  it('should refuse a file over the size limit, a type not allowed and a form without a file, keeping nothing', async () => {
    const server = await startGpServer({ uploads: { maxBytes: 1024 } });
    const service = tablePoints(server);
    expect(await rest(`${service}/uploads/info`)).toEqual({ maxUploadFileSize: 1024 / (1024 * 1024) });
    expect(await uploadFile(service, 'big.csv', 'x'.repeat(4096))).toMatchObject({
      error: {
        code: 400,
        message: 'Unable to upload item.',
        details: ['The file exceeds the largest upload of this service (1024 bytes).'],
      },
    });
    expect(await uploadFile(service, 'tool.exe', 'MZ')).toMatchObject({
      error: { code: 400, details: [expect.stringMatching(/^File type '\.exe' is not allowed\. Allowed types: \.csv, /)] },
    });
    const form = new FormData();
    form.set('f', 'json');
    const response = await fetch(`${service}/uploads/upload`, { method: 'POST', body: form });
    expect(await response.json()).toMatchObject({ error: { details: ["The request has no multipart 'file' part."] } });
    expect(await rest(`${service}/uploads`)).toEqual({ items: [] });
    expect(await rest(`${service}/uploads/upload`)).toMatchObject({ error: { code: 405 } });
  });

  it('should answer a malformed multipart body with an error body and keep no file', async () => {
    const server = await startGpServer();
    const response = await fetch(`${tablePoints(server)}/uploads/upload?f=json`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz' },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nhalf a file',
    });
    expect(await response.json()).toMatchObject({ error: { code: 400, details: [expect.stringMatching(/^Malformed multipart body/)] } });
  });

  it('should delete what an upload interrupted mid-stream had written, and make no item of it', async () => {
    const server = await startGpServer();
    const url = new URL(`${tablePoints(server)}/uploads/upload?f=json`);
    await new Promise<void>((resolve) => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=b0' } });
      req.on('error', () => {
        resolve();
      });
      req.write('--b0\r\nContent-Disposition: form-data; name="file"; filename="cut.csv"\r\n\r\n');
      req.write('x'.repeat(256 * 1024), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    // The server notices the reset and cleans up: look at its uploads folder until nothing is left (2 s at most).
    const uploads = join(server.directoriesRoot, 'arcgisuploads');
    for (let i = 0; i < 40 && (await filesIn(uploads)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await filesIn(uploads)).toEqual([]);
    expect(await rest(`${tablePoints(server)}/uploads`)).toEqual({ items: [] });
  });

  it('should run a task on an uploaded item and refuse unknown items and foreign URLs, naming the parameter', async () => {
    const server = await startGpServer();
    const service = tablePoints(server);
    const itemID = await uploadItemId(service, 'cities.csv', CSV);
    const body = await rest(`${service}/TableToPoints/execute`, { Input_Table: { itemID } }, { method: 'POST' });
    const results = body.results as { paramName: string; value: Json }[];
    const points = results.find((r) => r.paramName === 'Output_Points')?.value as {
      features: { geometry: { x: number }; attributes: Json }[];
    };
    expect(points.features.map((f) => [f.geometry.x, f.attributes.name])).toEqual([
      [-119.7, 'A'],
      [-119.6, 'B'],
    ]);
    const file = results.find((r) => r.paramName === 'Output_File')?.value as { url: string };
    expect(file.url).toMatch(
      new RegExp(
        `^${server.origin}/arcgis/rest/directories/arcgisoutput/Conversion/TableToPoints_GPServer/_ags_[0-9a-f]{32}/points\\.geojson$`,
      ),
    );
    const geojson = (await (await fetch(file.url)).json()) as { features: { geometry: { coordinates: number[] } }[] };
    expect(geojson.features[0]?.geometry.coordinates).toEqual([-119.7, 36.3]);

    const refused = await rest(`${service}/TableToPoints/execute`, { Input_Table: { itemID: 'i-unknown' } }, { method: 'POST' });
    expect(refused).toMatchObject({
      error: { code: 400, details: [expect.stringMatching(/^Invalid value for parameter 'Input_Table': item 'i-unknown' does not exist/)] },
    });
    const foreign = await rest(
      `${service}/TableToPoints/execute`,
      { Input_Table: { url: 'https://example.com/cities.csv' } },
      { method: 'POST' },
    );
    expect(foreign).toMatchObject({
      error: { details: [expect.stringMatching(/^Invalid value for parameter 'Input_Table': url must name a file of this server/)] },
    });
    // A file result of this server is a valid input: the GeoJSON points are no CSV, so the tool says so.
    const chained = await rest(`${service}/TableToPoints/execute`, { Input_Table: { url: file.url } }, { method: 'POST' });
    expect(chained).toMatchObject({ error: { code: 500, message: 'Error executing tool.' } });
    // An item uploaded to another service is not this service's.
    const other = await uploadItemId(`${server.servicesUrl}/Testing/AllDataTypes/GPServer`, 'other.csv', CSV);
    expect(await rest(`${service}/TableToPoints/execute`, { Input_Table: { itemID: other } }, { method: 'POST' })).toMatchObject({
      error: { code: 400 },
    });
  });

  it('should forget items after their retention period', async () => {
    const server = await startGpServer({ uploads: { retentionMs: 50 } });
    const service = tablePoints(server);
    const itemID = await uploadItemId(service, 'cities.csv', CSV);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await rest(`${service}/uploads/${itemID}`)).toMatchObject({ error: { code: 400 } });
  });
});
