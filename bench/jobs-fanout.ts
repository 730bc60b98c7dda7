/**
 * B3: N = 1, 10, 100, 1,000 watchers on one job → upstream status polls per interval (goal 1.0).
 * B7: K aliased reads of one finished job's output in one request → upstream result fetches (goal 1).
 * Side by side with the Esri client model: N `@esri/arcgis-rest-request` Job monitors at their default
 * 2 s polling against N gateway subscribers (default adaptive polling) on the same kind of job,
 * measured in the same run: upstream status requests per minute, and their ratio.
 */
import { Job } from '@esri/arcgis-rest-request';
import { gql, sleep, startBenchGateway, submitLongJob } from './support/bench-gateway.js';
import { goalPerInterval } from './support/goals.js';
import { subscribe, waitFor } from './support/subscribers.js';
import { decodeJobId } from '../resolvers/job-id.js';

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function b3(): Promise<void> {
  const intervalMs = 500;
  const windowMs = 5_000;
  out(`\nB3: watchers on one job, fixed ${intervalMs} ms interval (floor = ceiling, no jitter), ${windowMs / 1000} s window`);
  out('| watchers | status polls | intervals | polls per interval | max in flight per job | events delivered |\n|---|---|---|---|---|---|');
  const perInterval: number[] = [];
  for (const n of [1, 10, 100, 1000]) {
    const bench = await startBenchGateway({ polling: { floorMs: intervalMs, ceilingMs: intervalMs, jitter: 0 } });
    const id = await submitLongJob(bench.graphqlUrl);
    const subscribers = subscribe(bench.wsUrl, [id], n);
    await waitFor(() => subscribers.ready() === n, `${n} subscribers`);
    bench.counts.reset();
    await sleep(windowMs);
    const polls = bench.counts.status();
    perInterval.push(polls / (windowMs / intervalMs));
    out(
      `| ${n} | ${polls} | ${windowMs / intervalMs} | ${(polls / (windowMs / intervalMs)).toFixed(2)} | ${bench.counts.maxInFlightPerJob()} | ${subscribers.events()} |`,
    );
    await subscribers.close();
    await bench.close();
  }
  out(goalPerInterval('B3', perInterval, 'N = 1…1000'));
}

async function b7(): Promise<void> {
  // K stops at 30: the gateway's default alias limit (maxAliases) refuses more in one operation.
  out('\nB7: K aliased selections of one output of a finished job, in one request (K ≤ 30, the default alias limit)');
  out('| K | upstream result fetches |\n|---|---|');
  const bench = await startBenchGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
  const { runElevationStatistics } = await gql<{ runElevationStatistics: { id: string; status: string } }>(
    bench.graphqlUrl,
    'mutation { runElevationStatistics(input: { bandCount: 3, stepDelayMs: 0 }) { id status } }',
  );
  if (runElevationStatistics.status !== 'SUCCEEDED') throw new Error(`job ended ${runElevationStatistics.status}`);
  const fetches: number[] = [];
  for (const k of [1, 10, 30]) {
    // Each K uses a distinct outSR-free variant of the arguments so the cross-request cache cannot serve it.
    const returnZ = k % 2 === 0;
    const aliases = Array.from(
      { length: k },
      (_, i) => `a${i}: bandStatistics(returnZ: ${returnZ}, returnM: ${k > 10}) { featureCount }`,
    ).join(' ');
    bench.counts.reset();
    await gql(bench.graphqlUrl, `query ($id: ID!) { job(id: $id) { ... on ElevationStatisticsJob { results { ${aliases} } } } }`, {
      id: runElevationStatistics.id,
    });
    out(`| ${k} | ${bench.counts.results()} |`);
    fetches.push(bench.counts.results());
  }
  await bench.close();
  const most = Math.max(...fetches);
  out(
    `GOAL B7 ${fetches.every((f) => f === 1) ? 'met' : 'not met'} ${most} upstream fetch${most === 1 ? '' : 'es'} at most (K = 1, 10, 30)`,
  );
}

async function esriComparison(): Promise<void> {
  const windowMs = 30_000;
  out(
    `\nUpstream status requests: N Esri Job clients (default 2 s setInterval polling) vs N gateway subscribers (default adaptive polling), ${windowMs / 1000} s window, per minute`,
  );
  out('| N | Esri clients: requests/min | gateway: requests/min | ratio (Esri / gateway) |\n|---|---|---|---|');
  for (const n of [1, 10, 100]) {
    const bench = await startBenchGateway();
    const taskUrl = `${bench.upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer/ElevationStatistics`;
    const esriJobId = await submitLongJob(bench.graphqlUrl).then((id) => decodeJobId(id).jobId);
    const gatewayJob = await submitLongJob(bench.graphqlUrl);
    const subscribers = subscribe(bench.wsUrl, [gatewayJob], n);
    await waitFor(() => subscribers.ready() === n, `${n} subscribers`);
    const esriJobs = await Promise.all(Array.from({ length: n }, () => Job.fromExistingJob({ id: esriJobId, url: taskUrl })));
    const before = { esri: bench.upstream.requests.count('jobStatus', esriJobId), gateway: bench.counts.status() };
    for (const job of esriJobs) job.startEventMonitoring();
    await sleep(windowMs);
    for (const job of esriJobs) job.stopEventMonitoring();
    const esri = ((bench.upstream.requests.count('jobStatus', esriJobId) - before.esri) * 60_000) / windowMs;
    const gateway = ((bench.counts.status() - before.gateway) * 60_000) / windowMs;
    out(`| ${n} | ${esri.toFixed(0)} | ${gateway.toFixed(0)} | ${(esri / gateway).toFixed(1)} |`);
    await subscribers.close();
    await bench.close();
  }
}

const only = process.argv[2];
if (!only || only === 'b3') await b3();
if (!only || only === 'b7') await b7();
if (!only || only === 'esri') await esriComparison();
