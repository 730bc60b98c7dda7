import { spawn, spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../gpserver/http/lenient-json.js';
import { startGpServer } from '../support/gp-server-fixture.js';

/**
 * The Python examples of Esri's "Use geoprocessing services in Python scripts", run by python3 as
 * printed (test/fixtures/seed-python/), with only the host of their URLs changed to this server's.
 */
const hasPython = spawnSync('python3', ['--version']).status === 0;
if (!hasPython) console.log('seed Python scripts skipped: python3 is not on this machine');

async function runScript(name: string, host: string, origin: string): Promise<{ code: number | null; lines: string[]; stderr: string }> {
  const script = (await readFile(new URL(`../fixtures/seed-python/${name}`, import.meta.url), 'utf8')).replaceAll(host, origin);
  const child = spawn('python3', ['-'], { stdio: ['pipe', 'pipe', 'pipe'] });
  child.stdin.end(script);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, lines: stdout.split('\n').filter((line) => line !== ''), stderr };
}

interface Polygons {
  readonly geometryType: string;
  readonly spatialReference: { readonly wkid: number };
  readonly features: readonly { readonly geometry: { readonly rings: number[][][] } }[];
}

/** Python prints dicts in its repr (single quotes, True/None); the lenient reader decodes that too. */
function printed(line: string | undefined): Record<string, unknown> {
  return parseLenientJson(line ?? '') as Record<string, unknown>;
}

function expectSeedViewshed(value: unknown): void {
  const polygons = value as Polygons;
  expect(polygons.geometryType).toBe('esriGeometryPolygon');
  expect(polygons.spatialReference.wkid).toBe(54003);
  expect(polygons.features.length).toBeGreaterThan(0);
  const [x = 0, y = 0] = polygons.features[0]?.geometry.rings[0]?.[0] ?? [];
  // Within the 8.5 miles (13.7 km) of the observer at (-13308192, 4221903); World Miller stretches
  // distances by about 1.25 at 36° N, so 18 km of projected metres.
  expect(Math.hypot(x + 13308192.1956127, y - 4221903.58555983)).toBeLessThan(18_000);
}

describe.skipIf(!hasPython)("the documentation's Python examples, unchanged but for the host", () => {
  it('should run the synchronous execute example (Python dicts through urlencode) to its viewshed', async () => {
    const server = await startGpServer();
    const run = await runScript('execute.py', 'https://machine.domain.com/webadaptor', `${server.origin}/arcgis`);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const body = printed(run.lines[0]);
    expect(body.error).toBeUndefined();
    const [result] = body.results as { paramName: string; value: unknown }[];
    expect(result?.paramName).toBe('Viewshed_Result');
    expectSeedViewshed(result?.value);
  });

  it('should answer the GET URL as printed (/ArcGIS/, single quotes, no spatial reference, empty env fields)', async () => {
    const server = await startGpServer();
    const run = await runScript('execute-get.py', 'http://sampleserver1.arcgisonline.com', server.origin);
    expect(run.stderr).toBe('');
    const body = printed(run.lines[0]);
    expect(body.error).toBeUndefined();
    expectSeedViewshed((body.results as { value: unknown }[])[0]?.value);
  });

  it('should carry the submitJob example through its status loop to each result by paramUrl', async () => {
    const server = await startGpServer();
    const run = await runScript('submit-job.py', 'http://localhost:6080', server.origin);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.lines[0]).toBe('checking to see if job is completed...');
    const result = printed(run.lines.at(-1));
    expect(result.paramName).toBe('Viewshed_Result');
    expectSeedViewshed(result.value);
    expect(server.requests.count('submitJob')).toBe(1);
    expect(server.requests.count('jobResult')).toBe(1);
  });
});
