import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CatalogService } from '../../../core/catalog.js';
import { loadCatalog, type ServiceSource } from '../../../gateway/arcgis/catalog-loader.js';
import { createRestClient, type RestClient } from '../../../gateway/arcgis/rest-client.js';
import { startGpServer } from '../../support/gp-server-fixture.js';
import { closedPort, sendJson, startHttpStub } from './http-stub.js';

const client = createRestClient({ timeoutMs: 5_000 });

function recordingLog(): { info: (m: string) => void; warn: (m: string) => void; lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(`info ${m}`), warn: (m) => lines.push(`warn ${m}`) };
}

function ok(service: CatalogService | undefined): CatalogService & { status: 'ok' } {
  if (service?.status !== 'ok') throw new Error(`expected an ok service, got ${JSON.stringify(service)}`);
  return service;
}

describe('loading the catalog from the embedded GPServer', () => {
  it('should load one service URL, normalised, with its alias and tasks', async () => {
    const server = await startGpServer();
    const url = `${server.servicesUrl}/Elevation/ESRI_Elevation_World/GPServer`;
    const catalog = await loadCatalog([{ kind: 'service', url: `${url}/?f=pjson&token=abc#Elev` }], { client, concurrency: 4 });
    expect(catalog.services).toHaveLength(1);
    const service = ok(catalog.services[0]);
    expect(service).toMatchObject({
      url,
      name: 'Elevation/ESRI_Elevation_World',
      alias: 'Elev',
      execution: 'synchronous',
      currentVersion: 11.3,
      maximumRecords: 1000,
    });
    expect(service.tasks.map((t) => t.name)).toEqual(['Viewshed']);
    expect(service.tasks[0]?.parameters.map((p) => [p.name, p.dataType, p.direction, p.requirement])).toEqual([
      ['Input_Observation_Point', 'GPFeatureRecordSetLayer', 'input', 'required'],
      ['Viewshed_Distance', 'GPLinearUnit', 'input', 'optional'],
      ['Viewshed_Result', 'GPFeatureRecordSetLayer', 'output', 'derived'],
    ]);
    expect(service.tasks[0]?.parameters[1]?.defaultValue).toEqual({ distance: 15000, units: 'esriMeters' });
    expect(server.requests.count('service')).toBe(1);
    expect(server.requests.count('task')).toBe(1);
  });

  it('should crawl a services root through every folder into 8 services, sorted by URL', async () => {
    const server = await startGpServer();
    const log = recordingLog();
    const catalog = await loadCatalog([{ kind: 'services-root', url: `${server.servicesUrl}/` }], { client, concurrency: 3, log });
    expect(catalog.services.map((s) => [s.name, s.status])).toEqual([
      ['Analysis/ElevationStatistics', 'ok'],
      ['Analysis/ZonalStatistics', 'ok'],
      ['Conversion/TableToPoints', 'ok'],
      ['Elevation/ESRI_Elevation_World', 'ok'],
      ['Elevation/ExtractElevation', 'ok'],
      ['GPFolder/BufferService', 'ok'],
      ['Testing/AllDataTypes', 'ok'],
      ['WorldViewshed', 'ok'],
    ]);
    const urls = catalog.services.map((s) => s.url);
    expect(urls).toEqual([...urls].sort());
    expect(ok(catalog.services[7]).execution).toBe('asynchronous');
    expect(ok(catalog.services[6]).tasks[0]?.parameters).toHaveLength(34);
    expect(server.requests.count('directory')).toBe(6);
    expect(server.requests.count('task')).toBe(8);
    expect(log.lines).toEqual(['info Loaded 8 of 8 GP services (8 tasks)']);
  });

  it('should record a dead service as an error entry and load the others', async () => {
    const server = await startGpServer();
    const port = await closedPort();
    const log = recordingLog();
    const dead = `http://127.0.0.1:${port}/arcgis/rest/services/Gone/Away/GPServer`;
    const catalog = await loadCatalog(
      [
        { kind: 'service', url: `${dead}?token=SECRET123`, alias: 'Gone' },
        { kind: 'service', url: `${server.servicesUrl}/GPFolder/BufferService/GPServer` },
      ],
      { client, concurrency: 2, log },
    );
    // Sorted by URL, so which comes first depends on the two ports.
    const buffer = catalog.services.find((s) => s.name === 'GPFolder/BufferService');
    const gone = catalog.services.find((s) => s.name === 'Gone/Away');
    expect(catalog.services).toHaveLength(2);
    expect(ok(buffer).tasks.map((t) => t.name)).toEqual(['Buffer']);
    expect(gone).toMatchObject({
      status: 'error',
      url: dead,
      name: 'Gone/Away',
      alias: 'Gone',
      error: expect.stringContaining('ECONNREFUSED'),
    });
    expect(JSON.stringify(catalog)).not.toContain('SECRET123');
    expect(log.lines.join('\n')).not.toContain('SECRET123');
    expect(log.lines[0]).toMatch(/^warn GP service Gone\/Away .* could not be introspected/);
  });

  it('should record a services root that cannot be listed under the root URL', async () => {
    const port = await closedPort();
    const root = `http://127.0.0.1:${port}/arcgis/rest/services`;
    const catalog = await loadCatalog([{ kind: 'services-root', url: root }], { client, concurrency: 2 });
    expect(catalog.services).toEqual([{ status: 'error', url: root, name: root, error: expect.stringContaining('ECONNREFUSED') }]);
  });

  it('should record a folder that fails and still load the rest of the root', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'http-status', status: 500 }, routes: ['directory'], nth: 2 });
    const catalog = await loadCatalog([{ kind: 'services-root', url: server.servicesUrl }], { client, concurrency: 1 });
    const errors = catalog.services.filter((s) => s.status === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.error).toContain('HTTP 500');
    // With one request at a time, the folders are listed in published order: Analysis is the one that failed.
    expect(errors[0]).toMatchObject({ name: 'Analysis', url: `${server.servicesUrl}/Analysis` });
    expect(catalog.services.filter((s) => s.status === 'ok')).toHaveLength(6);
  });

  it('should turn a task resource that fails validation into an error entry for its service', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'malformed-json' }, routes: ['task'], nth: 1 });
    const url = `${server.servicesUrl}/WorldViewshed/GPServer`;
    const catalog = await loadCatalog([{ kind: 'service', url }], { client, concurrency: 2 });
    expect(catalog.services[0]).toMatchObject({
      status: 'error',
      name: 'WorldViewshed',
      error: expect.stringContaining('did not answer JSON'),
    });
  });

  it('should keep the configured alias when a root also lists the service', async () => {
    const server = await startGpServer();
    const sources: ServiceSource[] = [
      { kind: 'services-root', url: server.servicesUrl },
      { kind: 'service', url: `${server.servicesUrl}/Testing/AllDataTypes/GPServer`, alias: 'Types' },
    ];
    const catalog = await loadCatalog(sources, { client, concurrency: 4 });
    expect(catalog.services).toHaveLength(8);
    expect(catalog.services.find((s) => s.name === 'Testing/AllDataTypes')?.alias).toBe('Types');
  });

  it('should reject bad aliases and URLs that are not GPServer ones as error entries', async () => {
    const catalog = await loadCatalog(
      [
        { kind: 'service', url: 'http://127.0.0.1:1/arcgis/rest/services/A/B/GPServer#not-a-name' },
        { kind: 'service', url: 'http://127.0.0.1:1/arcgis/rest/services/A/B/MapServer' },
        { kind: 'service', url: 'http://127.0.0.1:1/arcgis/rest/services/A/C/GPServer', alias: '9lives' },
      ],
      { client, concurrency: 1 },
    );
    expect(catalog.services.map((s) => (s.status === 'error' ? s.error : 'ok'))).toEqual([
      expect.stringContaining('Invalid alias "not-a-name"'),
      expect.stringContaining('is not a GPServer URL'),
      expect.stringContaining('Invalid alias "9lives"'),
    ]);
    expect(catalog.services.map((s) => s.name)).toEqual(['A/B', 'A/B/MapServer', 'A/C']);
  });

  it.each([1, 2, 3])('should never have more than %i requests in flight', async (concurrency) => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'latency', ms: 30 } });
    let active = 0;
    let peak = 0;
    const counting: Pick<RestClient, 'getJson'> = {
      getJson: async (url, params) => {
        active++;
        peak = Math.max(peak, active);
        try {
          return await client.getJson(url, params);
        } finally {
          active--;
        }
      },
    };
    const catalog = await loadCatalog([{ kind: 'services-root', url: server.servicesUrl }], { client: counting, concurrency });
    expect(catalog.services.every((s) => s.status === 'ok')).toBe(true);
    expect(peak).toBe(concurrency);
    expect(server.requests.total()).toBe(22);
  });
});

describe('loading a 10.0-era service', () => {
  it('should URL-encode task names and fill in what old servers leave out', async () => {
    const read = (name: string): unknown =>
      JSON.parse(readFileSync(new URL(`../../fixtures/gp-metadata/${name}`, import.meta.url), 'utf8'));
    const stub = await startHttpStub((req, res) => {
      if (req.url.pathname.endsWith('/GPServer')) sendJson(res, read('v10.0-gpserver.json'));
      else if (req.url.pathname.endsWith('/GPServer/Extract%20Data%20Task')) sendJson(res, read('v10.0-task-extract-data.json'));
      else sendJson(res, { error: { code: 400, message: 'Invalid URL', details: [req.url.pathname] } });
    });
    const url = `${stub.origin}/ArcGIS/rest/services/HomelandSecurity/Incident_Data_Extraction/GPServer`;
    const catalog = await loadCatalog([{ kind: 'service', url }], { client, concurrency: 2 });
    const service = ok(catalog.services[0]);
    expect(service).toMatchObject({ name: 'HomelandSecurity/Incident_Data_Extraction', execution: 'asynchronous' });
    expect(service).not.toHaveProperty('currentVersion');
    expect(service.tasks[0]).toMatchObject({ name: 'Extract Data Task', execution: 'asynchronous', category: '' });
    expect(stub.seen.map((r) => r.url.search)).toEqual(['?f=json', '?f=json']);
  });
});
