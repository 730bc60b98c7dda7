/**
 * B4: 1,000 live jobs, one subscriber each → upstream polls/s against jobs/interval, the most status
 * requests in flight for any one job (goal 1), and the gateway's event-loop delay p99. The upstream
 * (embedded GPServer) runs in its own process so the gateway's event loop is measured alone.
 * B5: memory per idle WebSocket subscription (goal ≤ 30 KB): N WebSockets, in another process, each
 * hold one subscription to a job that does not change; the gateway's heap + external after GC, / N.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway } from '../gateway/create-gateway.js';
import { embeddedSources } from '../gateway/cli/embedded-sources.js';
import { countingFetch } from './support/counting-fetch.js';
import { sleep, startBenchGateway, submitLongJob } from './support/bench-gateway.js';
import { startChild, stopChild } from '../test/support/child-process.js';
import { subscribe, waitFor } from './support/subscribers.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function b4(jobs = 1000, intervalMs = 1000, windowMs = 10_000): Promise<void> {
  const { child, match } = await startChild(
    'gpserver/main.ts',
    ['--port', '0', '--max-concurrent-jobs', '2', '--max-run-time', '3600'],
    /Embedded GPServer at (\S+)/,
  );
  try {
    const counts = countingFetch();
    const gateway = await createGateway({
      sources: embeddedSources(match[1] ?? ''),
      fetch: counts.fetch,
      polling: { floorMs: intervalMs, ceilingMs: intervalMs },
    });
    const server = createServer(gateway.handler);
    gateway.attachWebSockets(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const url = `http://127.0.0.1:${port}/graphql`;
    const ids: string[] = [];
    for (let i = 0; i < jobs; i += 50)
      ids.push(...(await Promise.all(Array.from({ length: Math.min(50, jobs - i) }, () => submitLongJob(url)))));
    const subscribers = subscribe(`ws://127.0.0.1:${port}/graphql`, ids, jobs);
    await waitFor(() => subscribers.ready() === jobs, `${jobs} subscribers`);
    await sleep(2 * intervalMs);
    counts.reset();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    delay.enable();
    await sleep(windowMs);
    delay.disable();
    const pollsPerSecond = (counts.status() * 1000) / windowMs;
    const expected = (jobs * 1000) / intervalMs;
    out(`\nB4: ${jobs} live jobs, one subscriber each, ${intervalMs} ms interval (±10 % jitter), ${windowMs / 1000} s window`);
    out(
      '| polls/s | jobs/interval (per s) | ratio | max in flight per job | event-loop delay p50 | p99 | max |\n|---|---|---|---|---|---|---|',
    );
    out(
      `| ${pollsPerSecond.toFixed(0)} | ${expected.toFixed(0)} | ${(pollsPerSecond / expected).toFixed(2)} | ${counts.maxInFlightPerJob()} | ` +
        `${(delay.percentile(50) / 1e6).toFixed(1)} ms | ${(delay.percentile(99) / 1e6).toFixed(1)} ms | ${(delay.max / 1e6).toFixed(1)} ms |`,
    );
    const inFlight = counts.maxInFlightPerJob();
    out(
      `GOAL B4 ${inFlight === 1 ? 'met' : 'not met'} ${inFlight} max in flight per job (${(pollsPerSecond / expected).toFixed(2)} polls per job-interval)`,
    );
    await subscribers.close();
    server.closeAllConnections();
    server.close();
    await gateway.dispose();
  } finally {
    await stopChild(child);
  }
}

function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) throw new Error('run with node --expose-gc (npm run bench does)');
  collect();
  collect();
}

const heapBytes = (): number => {
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
};

async function b5(sizes = [500, 1000, 2000]): Promise<void> {
  out(
    '\nB5: memory per idle WebSocket subscription (one socket, one subscription each, clients in another process; heap + external after GC, and RSS)',
  );
  out('| subscriptions | heap+external delta per subscription | RSS delta per subscription |\n|---|---|---|');
  const perSubscriptionKb: number[] = [];
  for (const n of sizes) {
    const bench = await startBenchGateway();
    const id = await submitLongJob(bench.graphqlUrl);
    // Warm the path (schema, loaders, sockets) so the delta is the subscriptions' own cost.
    const warm = subscribe(bench.wsUrl, [id], 10, 1);
    await waitFor(() => warm.ready() === 10, 'warm-up');
    await sleep(1000);
    gc();
    const before = { heap: heapBytes(), rss: process.memoryUsage().rss };
    const { child } = await startChild('bench/support/subscriber-client.ts', [bench.wsUrl, id, String(n)], /ready \d+/);
    await sleep(2000);
    gc();
    const after = { heap: heapBytes(), rss: process.memoryUsage().rss };
    perSubscriptionKb.push((after.heap - before.heap) / n / 1024);
    out(`| ${n} | ${((after.heap - before.heap) / n / 1024).toFixed(1)} KB | ${((after.rss - before.rss) / n / 1024).toFixed(1)} KB |`);
    await stopChild(child);
    await warm.close();
    await bench.close();
  }
  const worst = Math.max(...perSubscriptionKb);
  out(
    `GOAL B5 ${worst <= 30 ? 'met' : 'not met'} ${worst.toFixed(1)} KB per subscription (heap+external, the largest of N = ${sizes.join(', ')})`,
  );
}

const only = process.argv[2];
if (!only || only === 'b4') await b4();
if (!only || only === 'b5') await b5();
