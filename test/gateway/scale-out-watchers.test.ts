import { createClient, type Client } from 'graphql-ws';
import { expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { stopChild } from '../support/child-process.js';
import { graphql } from '../support/gateway-fixture.js';
import { startGatewayInstance, until, type GatewayInstance } from '../support/gateway-instance.js';
import { describeRedis, startRedisServer } from '../support/redis-server.js';
import { ASYNC_SERVICE, startScriptedGpServer } from '../support/scripted-gpserver.js';

const POLL_MS = 200;
const LEASE_MS = 1000;
const WATCHERS_PER_INSTANCE = 50;
const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';

interface Watcher {
  readonly client: Client;
  readonly statuses: string[];
  readonly done: Promise<void>;
}

/** One graphql-ws client (its own socket) following the job on `instance`. */
function watch(instance: GatewayInstance, id: string): Watcher {
  const client = createClient({ url: instance.url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const statuses: string[] = [];
  const done = new Promise<void>((resolve, reject) => {
    client.subscribe<{ jobUpdates: { status: string } }>(
      { query: UPDATES, variables: { id } },
      { next: (event) => statuses.push(event.data?.jobUpdates.status ?? 'none'), error: reject, complete: resolve },
    );
  });
  return { client, statuses, done };
}

describeRedis('watchers of one job on two instances sharing Redis', () => {
  it('should keep one status request in flight for the job, whatever the watchers, through a SIGKILL of the submitting instance', async () => {
    const redis = await startRedisServer();
    // Each status answer takes 150 ms: requests that overlap are seen overlapping.
    const upstream = await startScriptedGpServer({
      advance: 'manual',
      script: [{ status: 'esriJobSubmitted' }, { status: 'esriJobExecuting', delayMs: 150 }, { status: 'esriJobSucceeded' }],
    });
    const serviceUrl = upstream.serviceUrl(ASYNC_SERVICE);
    const [a, b] = await Promise.all([0, 1].map(() => startGatewayInstance(redis.url, serviceUrl, { leaseMs: LEASE_MS, pollMs: POLL_MS })));
    if (!a || !b) throw new Error('two instances expected');
    const watchers: Watcher[] = [];
    try {
      const submitted = await graphql<{ submitProcessJob: { id: string; jobId: string } }>(
        a.url,
        'mutation { submitProcessJob(input: { text: "hello" }) { id jobId } }',
      );
      const { id, jobId } = submitted.data?.submitProcessJob ?? { id: '', jobId: '' };
      upstream.advance(jobId);
      const startedAt = Date.now();
      for (let i = 0; i < WATCHERS_PER_INSTANCE; i++) watchers.push(watch(a, id), watch(b, id));
      const onA = watchers.filter((_, i) => i % 2 === 0);
      const onB = watchers.filter((_, i) => i % 2 === 1);
      for (const watcher of onA) void watcher.done.catch(() => undefined);
      await until(() => watchers.every((w) => w.statuses.length > 0), 'every watcher served');

      await new Promise((resolve) => setTimeout(resolve, Math.max(0, 2500 - (Date.now() - startedAt))));
      a.child.kill('SIGKILL');
      const atKill = upstream.counts('status', jobId);
      await until(() => upstream.counts('status', jobId) > atKill + 1, 'B polling after the kill', 4 * LEASE_MS + 2000);
      upstream.advance(jobId);
      await Promise.all(onB.map((w) => w.done));
      const elapsedMs = Date.now() - startedAt;

      for (const watcher of onB) expect(watcher.statuses.at(-1)).toBe('SUCCEEDED');
      const requests = upstream.counts('status', jobId);
      const mostAtOnce = upstream.maxInFlight('status', jobId);
      process.stdout.write(
        `${2 * WATCHERS_PER_INSTANCE} watchers on two instances, one killed: ${requests} status requests in ${elapsedMs} ms (${atKill} before the kill; interval ${POLL_MS} ms), at most ${mostAtOnce} in flight\n`,
      );
      expect(mostAtOnce).toBe(1);
      // One loop at a time, each request taking 150 ms of a 200 ms interval: at most one per 350 ms, plus the failover's first.
      expect(requests).toBeLessThanOrEqual(Math.ceil(elapsedMs / POLL_MS) + 2);
    } finally {
      for (const watcher of watchers) void watcher.client.dispose();
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
    }
  }, 60_000);
});
