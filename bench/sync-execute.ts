/**
 * B1: a synchronous execute through the gateway against a direct REST call to the same embedded
 * GPServer, same load generator, same run. Task: Testing/AllDataTypes EchoAllTypes, three small
 * inputs given (a choice string, a long, a linear unit; GraphQL adds the five published defaults and
 * the direct call sends the same eight values): the tool only echoes them, so its compute is
 * negligible and the gateway's overhead (GraphQL parse/validate/execute, input conversion, the
 * upstream POST, output conversion) shows. The GPServer and the gateway each run in their own child
 * process (as `npm run gpserver` / `npm start`), autocannon in a third; the gateway stays up (idle)
 * during the direct runs. Rounds alternate A/B/A/B and each figure is the median of its rounds. The
 * CPU time each server process spends per request is read from /proc around each run: unlike
 * requests/s it hardly depends on what else the (shared, 2-core) machine is doing. Two peers run in
 * the same rotation (bench/support/sync-peers.ts): a hand-written Yoga + fetch server (what one would
 * write instead of the gateway) and a node:http forwarder with no GraphQL (the floor).
 * A paced pass then sends the gateway and direct clients at one rate, so the GPServer's CPU per
 * request compares between them (under closed-loop load each front batches requests differently).
 * Goals: gateway requests/s ≥ 0.45 × direct and ≥ 3 × the Yoga + fetch peer; gateway CPU per
 * request ≤ 2.5 × the forwarder's.
 */
import { alternate, fmt, startServer, summarize, waitUntilOk, type LoadSpec, type ServerChild, type Summary } from './support/load.js';

const CONNECTIONS = 10;
const WARMUP_S = 2;
const DURATION_S = 10;
const ROUNDS = 2;
/** A paced pass: the GPServer's CPU per request when the gateway and direct clients send at one rate. */
const PACED = { connections: 10, warmupSeconds: 1, durationSeconds: 6, rounds: 2, rate: 250 };
/** A second, unloaded pass (one connection, no queueing): the latency the gateway adds per request. */
const LATENCY = { connections: 1, warmupSeconds: 1, durationSeconds: 5, rounds: 2 };

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const GRAPHQL =
  'mutation Echo($input: EchoAllTypesInput!) { runEchoAllTypes(input: $input) { results { outString outLong outLinearUnit { distance units } } } }';
const VARIABLES = { input: { inString: 'BLUE', inLong: 42, inLinearUnit: { distance: 1.5, units: 'KILOMETERS' } } };
/**
 * Exactly the form the gateway posts upstream for VARIABLES (checked at start): GraphQL applies the
 * published defaults of the omitted optional inputs, so those are sent too.
 */
const FORM = new URLSearchParams({
  In_String: 'Blue',
  In_Long: '42',
  In_Double: '0.5',
  In_Boolean: 'true',
  In_Linear_Unit: JSON.stringify({ distance: 1.5, units: 'esriKilometers' }),
  In_Areal_Unit: JSON.stringify({ area: 1, units: 'esriSquareKilometers' }),
  In_Strings: JSON.stringify(['Red', 'Blue']),
  In_Spatial_Reference: JSON.stringify({ wkid: 4326 }),
  f: 'json',
}).toString();

async function check(gatewayUrl: string, executeUrl: string): Promise<void> {
  const viaGateway = (await (
    await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: GRAPHQL, variables: VARIABLES }),
    })
  ).json()) as { data?: { runEchoAllTypes: { results: { outLong: unknown } } }; errors?: unknown };
  if (viaGateway.errors !== undefined || viaGateway.data?.runEchoAllTypes.results.outLong !== 42)
    throw new Error(`gateway answer: ${JSON.stringify(viaGateway)}`);
  const direct = (await (
    await fetch(executeUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: FORM })
  ).json()) as {
    results?: { paramName: string; value: unknown }[];
  };
  if (direct.results?.find((r) => r.paramName === 'Out_Long')?.value !== 42) throw new Error(`direct answer: ${JSON.stringify(direct)}`);
}

const servers: ServerChild[] = [];
try {
  const gpserver = await startServer('gpserver/main.ts', ['--port', '0'], /Embedded GPServer at (\S+)/);
  servers.push(gpserver);
  const serviceUrl = `${gpserver.url}/Testing/AllDataTypes/GPServer`;
  const executeUrl = `${serviceUrl}/EchoAllTypes/execute`;
  const gateway = await startServer(
    'gateway/main.ts',
    ['--port', '0', '--log-level', 'silent', '--service', serviceUrl],
    /GraphQL gateway at (\S+)/,
  );
  servers.push(gateway);
  await waitUntilOk(gateway.url.replace(/\/graphql$/, '/readyz'));
  await check(gateway.url, executeUrl);
  const peer = async (kind: string): Promise<ServerChild> => {
    const started = await startServer('bench/support/sync-peers.ts', [kind, executeUrl, FORM], /listening (\S+)/);
    servers.push(started);
    return started;
  };
  const yogaFetch = await peer('yoga-fetch');
  const forwarder = await peer('forwarder');
  // The peer answers what the gateway answers (a GraphQL error would be a fast 200 and a false figure).
  await check(yogaFetch.url, executeUrl);
  const graphqlPost = (url: string, connections: number, warmupSeconds: number, durationSeconds: number): LoadSpec => ({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: GRAPHQL, variables: VARIABLES }),
    connections,
    warmupSeconds,
    durationSeconds,
  });

  const specs = (connections: number, warmupSeconds: number, durationSeconds: number): LoadSpec[] => [
    graphqlPost(gateway.url, connections, warmupSeconds, durationSeconds),
    {
      url: executeUrl,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: FORM,
      connections,
      warmupSeconds,
      durationSeconds,
    },
    graphqlPost(yogaFetch.url, connections, warmupSeconds, durationSeconds),
    graphqlPost(forwarder.url, connections, warmupSeconds, durationSeconds),
  ];

  const pids = [gateway.pid, gpserver.pid, yogaFetch.pid, forwarder.pid];
  const [gatewayRuns = [], directRuns = [], yogaRuns = [], forwarderRuns = []] = await alternate(
    specs(CONNECTIONS, WARMUP_S, DURATION_S),
    ROUNDS,
    pids,
  );
  const g = summarize(gatewayRuns);
  const d = summarize(directRuns);
  const y = summarize(yogaRuns);
  const f = summarize(forwarderRuns);
  const ratio = g.rps / d.rps;
  const overYoga = g.rps / y.rps;
  // Each front's own process: the gateway 0, the Yoga peer 2, the forwarder 3 (the GPServer is 1).
  const ownCpu = (s: Summary, k: number): number => s.cpuUsPerRequest[k] ?? Number.NaN;
  const cpuRatio = ownCpu(g, 0) / ownCpu(f, 3);

  out(
    `B1: synchronous execute (EchoAllTypes, 8 small inputs, echoed) through the gateway, direct REST to the same GPServer, a hand-written Yoga + fetch server and a node:http forwarder; ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s, the four alternated ${ROUNDS}×, medians`,
  );
  out(
    '| target | requests/s | ratio of direct | p50 | p99 | requests/s per round | its own CPU per request | GPServer CPU per request | errors |\n|---|---|---|---|---|---|---|---|---|',
  );
  for (const [name, s, k] of [
    ['gateway `runEchoAllTypes`', g, 0],
    ['direct `POST …/EchoAllTypes/execute`', d, 1],
    ['Yoga + fetch, one hand-written resolver', y, 2],
    ['node:http forwarder (no GraphQL)', f, 3],
  ] as const) {
    out(
      `| ${name} | ${fmt.rps(s.rps)} | ${fmt.ratio(s.rps / d.rps)} | ${fmt.ms(s.p50Ms)} | ${fmt.ms(s.p99Ms)} | ${s.rounds.map((r) => fmt.rps(r.rps)).join(', ')} | ${k === 1 ? '–' : fmt.us(ownCpu(s, k))} | ${fmt.us(s.cpuUsPerRequest[1] ?? Number.NaN)} | ${s.failures} |`,
    );
  }
  out(
    `\nGateway / direct requests/s: **${fmt.ratio(ratio)}** (goal ≥ 0.45×; per round: ${gatewayRuns.map((r, i) => fmt.ratio(r.rps / (directRuns[i]?.rps ?? Number.NaN))).join(', ')}). ` +
      `Gateway / Yoga + fetch: **${fmt.ratio(overYoga)}** (goal ≥ 3×). Gateway CPU / forwarder CPU per request: **${fmt.ratio(cpuRatio)}** (goal ≤ 2.5×). ` +
      `Added under load over direct: p50 +${fmt.ms(g.p50Ms - d.p50Ms)}, p99 +${fmt.ms(g.p99Ms - d.p99Ms)}. CPU per request: warm-up included; /proc, 10 ms ticks. ` +
      'The GPServer column is its CPU per request under each front: closed-loop load batches requests differently per front, so compare it between fronts, not with its cost when paced.',
  );

  // Closed-loop load batches requests differently per front; at one paced rate the GPServer's cost compares.
  const paced = specs(PACED.connections, PACED.warmupSeconds, PACED.durationSeconds)
    .slice(0, 2)
    .map((spec) => ({ ...spec, overallRate: PACED.rate }));
  const [gp = [], dp = []] = await alternate(paced, PACED.rounds, [gpserver.pid]);
  const gpaced = summarize(gp);
  const dpaced = summarize(dp);
  out(
    `\nGPServer CPU at one paced rate (${PACED.rate} req/s over ${PACED.connections} connections, ${PACED.warmupSeconds} s warm-up + ${PACED.durationSeconds} s, A/B alternated ${PACED.rounds}×, medians)`,
  );
  out('| front | requests/s | GPServer CPU per request |\n|---|---|---|');
  out(`| gateway | ${fmt.rps(gpaced.rps)} | ${fmt.us(gpaced.cpuUsPerRequest[0] ?? Number.NaN)} |`);
  out(`| direct | ${fmt.rps(dpaced.rps)} | ${fmt.us(dpaced.cpuUsPerRequest[0] ?? Number.NaN)} |`);

  const [gl = [], dl = []] = await alternate(
    specs(LATENCY.connections, LATENCY.warmupSeconds, LATENCY.durationSeconds).slice(0, 2),
    LATENCY.rounds,
  );
  const gs = summarize(gl);
  const ds = summarize(dl);
  out(
    `\nUnloaded latency (${LATENCY.connections} connection, ${LATENCY.warmupSeconds} s warm-up + ${LATENCY.durationSeconds} s, A/B alternated ${LATENCY.rounds}×, medians)`,
  );
  out('| target | requests/s | p50 | p99 |\n|---|---|---|---|');
  out(`| gateway | ${fmt.rps(gs.rps)} | ${fmt.ms(gs.p50Ms)} | ${fmt.ms(gs.p99Ms)} |`);
  out(`| direct | ${fmt.rps(ds.rps)} | ${fmt.ms(ds.p50Ms)} | ${fmt.ms(ds.p99Ms)} |`);
  out(`| gateway adds | | +${fmt.ms(gs.p50Ms - ds.p50Ms)} | +${fmt.ms(gs.p99Ms - ds.p99Ms)} |`);

  if (g.failures + d.failures + y.failures + f.failures + gs.failures + ds.failures + gpaced.failures + dpaced.failures > 0)
    out('\n**Some requests failed** (errors column): the figures above are suspect.');
  out(`GOAL B1 ${ratio >= 0.45 ? 'met' : 'not met'} ${fmt.ratio(ratio)} (${fmt.rps(g.rps)} / ${fmt.rps(d.rps)} req/s)`);
  out(`GOAL B1-peer ${overYoga >= 3 ? 'met' : 'not met'} ${fmt.ratio(overYoga)} (${fmt.rps(g.rps)} / ${fmt.rps(y.rps)} req/s)`);
  out(
    `GOAL B1-cpu ${cpuRatio <= 2.5 ? 'met' : 'not met'} ${fmt.ratio(cpuRatio)} (${fmt.us(ownCpu(g, 0))} / ${fmt.us(ownCpu(f, 3))} per request)`,
  );
} finally {
  for (const server of servers.reverse()) await server.stop();
}
