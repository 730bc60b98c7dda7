/**
 * The Redis job store when Redis goes away: restarted (stop + start on the same port, data lost),
 * unreachable for a while (a TCP proxy cut for 3 s — the code itself has no time limit: it
 * reconnects forever), or hung (SIGSTOP). Nothing may crash or reject unhandled (vitest fails the
 * run on either, and each test checks `unhandledRejection` too); store operations fail with a
 * GatewayError while Redis is away; subscribers catch up after reconnecting.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import type { UpstreamJobStatus } from '../../../gateway/arcgis/job-status-response.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import { systemClock } from '../../../core/clock.js';
import { runJobPoller } from '../../../gateway/jobs/job-poller.js';
import type { JobRef, JobState } from '../../../core/jobs/job-state.js';
import { jobKey } from '../../../gateway/jobs/job-store.js';
import { createRedisJobStore, type RedisJobStore } from '../../../gateway/redis/redis-job-store.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { startTcpProxy } from '../../support/tcp-proxy.js';
import { recordingLogger, REF, upstream } from '../jobs/fake-upstream.js';

const OUTAGE_MS = 3_000;

const state = (ref: JobRef, version: number, final = false): JobState => ({
  ref,
  status: final ? 'SUCCEEDED' : 'EXECUTING',
  upstreamStatus: final ? 'esriJobSucceeded' : 'esriJobExecuting',
  progress: undefined,
  messages: [{ type: 'esriJobMessageTypeInformative', description: `step ${version}` }],
  results: final ? { out: 'http://gp.test/out' } : undefined,
  fault: undefined,
  version,
  final,
});

const expectUnavailable = async (operation: Promise<unknown>): Promise<void> => {
  await expect(operation).rejects.toSatisfy((error) => error instanceof GatewayError && error.code === 'UPSTREAM_UNREACHABLE');
};

describeRedis('redis job store faults', () => {
  const closers: (() => Promise<void>)[] = [];
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };
  let ref: JobRef;

  beforeEach(() => {
    ref = { ...REF, jobId: `faults-${randomUUID()}` };
    process.on('unhandledRejection', onUnhandled);
  });

  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled.splice(0)).toEqual([]);
  });

  const open = (url: string, log = recordingLogger(), commandTimeoutMs = 500): RedisJobStore => {
    const store = createRedisJobStore({ url, log, keyPrefix: 'faults:', commandTimeoutMs });
    closers.push(() => store.close());
    return store;
  };

  it('should fail puts cleanly while Redis is down, log the outage without flooding, and resubscribe after a restart', async () => {
    const server = await startRedisServer();
    const log = recordingLogger();
    const store = open(server.url, log);
    const heard: number[] = [];
    store.subscribe(jobKey(ref), (s) => heard.push(s.version));
    await vi.waitFor(async () => {
      await store.put(state(ref, heard.length + 1));
      expect(heard.length).toBeGreaterThan(0);
    });
    const before = heard.length;

    await server.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    let failed = 0;
    while (Date.now() < outageEnds) {
      // A command that waited for Redis to return would not fail at all: failing is the bound.
      await expectUnavailable(store.put(state(ref, 100 + failed)));
      await expectUnavailable(store.get(jobKey(ref)));
      failed += 1;
      await sleep(100);
    }
    expect(failed).toBeGreaterThan(3);
    await server.restart();

    // Works again once reconnected (the store came back empty: any version goes in).
    await vi.waitFor(() => store.put(state(ref, 200)), { timeout: 5_000, interval: 100 });
    await store.put(state(ref, 201, true));
    await vi.waitFor(() => {
      expect(heard.at(-1)).toBe(201);
    });
    expect(heard.slice(0, before)).toEqual(Array.from({ length: before }, (_, i) => i + 1));
    const warnings = log.entries.filter((e) => e.level === 'warn' || e.level === 'error');
    // One "lost" line per connection (and at most one failed read-back), not one per reconnect attempt.
    expect(warnings.length).toBeLessThanOrEqual(4);
    expect(log.entries.filter((e) => e.message === 'redis connection ready again')).toHaveLength(2);
  });

  it('should deliver, after reconnecting, the final state another instance stored while this one could not reach Redis', async () => {
    const server = await startRedisServer();
    const proxy = await startTcpProxy(server.port);
    const here = open(`redis://127.0.0.1:${proxy.port}`);
    const elsewhere = open(server.url);
    const heard: JobState[] = [];
    here.subscribe(jobKey(ref), (s) => heard.push(s));
    await vi.waitFor(async () => {
      await elsewhere.put(state(ref, heard.length + 1));
      expect(heard.length).toBeGreaterThan(0);
    });
    const seen = heard.length;

    await proxy.stop();
    // The other instance goes on: its notices are published while this one is away.
    await elsewhere.put(state(ref, seen + 1));
    await elsewhere.put(state(ref, seen + 2, true));
    await expectUnavailable(here.put(state(ref, seen + 2)));
    await sleep(OUTAGE_MS);
    expect(heard).toHaveLength(seen);
    await proxy.start();

    await vi.waitFor(
      () => {
        expect(heard.at(-1)).toStrictEqual(state(ref, seen + 2, true));
      },
      { timeout: 8_000, interval: 50 },
    );
    // The missed intermediate version is skipped, never delivered after the newer one.
    expect(heard.map((s) => s.version)).toEqual([...Array.from({ length: seen }, (_, i) => i + 1), seen + 2]);
  });

  it('should deliver a final state written with no notice at all (a lost PUBLISH) after a restart', async () => {
    const server = await startRedisServer();
    // Through a proxy, so this store stays away until the other write is done, whatever its retry timing.
    const proxy = await startTcpProxy(server.port);
    const store = open(`redis://127.0.0.1:${proxy.port}`);
    const heard: number[] = [];
    store.subscribe(jobKey(ref), (s) => heard.push(s.version));
    await vi.waitFor(async () => {
      await store.put(state(ref, heard.length + 1));
      expect(heard.length).toBeGreaterThan(0);
    });
    await proxy.stop();
    await server.restart();
    // Another instance's write while this store is away, as a bare SET: no notice exists for it
    // at all, only the read-back after resubscribing can deliver it.
    const raw = new Redis(server.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    raw.on('error', () => undefined);
    closers.push(async () => {
      raw.disconnect();
      await Promise.resolve();
    });
    await raw.connect();
    await raw.set(`faults:state:${jobKey(ref)}`, JSON.stringify(state(ref, 50, true)));
    await proxy.start();
    await vi.waitFor(
      () => {
        expect(heard.at(-1)).toBe(50);
      },
      { timeout: 5_000, interval: 50 },
    );
    expect(heard).toEqual([...heard.slice(0, -1), 50]);
  });

  it('should time commands out while Redis hangs, then recover', async () => {
    const server = await startRedisServer();
    const store = open(server.url, recordingLogger(), 300);
    await store.put(state(ref, 1));
    const paused = server.pause(1_500);
    await sleep(50);
    // Redis answers again after 1.5 s: a command that waited for it would succeed instead.
    await expectUnavailable(store.put(state(ref, 2)));
    await paused;
    await vi.waitFor(() => store.put(state(ref, 3)), { timeout: 5_000, interval: 100 });
    expect((await store.get(jobKey(ref)))?.version).toBe(3);
  });

  it('should keep a poller running through an outage, backing off, and store the final state afterwards', async () => {
    const server = await startRedisServer();
    const log = recordingLogger();
    const store = open(server.url, log);
    let calls = 0;
    let finished = false;
    const fetchStatus = (): Promise<UpstreamJobStatus> => {
      calls += 1;
      return Promise.resolve(
        finished
          ? upstream('esriJobSucceeded')
          : upstream('esriJobExecuting', { messages: [{ type: 'esriJobMessageTypeInformative', description: `poll ${calls}` }] }),
      );
    };
    const controller = new AbortController();
    closers.push(async () => {
      controller.abort();
      await run;
    });
    const run = runJobPoller(ref, { fetchStatus, store, clock: systemClock, log, floorMs: 50, errorBackoffCapMs: 400 }, controller.signal);
    await vi.waitFor(async () => {
      expect((await store.get(jobKey(ref)))?.version).toBeGreaterThan(1);
    });
    await server.stop();
    await sleep(OUTAGE_MS);
    expect(log.entries.some((e) => e.message === 'job state could not be stored')).toBe(true);
    finished = true;
    await server.restart();
    await run;
    expect(await store.get(jobKey(ref))).toMatchObject({ status: 'SUCCEEDED', final: true });
  });

  it('should close while Redis is down without waiting for it', async () => {
    const server = await startRedisServer();
    const store = createRedisJobStore({ url: server.url, log: recordingLogger() });
    store.subscribe(jobKey(ref), () => undefined);
    await store.put(state(ref, 1));
    await server.stop();
    // Would hang (and time the test out) if close waited for Redis.
    await store.close();
    await expectUnavailable(store.get(jobKey(ref)));
  });
});
