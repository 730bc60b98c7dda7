/**
 * B6: schema build time for 100, 1,000 and 5,000 synthetic tasks (metadata served on loopback).
 * Introspection (HTTP) and schema build are timed apart; each size is built 5 times and the
 * median reported. Goal: 1,000 tasks under 1 s, and t(1000)/t(100) ≤ 12 (linear).
 */
import { performance } from 'node:perf_hooks';

import { loadCatalog } from '../gateway/arcgis/catalog-loader.js';
import { createRestClient } from '../gateway/arcgis/rest-client.js';
import { buildGatewaySchema } from '../schema/build-gateway-schema.js';
import { OFFLINE_DEPS } from '../schema/offline-deps.js';
import { startSyntheticGpServer } from './synthetic-gpserver.js';

const SIZES = [100, 1000, 5000];
const RUNS = 5;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

const rows: { size: number; introspectMs: number; buildMs: number; types: number }[] = [];
for (const size of SIZES) {
  const upstream = await startSyntheticGpServer(size);
  const client = createRestClient({ timeoutMs: 60_000 });
  const t0 = performance.now();
  const catalog = await loadCatalog([{ kind: 'services-root', url: upstream.servicesUrl }], { client, concurrency: 8 });
  const introspectMs = performance.now() - t0;
  await upstream.close();
  const tasks = catalog.services.reduce((n, s) => n + (s.status === 'ok' ? s.tasks.length : 0), 0);
  if (tasks !== size) throw new Error(`expected ${size} tasks, introspected ${tasks}`);
  const times: number[] = [];
  let types = 0;
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    const schema = buildGatewaySchema(catalog, OFFLINE_DEPS);
    times.push(performance.now() - t);
    types = Object.keys(schema.getTypeMap()).length;
  }
  rows.push({ size, introspectMs, buildMs: median(times), types });
}

const at = (size: number) => rows.find((r) => r.size === size);
const ratio = (at(1000)?.buildMs ?? NaN) / (at(100)?.buildMs ?? NaN);
process.stdout.write('B6 schema build (median of 5 builds; introspection over loopback HTTP, concurrency 8)\n');
process.stdout.write('| tasks | introspection ms | build ms | build ms per task | GraphQL types |\n|---|---|---|---|---|\n');
for (const r of rows) {
  process.stdout.write(
    `| ${r.size} | ${r.introspectMs.toFixed(0)} | ${r.buildMs.toFixed(1)} | ${(r.buildMs / r.size).toFixed(3)} | ${r.types} |\n`,
  );
}
const buildOk = (at(1000)?.buildMs ?? Infinity) < 1000;
process.stdout.write(`GOAL B6-1000 ${buildOk ? 'met' : 'not met'} ${at(1000)?.buildMs.toFixed(0)} ms for 1,000 tasks\n`);
process.stdout.write(`GOAL B6-linear ${ratio <= 12 ? 'met' : 'not met'} t(1000)/t(100) = ${ratio.toFixed(2)}\n`);
process.stdout.write(
  `t(1000)/t(100) = ${ratio.toFixed(2)} (goal ≤ 12: ${ratio <= 12 ? 'met' : 'not met'}); 1,000 tasks in ${at(1000)?.buildMs.toFixed(0)} ms (goal < 1000 ms: ${buildOk ? 'met' : 'not met'})\n`,
);
