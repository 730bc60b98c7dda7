import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startChild, stopChild } from '../support/child-process.js';
import { graphql, startGateway, subscribeSse } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';
import { startGatewayInstance, until, type GatewayInstance } from '../support/gateway-instance.js';
import { describeRedis, startRedisServer } from '../support/redis-server.js';

const LEASE_MS = 1000;
const POLL_MS = 200;

const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';

const startInstance = (redisUrl: string, serviceUrl: string, leaseMs = LEASE_MS): Promise<GatewayInstance> =>
  startGatewayInstance(redisUrl, serviceUrl, { leaseMs, pollMs: POLL_MS });

describeRedis('several gateway instances sharing one Redis', () => {
  it('should poll a job from one instance only, and fail over to another when it dies', async () => {
    const redis = await startRedisServer();
    const upstream = await startGpServer();
    const serviceUrl = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
    const instances = await Promise.all([0, 1, 2].map(() => startInstance(redis.url, serviceUrl)));
    const [a, b, c] = instances;
    if (!a || !b || !c) throw new Error('three instances expected');
    try {
      const submitted = await graphql<{ submitElevationStatisticsJob: { id: string; jobId: string } }>(
        a.url,
        'mutation { submitElevationStatisticsJob(input: { bandCount: 24, stepDelayMs: 250 }) { id jobId } }',
      );
      const { id, jobId } = submitted.data?.submitElevationStatisticsJob ?? { id: '', jobId: '' };
      const polls = () => upstream.requests.count('jobStatus', jobId);

      // A watches first and so holds the lease; B and C watch through Redis.
      const onA = subscribeSse(a.url, UPDATES, { id });
      await until(() => polls() > 0, 'the first poll');
      const onB = subscribeSse<{ jobUpdates: { status: string; final: boolean } }>(b.url, UPDATES, { id });
      const onC = subscribeSse<{ jobUpdates: { status: string; final: boolean } }>(c.url, UPDATES, { id });
      await new Promise((resolve) => setTimeout(resolve, 300));
      const before = polls();
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const perInterval = (polls() - before) / (2000 / POLL_MS);
      expect(perInterval).toBeGreaterThan(0.5);
      expect(perInterval).toBeLessThanOrEqual(1.1);

      // A dies without a word: its lease expires and B or C takes it over.
      const killedAt = Date.now();
      a.child.kill('SIGKILL');
      void onA.catch(() => undefined);
      // A request A sent just before dying may still arrive: count from a little later.
      await new Promise((resolve) => setTimeout(resolve, POLL_MS / 2));
      const lastBeforeKill = polls();
      await until(() => polls() > lastBeforeKill, 'a poll after the failover', 4 * LEASE_MS + 2000);
      const failoverMs = Date.now() - killedAt;
      // The bound (two lease periods) is proven on a manual clock in job-hub-lease.test.ts; real time is only reported.
      process.stdout.write(`failover: first upstream poll ${failoverMs} ms after SIGKILL (lease ${LEASE_MS} ms, interval ${POLL_MS} ms)\n`);

      const streams = await Promise.all([onB, onC]);
      for (const events of streams) {
        expect(events.at(-1)?.data?.jobUpdates).toEqual({ status: 'SUCCEEDED', final: true });
      }
      // After the hand-over, still one poller: the rate stays at one per interval.
      expect(upstream.requests.count('jobStatus', jobId)).toBeLessThan(lastBeforeKill + (Date.now() - killedAt) / POLL_MS + 3);
    } finally {
      await Promise.all(instances.map((i) => stopChild(i.child)));
    }
  });

  it("should hand a draining instance's watchers and job to another without losing a status", async () => {
    // A lease long enough that only a release (not an expiry) explains a quick take-over.
    const lease = 8_000;
    const redis = await startRedisServer();
    const upstream = await startGpServer();
    const serviceUrl = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
    const [a, b] = await Promise.all([startInstance(redis.url, serviceUrl, lease), startInstance(redis.url, serviceUrl, lease)]);
    try {
      const submitted = await graphql<{ submitElevationStatisticsJob: { id: string; jobId: string } }>(
        a.url,
        'mutation { submitElevationStatisticsJob(input: { bandCount: 12, stepDelayMs: 250 }) { id jobId } }',
      );
      const { id, jobId } = submitted.data?.submitElevationStatisticsJob ?? { id: '', jobId: '' };
      const polls = () => upstream.requests.count('jobStatus', jobId);
      // On A: an SSE watcher, and a graphql-ws client whose reconnects go to B (as a load balancer would send them).
      const onA = subscribeSse<{ jobUpdates: { status: string; final: boolean } }>(a.url, UPDATES, { id });
      const urls = [a.url, b.url].map((url) => url.replace(/^http/, 'ws'));
      let connects = 0;
      const client = createClient({
        url: () => urls[Math.min(connects++, 1)] ?? '',
        webSocketImpl: WebSocket,
        retryAttempts: 5,
        retryWait: () => Promise.resolve(),
      });
      const wsStatuses: string[] = [];
      const ws = new Promise<void>((resolve, reject) => {
        client.subscribe<{ jobUpdates: { status: string; final: boolean } }>(
          { query: UPDATES, variables: { id } },
          { next: (event) => wsStatuses.push(event.data?.jobUpdates.status ?? ''), error: reject, complete: resolve },
        );
      });
      await until(() => polls() > 0 && wsStatuses.length > 0, 'A polling, and the WebSocket watcher served');

      const stoppedAt = Date.now();
      const exited = new Promise<number | null>((resolve) => a.child.once('exit', resolve));
      a.child.kill('SIGTERM');
      const events = await onA;
      expect(events.at(-1)?.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');
      expect(await exited).toBe(0);
      const lastOfA = polls();
      // The SSE watcher comes back on B, as its client would after SHUTTING_DOWN.
      const onB = subscribeSse<{ jobUpdates: { status: string; final: boolean } }>(b.url, UPDATES, { id });
      await until(() => polls() > lastOfA, 'B polling', lease);
      process.stdout.write(`drain: B polls ${Date.now() - stoppedAt} ms after SIGTERM to A (lease ${lease} ms)\n`);

      expect((await onB).at(-1)?.data?.jobUpdates).toEqual({ status: 'SUCCEEDED', final: true });
      await ws;
      expect(connects).toBe(2);
      expect(wsStatuses.at(-1)).toBe('SUCCEEDED');
      await client.dispose();
    } finally {
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
    }
  }, 60_000);

  it('should return the same job for one idempotency key on two instances', async () => {
    const redis = await startRedisServer();
    const upstream = await startGpServer();
    const serviceUrl = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
    const instances = await Promise.all([0, 1].map(() => startInstance(redis.url, serviceUrl)));
    try {
      const submit = (url: string) =>
        graphql<{ submitElevationStatisticsJob: { id: string } }>(
          url,
          'mutation { submitElevationStatisticsJob(input: { bandCount: 2, stepDelayMs: 10 }, idempotencyKey: "order-7") { id } }',
        );
      const [first, second] = await Promise.all(instances.map((i) => submit(i.url)));
      expect(first?.data?.submitElevationStatisticsJob.id).toBeTruthy();
      expect(second?.data?.submitElevationStatisticsJob.id).toBe(first?.data?.submitElevationStatisticsJob.id);
      expect(upstream.requests.count('submitJob')).toBe(1);
    } finally {
      await Promise.all(instances.map((i) => stopChild(i.child)));
    }
  });
});

describeRedis('a gateway through Redis faults', () => {
  it('should deliver the final status to a subscriber across a Redis restart that loses every key', async () => {
    const redis = await startRedisServer();
    const upstream = await startGpServer();
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer` }],
      redisUrl: redis.url,
      leaseMs: 600,
      polling: { floorMs: 100, ceilingMs: 100, errorBackoffCapMs: 200 },
    });
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
      gateway.graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 16, stepDelayMs: 200 }) { id } }',
    );
    const stream = subscribeSse<{ jobUpdates: { status: string; final: boolean } }>(gateway.graphqlUrl, UPDATES, {
      id: submitted.data?.submitElevationStatisticsJob.id,
    });
    await new Promise((resolve) => setTimeout(resolve, 800));
    await redis.restart();
    const events = await stream;
    expect(events.at(-1)?.data?.jobUpdates).toEqual({ status: 'SUCCEEDED', final: true });
  });
});

describe('scale-out configuration', () => {
  it('should run without Redis by default', async () => {
    const { child, match } = await startChild('gateway/main.ts', ['--port', '0', '--log-level', 'silent'], /GraphQL gateway at (\S+)/);
    try {
      expect(match[1]).toMatch(/^http:\/\/localhost:\d+\/graphql$/);
    } finally {
      await stopChild(child);
    }
  });
});
