/**
 * B11: workflows against the same chains run by hand. Each chain runs as one workflow through the
 * gateway (the client: one mutation, one SSE subscription, one query for the last table) and by a
 * client chaining the jobs itself over ArcGIS REST the way the seed's script does (submit, poll
 * every second, fetch each result, send it back as the next input). Requests and bytes are counted
 * by a wrapping fetch on each side (`support/traffic-fetch.ts`: request line and body out, body in);
 * the gateway polls with its defaults (1 s floor), the hand-written client every second. Alternated
 * rounds, each on a fresh GPServer and gateway; counts are per round, times medians.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { embeddedSources } from '../gateway/cli/embedded-sources.js';
import { createGateway } from '../gateway/create-gateway.js';
import { silentLogger } from '../gateway/log/logger.js';
import { createGpServer } from '../gpserver/server.js';
import {
  CHAIN_EXTENT,
  CHAIN_POINTS,
  createHandClient,
  runZonalChainByHand,
  ZONAL_WORKFLOW,
  type HandChainCounts,
  VIEWER,
  viewshedZonalWorkflow,
} from '../test/support/zonal-chain.js';
import { trafficFetch, type Traffic } from './support/traffic-fetch.js';

const ROUNDS = 3;

const TABLE =
  'query ($id: ID!) { workflow(id: $id) { status steps { id results { ... on ZonalStatisticsOutputs { outTable { featureCount data } } } } } }';

interface Chain {
  readonly name: string;
  readonly mutation: string;
  readonly variables: Record<string, unknown>;
  readonly byHand: (servicesUrl: string, fetchImpl: typeof fetch) => Promise<unknown>;
}

/** WorldViewshed ∥ ExtractElevation → ZonalStatistics by hand: the viewshed polygons come down and go back up. */
async function viewshedByHand(servicesUrl: string, fetchImpl: typeof fetch): Promise<HandChainCounts> {
  const client = createHandClient(fetchImpl, 1000);
  const [viewJob, terrainJob] = await Promise.all([
    client.submit(`${servicesUrl}/WorldViewshed/GPServer/viewshed`, {
      Input_Observation_Point: {
        geometryType: 'esriGeometryPoint',
        spatialReference: { wkid: 4326 },
        features: [{ geometry: { x: VIEWER.coordinates[0], y: VIEWER.coordinates[1] }, attributes: {} }],
      },
      Viewshed_Distance: { distance: 5, units: 'esriKilometers' },
    }),
    client.submit(`${servicesUrl}/Elevation/ExtractElevation/GPServer/ExtractElevation`, { Area_Of_Interest: CHAIN_EXTENT }),
  ]);
  await Promise.all([client.untilDone(viewJob), client.untilDone(terrainJob)]);
  const zones = (await client.call(`${viewJob}/results/Viewshed_Result`)).value;
  const raster = (await client.call(`${terrainJob}/results/Output_Raster`)).value;
  const statsJob = await client.submit(`${servicesUrl}/Analysis/ZonalStatistics/GPServer/ZonalStatistics`, {
    In_Zone_Features: zones,
    In_Value_Raster: raster,
  });
  await client.untilDone(statsJob);
  await client.call(`${statsJob}/results/Out_Table`);
  return client.counts();
}

const CHAINS: readonly Chain[] = [
  {
    name: 'ExtractElevation ∥ Buffer → ZonalStatistics (zones by value, raster by reference)',
    mutation: ZONAL_WORKFLOW,
    variables: { points: CHAIN_POINTS, extent: CHAIN_EXTENT },
    byHand: (servicesUrl, fetchImpl) => runZonalChainByHand(servicesUrl, { fetchImpl, pollMs: 1000 }),
  },
  {
    name: 'WorldViewshed ∥ ExtractElevation → ZonalStatistics (both by reference)',
    mutation: viewshedZonalWorkflow(),
    variables: { extent: CHAIN_EXTENT, point: VIEWER },
    byHand: viewshedByHand,
  },
];

interface Measured {
  readonly upstream: Traffic;
  /** What the client itself sent and received: to the gateway, or to the GPServer by hand. */
  readonly client: { requests: number; bytesSent: number; bytesReceived: number };
  readonly ms: number;
}

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** One GraphQL request over HTTP, SSE when `stream`; the response read whole and counted. */
async function post(url: string, query: string, variables: Record<string, unknown>, stream = false) {
  const body = JSON.stringify({ query, variables });
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: stream ? 'text/event-stream' : 'application/json' },
    body,
  });
  const text = await response.text();
  return { text, sent: Buffer.byteLength(url) + Buffer.byteLength(body), received: Buffer.byteLength(text) };
}

async function viaGateway(chain: Chain): Promise<Measured> {
  const upstream = await createGpServer({ port: 0 });
  const traffic = trafficFetch();
  const gateway = await createGateway({ sources: embeddedSources(upstream.servicesUrl), fetch: traffic.fetch, log: silentLogger });
  const server = createServer(gateway.handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  try {
    traffic.reset(); // introspection is not the chain's
    const started = performance.now();
    const submitted = await post(url, chain.mutation, chain.variables);
    const id = (JSON.parse(submitted.text) as { data: { submitWorkflow: { id: string } } }).data.submitWorkflow.id;
    const updates = await post(url, 'subscription ($id: ID!) { workflowUpdates(id: $id) { status steps { id status } } }', { id }, true);
    const table = await post(url, TABLE, { id });
    const ms = performance.now() - started;
    if (!table.text.includes('"SUCCEEDED"')) throw new Error(`the workflow did not succeed: ${table.text.slice(0, 300)}`);
    const calls = [submitted, updates, table];
    return {
      upstream: traffic.traffic(),
      client: { requests: 3, bytesSent: calls.reduce((n, c) => n + c.sent, 0), bytesReceived: calls.reduce((n, c) => n + c.received, 0) },
      ms,
    };
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    await gateway.dispose();
    await upstream.close();
  }
}

async function byHand(chain: Chain): Promise<Measured> {
  const upstream = await createGpServer({ port: 0 });
  const traffic = trafficFetch();
  try {
    const started = performance.now();
    await chain.byHand(upstream.servicesUrl, traffic.fetch);
    const ms = performance.now() - started;
    const seen = traffic.traffic();
    return { upstream: seen, client: { requests: seen.requests, bytesSent: seen.bytesSent, bytesReceived: seen.bytesReceived }, ms };
  } finally {
    await upstream.close();
  }
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const kb = (bytes: number): string => (bytes / 1024).toFixed(1);
const routes = (t: Traffic): string =>
  Object.entries(t.byRoute)
    .map(([route, n]) => `${route} ${String(n)}`)
    .join(', ');

let met = true;
const summary: string[] = [];
for (const chain of CHAINS) {
  // One unmeasured round of each: JIT and the terrain tiles warm for both alike.
  await viaGateway(chain);
  await byHand(chain);
  const rounds: { gateway: Measured[]; hand: Measured[] } = { gateway: [], hand: [] };
  for (let r = 0; r < ROUNDS; r++) {
    rounds.gateway.push(await viaGateway(chain));
    rounds.hand.push(await byHand(chain));
  }
  out(`**${chain.name}** — ${ROUNDS} alternated rounds; the last round's counts (the others are listed where they differ)`);
  out('');
  out('| run | upstream requests | by route | upstream KB sent / received | client requests | client KB sent / received | median s |');
  out('|---|---|---|---|---|---|---|');
  for (const [label, list] of [
    ['workflow through the gateway', rounds.gateway],
    ['by hand over REST', rounds.hand],
  ] as const) {
    const last = list.at(-1);
    if (!last) continue;
    const requests = [...new Set(list.map((m) => m.upstream.requests))].join(' / ');
    out(
      `| ${label} | ${requests} | ${routes(last.upstream)} | ${kb(last.upstream.bytesSent)} / ${kb(last.upstream.bytesReceived)} | ${String(last.client.requests)} | ${kb(last.client.bytesSent)} / ${kb(last.client.bytesReceived)} | ${(median(list.map((m) => m.ms)) / 1000).toFixed(2)} |`,
    );
  }
  out('');
  const gateway = rounds.gateway.at(-1);
  const hand = rounds.hand.at(-1);
  if (gateway && hand) {
    // Polls follow each side's own timer (±1 per job between rounds): bytes and the client's requests are the measure.
    const bytes = (m: Measured): number => m.upstream.bytesSent + m.upstream.bytesReceived;
    met &&= gateway.client.requests === 3 && bytes(gateway) <= 1.05 * bytes(hand);
    summary.push(
      `${chain.name.split(' (')[0] ?? chain.name}: upstream ${String(gateway.upstream.requests)} vs ${String(hand.upstream.requests)} requests, ${kb(gateway.upstream.bytesSent + gateway.upstream.bytesReceived)} vs ${kb(hand.upstream.bytesSent + hand.upstream.bytesReceived)} KB; client 3 vs ${String(hand.client.requests)} requests, ${kb(gateway.client.bytesSent + gateway.client.bytesReceived)} vs ${kb(hand.client.bytesSent + hand.client.bytesReceived)} KB`,
    );
  }
}
out(`GOAL B11 ${met ? 'met' : 'not met'} ${summary.join('; ')}`);
