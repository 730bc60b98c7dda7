/**
 * `npm run soak [-- --seconds 600]`: the gateway run as an operator would before trusting it, on loopback,
 * bounded in time, stopping by itself. Gateway and embedded GPServer run in a child process of their own
 * (bench/soak/server.ts), so the heap measured after forced collections is theirs, not the load clients':
 * - churn (first 70 % of the time): workers submit jobs and watch each over graphql-ws or SSE (two
 *   subscribers a job, one in four leaving abruptly after its first event and coming back), others run
 *   synchronous tasks; every 5 s the GPServer is made to fail (HTTP 503, connection resets, 2 s stalls);
 * - barrage (the rest): hostile input (mutated and broken documents, 3,000-level nesting, 40,000-token
 *   documents, malformed bodies and query strings) from 8 senders, while a canary query runs every 50 ms.
 * Writes bench/SOAK.md (unless --no-write) and prints `SOAK {json}` last; exit code 1 if a goal is missed.
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';
import { hostileRequest } from './soak/barrage.js';
import { watchSse, watchWs, type WatchOutcome } from './soak/watch-job.js';
import { percentile, sleep } from './support/bench-gateway.js';

const args = process.argv.slice(2);
const seconds = Number(args[args.indexOf('--seconds') + 1] ?? 600) || 600;
const write = !args.includes('--no-write');

/** Finished jobs the gateway keeps in memory here: small, so the run goes well past it. */
const FINISHED_CAP = 200;
const WATCH_TIMEOUT_MS = 30_000;

type FromServer = { readonly type: 'ready'; readonly url: string } | { readonly type: 'heap'; readonly mb: number };
const child = fork(new URL('./soak/server.ts', import.meta.url), [String(FINISHED_CAP)], { execArgv: ['--expose-gc', '--import', 'tsx'] });
const nextMessage = (type: FromServer['type']): Promise<FromServer> =>
  new Promise((resolve) => {
    const listen = (message: FromServer): void => {
      if (message.type !== type) return;
      child.off('message', listen);
      resolve(message);
    };
    child.on('message', listen);
  });
const ready = (await nextMessage('ready')) as Extract<FromServer, { type: 'ready' }>;
/** The server process's heap + external after two forced collections a turn apart, in MB. */
const heapMb = async (): Promise<number> => {
  const answer = nextMessage('heap');
  child.send({ type: 'heap' });
  return ((await answer) as Extract<FromServer, { type: 'heap' }>).mb;
};
const graphqlUrl = ready.url;
const wsUrl = graphqlUrl.replace(/^http/, 'ws');

const counts = {
  jobs: 0,
  jobsFinal: 0,
  subscribers: 0,
  disconnects: 0,
  hung: 0,
  lostFinals: 0,
  watchErrors: 0,
  syncRuns: 0,
  syncErrors: 0,
  http5xx: 0,
  faults: 0,
  barrage: 0,
  barrage5xx: 0,
};
const started = Date.now();
const churnEnds = started + seconds * 700;
const ends = started + seconds * 1000;
let random = 42;
const rand = (): number => (random = (random * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;

interface Answer {
  readonly data?: Readonly<Record<string, unknown>> | null;
  readonly errors?: readonly unknown[];
}

async function gql(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status >= 500) counts.http5xx++;
  return (await response.json()) as Answer;
}

async function watch(client: Client, id: string, index: number): Promise<WatchOutcome> {
  counts.subscribers++;
  const drop = index % 4 === 0;
  const first =
    index % 2 === 0 ? await watchWs(client, id, WATCH_TIMEOUT_MS, drop) : await watchSse(graphqlUrl, id, WATCH_TIMEOUT_MS, drop);
  if (first !== 'disconnected') return first;
  counts.disconnects++;
  // Back after an abrupt leave: the stream resumes from the current state and must still end final.
  return index % 2 === 0 ? watchWs(client, id, WATCH_TIMEOUT_MS, false) : watchSse(graphqlUrl, id, WATCH_TIMEOUT_MS, false);
}

async function jobWorker(worker: number): Promise<void> {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 3 });
  for (let n = 0; Date.now() < churnEnds; n++) {
    const submitted = await gql('mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 30 }) { id } }');
    const id = (submitted.data?.submitElevationStatisticsJob as { id?: string } | undefined)?.id;
    if (id === undefined) continue;
    counts.jobs++;
    const outcomes = await Promise.all([watch(client, id, worker + n), watch(client, id, worker + n + 1)]);
    for (const outcome of outcomes) {
      if (outcome === 'hung') counts.hung++;
      else if (outcome === 'lost-final') counts.lostFinals++;
      else if (outcome === 'error') counts.watchErrors++;
    }
    if (outcomes.includes('final')) counts.jobsFinal++;
  }
  await client.dispose();
}

async function syncWorker(): Promise<void> {
  while (Date.now() < churnEnds) {
    const body = await gql(
      'mutation { runBuffer(input: {inputFeatures: {geoJson: {type: "Point", coordinates: [10, 50]}}, distance: {distance: 1, units: KILOMETERS}}) { messages { type } } }',
    );
    counts.syncRuns++;
    if (body.errors) counts.syncErrors++;
  }
}

async function faults(): Promise<void> {
  const kinds = [{ kind: 'http-status', status: 503 }, { kind: 'reset' }, { kind: 'latency', ms: 2_000 }] as const;
  for (let i = 0; Date.now() < churnEnds - 5_000; i++) {
    await sleep(5_000);
    child.send({ type: 'fault', action: kinds[i % kinds.length] ?? kinds[0] });
    counts.faults++;
  }
}

// Churn, with the heap measured once the job store has reached its cap and again at the end.
let heapAtCap: { mb: number; jobs: number } | undefined;
const sampler = (async () => {
  while (Date.now() < churnEnds && heapAtCap === undefined) {
    await sleep(500);
    if (counts.jobsFinal >= FINISHED_CAP * 2) heapAtCap = { mb: await heapMb(), jobs: counts.jobsFinal };
  }
})();
await Promise.all([...Array.from({ length: 12 }, (_, w) => jobWorker(w)), syncWorker(), syncWorker(), faults(), sampler]);
const heapAfterChurn = { mb: await heapMb(), jobs: counts.jobsFinal };
const slopePer1000 =
  heapAtCap && heapAfterChurn.jobs > heapAtCap.jobs
    ? ((heapAfterChurn.mb - heapAtCap.mb) / (heapAfterChurn.jobs - heapAtCap.jobs)) * 1000
    : Number.NaN;

// Barrage, with the canary.
const canary: number[] = [];
let canaryFailures = 0;
const canaryLoop = (async () => {
  while (Date.now() < ends) {
    const t = performance.now();
    const body = await gql('{ __typename }');
    canary.push(performance.now() - t);
    if (body.data?.__typename !== 'Query') canaryFailures++;
    await sleep(50);
  }
})();
const senders = Array.from({ length: 8 }, async () => {
  while (Date.now() < ends) {
    const { url, init } = hostileRequest(graphqlUrl, rand);
    const response = await fetch(url, init).catch(() => undefined);
    counts.barrage++;
    if (response && response.status >= 500) counts.barrage5xx++;
    await response?.arrayBuffer().catch(() => undefined);
  }
});
await Promise.all([...senders, canaryLoop]);
// Measured once the barrage has settled: its last sockets and buffers take a few seconds to go.
await sleep(10_000);
const heapAfterBarrage = await heapMb();
child.send({ type: 'stop' });
await new Promise((resolve) => child.once('exit', resolve));

const result = {
  seconds,
  ...counts,
  finishedCap: FINISHED_CAP,
  heapAtCapMb: heapAtCap?.mb ?? Number.NaN,
  heapAfterChurnMb: heapAfterChurn.mb,
  heapSlopeMbPer1000Jobs: slopePer1000,
  heapAfterBarrageMb: heapAfterBarrage,
  barrageHeapRatio: heapAfterBarrage / heapAfterChurn.mb,
  canaryP50Ms: percentile(canary, 50),
  canaryP99Ms: percentile(canary, 99),
  canaryFailures,
};
const goals = {
  'no hung subscriber': result.hung === 0,
  'no lost final status': result.lostFinals === 0,
  'no answer ≥ 500 to client input': result.barrage5xx === 0 && result.http5xx === 0,
  'heap slope ≤ 1 MB per 1,000 finished jobs beyond the cap': !(result.heapSlopeMbPer1000Jobs > 1),
  'heap after the barrage within 10 % of before': result.barrageHeapRatio <= 1.1,
  'canary never failed': result.canaryFailures === 0,
};
const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const report = [
  `# Soak run (${seconds} s, ${new Date().toISOString().slice(0, 10)})`,
  '',
  "Produced by `npm run soak` (bench/soak.ts): gateway and embedded GPServer in a process of their own on loopback, the load clients in another; churn for 70 % of the time, then a barrage of hostile input with a canary. Heap = the server process's heap + external after two forced collections (a turn apart, so that finalizers have run).",
  '',
  '| figure | value |',
  '|---|---|',
  `| jobs submitted / seen final | ${result.jobs} / ${result.jobsFinal} |`,
  `| subscribers (graphql-ws and SSE, half each) | ${result.subscribers} |`,
  `| abrupt disconnects (then re-subscribed) | ${result.disconnects} |`,
  `| hung subscribers (no final within ${WATCH_TIMEOUT_MS / 1000} s) | ${result.hung} |`,
  `| lost finals (stream ended without a final status) | ${result.lostFinals} |`,
  `| subscription errors (JOB_NOT_FOUND after a fault…) | ${result.watchErrors} |`,
  `| synchronous runs / with a GraphQL error | ${result.syncRuns} / ${result.syncErrors} |`,
  `| upstream faults injected (503, reset, 2 s stall; 3 requests each) | ${result.faults} |`,
  `| hostile requests / answered ≥ 500 | ${result.barrage} / ${result.barrage5xx} |`,
  `| other answers ≥ 500 | ${result.http5xx} |`,
  `| heap at the finished-jobs cap (${FINISHED_CAP}) → after churn | ${fmt(result.heapAtCapMb)} → ${fmt(result.heapAfterChurnMb)} MB |`,
  `| heap slope per 1,000 finished jobs beyond the cap | ${fmt(result.heapSlopeMbPer1000Jobs, 2)} MB |`,
  `| heap before → 10 s after the barrage | ${fmt(result.heapAfterChurnMb)} → ${fmt(result.heapAfterBarrageMb)} MB (×${fmt(result.barrageHeapRatio, 2)}) |`,
  `| canary during the barrage: p50 / p99 / failures | ${fmt(result.canaryP50Ms)} / ${fmt(result.canaryP99Ms)} ms / ${result.canaryFailures} |`,
  '',
  '| goal | met |',
  '|---|---|',
  ...Object.entries(goals).map(([goal, met]) => `| ${goal} | ${met ? 'yes' : '**no**'} |`),
  '',
].join('\n');
if (write) writeFileSync(new URL('./SOAK.md', import.meta.url), report);
process.stdout.write(`${report}\nSOAK ${JSON.stringify({ ...result, goals })}\n`);
process.exit(Object.values(goals).every(Boolean) ? 0 : 1);
