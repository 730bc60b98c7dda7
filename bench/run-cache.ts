/**
 * B10: cached deterministic runs. A repeated-point workload — RUNS synchronous viewsheds over POINTS
 * distinct observer points, CLIENTS at a time — through a gateway without the run cache and one with
 * `runCache` marking Viewshed, in alternated rounds (each round a fresh gateway and upstream, so every
 * cached round starts cold). Upstream `execute` requests are counted by the upstream server itself
 * (exact); times are the medians of the rounds. The result is read as the service's own Esri JSON: a
 * conversion a caller asks for (GeoJSON, another spatial reference) runs on every answer, cached or not.
 */
import { performance } from 'node:perf_hooks';
import { gql, startBenchGateway } from './support/bench-gateway.js';

const RUNS = 200;
const POINTS = 10;
const CLIENTS = 4;
const ROUNDS = 3;
const TASK = 'Elevation/ESRI_Elevation_World/Viewshed';

const VIEWSHED = /* GraphQL */ `
  mutation ($input: ViewshedInput!) {
    runViewshed(input: $input) {
      results {
        viewshedResult {
          featureCount
        }
      }
    }
  }
`;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Run i's point: every point comes back RUNS / POINTS times, interleaved as a map viewer's clicks would be. */
const pointOf = (i: number) => ({
  inputObservationPoint: { geoJson: { type: 'Point', coordinates: [-119.6 + ((i * 7) % POINTS) * 0.01, 36.3] } },
  viewshedDistance: { distance: 5, units: 'KILOMETERS' },
});

interface Round {
  readonly executes: number;
  readonly ms: number;
}

async function round(cached: boolean): Promise<Round> {
  const bench = await startBenchGateway(cached ? { runCache: { tasks: [TASK] } } : {});
  try {
    const before = bench.upstream.requests.count('execute');
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        for (let i = next++; i < RUNS; i = next++) await gql(bench.graphqlUrl, VIEWSHED, { input: pointOf(i) });
      }),
    );
    const ms = performance.now() - started;
    return { executes: bench.upstream.requests.count('execute') - before, ms };
  } finally {
    await bench.close();
  }
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

const rounds: { off: Round[]; on: Round[] } = { off: [], on: [] };
// One unmeasured round of each: JIT and the elevation model's tiles warm for both alike.
await round(false);
await round(true);
for (let r = 0; r < ROUNDS; r++) {
  rounds.off.push(await round(false));
  rounds.on.push(await round(true));
}

out(
  `B10: ${RUNS} synchronous runViewshed over ${POINTS} distinct points (5 km, result as Esri JSON), ${CLIENTS} clients at a time; gateway and embedded GPServer in one process; median of ${ROUNDS} alternated rounds, each on a fresh gateway (cold cache)`,
);
out('| run cache | upstream executes per round | runs answered without an upstream call | median ms per round | ms per run |');
out('|---|---|---|---|---|');
for (const [label, list] of [
  ['off', rounds.off],
  [`on (\`${TASK}\`)`, rounds.on],
] as const) {
  const executes = list.map((r) => r.executes).join(', ');
  const ms = median(list.map((r) => r.ms));
  out(`| ${label} | ${executes} | ${RUNS - Math.max(...list.map((r) => r.executes))} | ${ms.toFixed(0)} | ${(ms / RUNS).toFixed(2)} |`);
}
const worstCached = Math.max(...rounds.on.map((r) => r.executes));
const ratio = median(rounds.off.map((r) => r.ms)) / median(rounds.on.map((r) => r.ms));
out(
  `Upstream calls avoided: ${RUNS - worstCached} of ${RUNS} (${(((RUNS - worstCached) / RUNS) * 100).toFixed(1)} %); time without the cache / with it = ${ratio.toFixed(1)}×`,
);
out(
  `GOAL B10 ${worstCached === POINTS ? 'met' : 'not met'} ${worstCached} upstream executes for ${RUNS} runs over ${POINTS} points (${RUNS - worstCached} avoided); ${ratio.toFixed(1)}× faster`,
);
