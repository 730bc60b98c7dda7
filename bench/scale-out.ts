/**
 * B3 across instances: N watchers of one job split over two gateway processes sharing one Redis →
 * upstream status polls per interval (goal 1.0; ≤ 2 only during a lease hand-over).
 * B8: fan-out cost, in-memory against Redis, side by side: one gateway process, N = 100, 1,000 and
 * 10,000 subscribers (in another process) on one job whose progress changes every 100 ms, all
 * sending one operation (shared execution) or, at 1,000, each its own; fan-out delivery time (how
 * long after the first subscriber each subscriber had the same change: p50, p99), and the gateway
 * process's CPU time per delivered event, from the moment all are subscribed (connecting is not
 * fan-out; it includes the Redis round trips in Redis mode).
 */
import { readFile } from 'node:fs/promises';
import { createGpServer } from '../gpserver/server.js';
import { sleep } from './support/bench-gateway.js';
import { goalPerInterval } from './support/goals.js';
import { subscribe, waitFor } from './support/subscribers.js';
import { startChild, stopChild } from '../test/support/child-process.js';
import { launchRedisServer as startRedisServer } from '../test/support/redis-process.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function startInstance(args: readonly string[]): Promise<{ url: string; stop: () => Promise<void>; pid: number }> {
  const { child, match } = await startChild(
    'gateway/main.ts',
    ['--port', '0', '--log-level', 'silent', ...args],
    /GraphQL gateway at (\S+)/,
  );
  return { url: (match[1] ?? '').replace('localhost', '127.0.0.1'), stop: () => stopChild(child), pid: child.pid ?? 0 };
}

async function submit(url: string, bands: number, delayMs: number): Promise<{ id: string; jobId: string }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `mutation { submitElevationStatisticsJob(input: { bandCount: ${bands}, stepDelayMs: ${delayMs} }) { id jobId } }`,
    }),
  });
  const body = (await response.json()) as { data?: { submitElevationStatisticsJob: { id: string; jobId: string } } };
  if (!body.data) throw new Error(`submit answered ${response.status}: ${JSON.stringify(body)}`);
  return body.data.submitElevationStatisticsJob;
}

async function b3AcrossInstances(): Promise<void> {
  const intervalMs = 500;
  const windowMs = 5_000;
  out(`\nB3 across two instances sharing Redis: watchers split evenly, fixed ${intervalMs} ms interval, ${windowMs / 1000} s window`);
  out('| watchers | status polls | intervals | polls per interval |\n|---|---|---|---|');
  const redis = await startRedisServer();
  const upstream = await createGpServer({ port: 0 });
  const service = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
  const args = ['--redis', redis.url, '--service', service, '--poll', `${intervalMs},${intervalMs}`, '--lease', '5000'];
  const instances = [await startInstance(args), await startInstance(args)];
  const perInterval: number[] = [];
  try {
    for (const n of [2, 10, 100, 1000]) {
      const { id, jobId } = await submit(instances[0]?.url ?? '', 1000, 60_000);
      const half = Math.floor(n / 2);
      const groups = instances.map((instance, i) => subscribe(instance.url.replace('http', 'ws'), [id], i === 0 ? half : n - half));
      await waitFor(() => groups.every((g, i) => g.ready() === (i === 0 ? half : n - half)), `${n} subscribers`);
      await sleep(intervalMs);
      const before = upstream.requests.count('jobStatus', jobId);
      await sleep(windowMs);
      const polls = upstream.requests.count('jobStatus', jobId) - before;
      perInterval.push(polls / (windowMs / intervalMs));
      out(`| ${n} | ${polls} | ${windowMs / intervalMs} | ${(polls / (windowMs / intervalMs)).toFixed(2)} |`);
      await Promise.all(groups.map((g) => g.close()));
    }
    out(goalPerInterval('B3-redis', perInterval, 'two instances, N = 2…1000'));
  } finally {
    await Promise.all(instances.map((i) => i.stop()));
    await upstream.close();
    await redis.dispose();
  }
}

/** CPU time (user + system) of a process in ms, from /proc (clock ticks of 10 ms). */
async function cpuMs(pid: number): Promise<number> {
  const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** The subscribers' process: CPU of the gateway from READY (all subscribed) to RESULT (the job ended). */
async function fanOut(
  url: string,
  pid: number,
  id: string,
  n: number,
  mode: 'same' | 'distinct',
): Promise<{ events: number; p50: number; p99: number; cpuMs: number }> {
  const { child } = await startChild('bench/support/timed-subscribers.ts', [url.replace('http', 'ws'), id, String(n), mode], /READY/);
  const cpuBefore = await cpuMs(pid);
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    const found = (): RegExpExecArray | null => /^RESULT (.*)$/m.exec(text);
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = found();
      if (match) resolve(match[1] ?? '{}');
    });
    child.once('exit', () => {
      reject(new Error('the subscribers exited without a result'));
    });
  });
  const cpu = (await cpuMs(pid)) - cpuBefore;
  await stopChild(child);
  return { ...(JSON.parse(line) as { events: number; p50: number; p99: number }), cpuMs: cpu };
}

async function b8(): Promise<void> {
  out(
    '\nB8: fan-out: one gateway process, one job changing every 100 ms, N graphql-ws subscribers in another process (100 per socket); CPU and deliveries counted once all are subscribed',
  );
  out(
    '| backend | subscribers | operations | events delivered | delivery p50 | delivery p99 | gateway CPU per delivered event |\n|---|---|---|---|---|---|---|',
  );
  const redis = await startRedisServer();
  const upstream = await createGpServer({ port: 0 });
  const service = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
  const runs: { backend: 'memory' | 'redis'; n: number; mode: 'same' | 'distinct' }[] = [
    { backend: 'memory', n: 100, mode: 'same' },
    { backend: 'redis', n: 100, mode: 'same' },
    { backend: 'memory', n: 1000, mode: 'same' },
    { backend: 'redis', n: 1000, mode: 'same' },
    { backend: 'memory', n: 1000, mode: 'distinct' },
    { backend: 'redis', n: 1000, mode: 'distinct' },
    { backend: 'memory', n: 10_000, mode: 'same' },
    { backend: 'redis', n: 10_000, mode: 'same' },
  ];
  // `b8 memory:1000:same` runs one configuration (for experiments); the report runs them all.
  const only = process.argv[3];
  const chosen = only ? runs.filter((r) => `${r.backend}:${r.n}:${r.mode}` === only) : runs;
  const measured: { backend: string; n: number; mode: string; usPerEvent: number; p99: number }[] = [];
  try {
    for (const { backend, n, mode } of chosen) {
      const instance = await startInstance([
        '--service',
        service,
        '--poll',
        '50,50',
        ...(backend === 'redis' ? ['--redis', redis.url] : []),
      ]);
      try {
        // Long enough for 10,000 subscribers to connect with time to spare: 150 steps of 100 ms.
        const { id } = await submit(instance.url, 150, 100);
        const result = await fanOut(instance.url, instance.pid, id, n, mode);
        measured.push({ backend, n, mode, usPerEvent: (result.cpuMs * 1000) / Math.max(1, result.events), p99: result.p99 });
        out(
          `| ${backend} | ${n} | ${mode === 'same' ? 'one shared' : `${n} distinct`} | ${result.events} | ${result.p50.toFixed(1)} ms | ${result.p99.toFixed(1)} ms | ${((result.cpuMs * 1000) / Math.max(1, result.events)).toFixed(1)} µs |`,
        );
      } finally {
        await instance.stop();
      }
    }
  } finally {
    await upstream.close();
    await redis.dispose();
  }
  const at = (mode: string): { usPerEvent: number; p99: number } | undefined =>
    measured.find((m) => m.backend === 'memory' && m.n === 1000 && m.mode === mode);
  const shared = at('same');
  const distinct = at('distinct');
  if (shared) {
    const met = shared.usPerEvent <= 10 && shared.p99 <= 20;
    out(
      `GOAL B8 ${met ? 'met' : 'not met'} ${shared.usPerEvent.toFixed(1)} µs per delivered event, p99 ${shared.p99.toFixed(1)} ms (1,000 subscribers, one operation)`,
    );
  }
  if (distinct) {
    out(
      `GOAL B8-distinct ${distinct.usPerEvent <= 57.6 ? 'met' : 'not met'} ${distinct.usPerEvent.toFixed(1)} µs per delivered event (1,000 distinct operations; 57.6 µs before sharing)`,
    );
  }
}

const only = process.argv[2];
if (!only || only === 'b3') await b3AcrossInstances();
if (!only || only === 'b8') await b8();
