/**
 * B2: the cost of the stack on a request that does no work: bare `node:http` (a fixed JSON answer),
 * bare GraphQL Yoga (a one-field schema) and the full gateway (`npm start`-like, fronting the embedded
 * GPServer, which stays idle), each in its own child process, the same request to each
 * (`POST {"query":"{ __typename }"}`, JSON) from autocannon in another process. Rounds alternate the
 * three servers; each figure is the median of its rounds, and each server's requests/s is also given
 * as a ratio of bare node:http's.
 */
import { alternate, fmt, startServer, summarize, waitUntilOk, type LoadSpec, type ServerChild } from './support/load.js';

const CONNECTIONS = 10;
const WARMUP_S = 2;
const DURATION_S = 8;
const ROUNDS = 2;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

const BODY = JSON.stringify({ query: '{ __typename }' });

const servers: ServerChild[] = [];
try {
  const http = await startServer('bench/support/trivial-server.ts', ['http'], /listening (\S+)/);
  servers.push(http);
  const yoga = await startServer('bench/support/trivial-server.ts', ['yoga'], /listening (\S+)/);
  servers.push(yoga);
  const gateway = await startServer('gateway/main.ts', ['--port', '0', '--log-level', 'silent'], /GraphQL gateway at (\S+)/);
  servers.push(gateway);
  await waitUntilOk(gateway.url.replace(/\/graphql$/, '/readyz'));
  const targets = [
    { name: 'bare node:http (fixed JSON)', url: http.url },
    { name: 'bare Yoga (one-field schema)', url: yoga.url },
    { name: 'gateway (embedded services)', url: gateway.url },
  ];
  for (const { url } of targets) {
    const answer = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: BODY })).json()) as {
      data?: { __typename?: string };
    };
    if (answer.data?.__typename !== 'Query') throw new Error(`${url} answered ${JSON.stringify(answer)}`);
  }
  const specs: LoadSpec[] = targets.map(({ url }) => ({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: BODY,
    connections: CONNECTIONS,
    warmupSeconds: WARMUP_S,
    durationSeconds: DURATION_S,
  }));
  const results = (await alternate(specs, ROUNDS, [http.pid, yoga.pid, gateway.pid])).map(summarize);
  const base = results[0]?.rps ?? Number.NaN;
  out(
    `B2: trivial query \`{ __typename }\` (POST JSON), ${CONNECTIONS} connections, ${WARMUP_S} s warm-up + ${DURATION_S} s, servers alternated ${ROUNDS}×, medians`,
  );
  out(
    '| server | requests/s | ratio of node:http | p50 | p99 | requests/s per round | server CPU per request | errors |\n|---|---|---|---|---|---|---|---|',
  );
  targets.forEach(({ name }, i) => {
    const s = results[i];
    if (!s) return;
    out(
      `| ${name} | ${fmt.rps(s.rps)} | ${fmt.ratio(s.rps / base)} | ${fmt.ms(s.p50Ms)} | ${fmt.ms(s.p99Ms)} | ${s.rounds.map((r) => fmt.rps(r.rps)).join(', ')} | ${fmt.us(s.cpuUsPerRequest[i] ?? Number.NaN)} | ${s.failures} |`,
    );
  });
  const yogaRps = results[1]?.rps ?? Number.NaN;
  const gatewayRps = results[2]?.rps ?? Number.NaN;
  out(`\nGateway / bare Yoga: ${fmt.ratio(gatewayRps / yogaRps)} (the gateway's own plugins: limits, CORS/CSRF, context, logging off).`);
} finally {
  for (const server of servers.reverse()) await server.stop();
}
