/**
 * The JobStore contract, run against every implementation. Delivery may be asynchronous (Redis
 * pub/sub), so positive checks wait (`vi.waitFor`) and negative ones wait for a barrier: a state put
 * on another key after the one that must not arrive (one subscriber connection keeps notices in order).
 *
 * Contract: `get` gives the latest stored state; a listener hears states in increasing version
 * order: every state put once its subscription is in place (at once in memory; for Redis once
 * SUBSCRIBE is acknowledged, before which states are read back and may be coalesced into the
 * latest), possibly starting with the state current when it subscribed; an
 * unsubscribed listener hears nothing more; a final state expires after the finished TTL, an
 * unfinished one only after the idle TTL. Versioned stores (Redis) also never store a version
 * that is not greater than the stored one: late writers and same-version races change nothing.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { JobRef, JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore, jobKey, type JobStore } from '../../../gateway/jobs/job-store.js';
import { createRedisJobStore } from '../../../gateway/redis/redis-job-store.js';
import { silentLogger } from '../../../gateway/log/logger.js';
import { ManualClock } from '../../support/manual-clock.js';
import { failMissingRedis, redisTestMode, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { REF } from './fake-upstream.js';

interface Ttl {
  readonly finishedTtlMs: number;
  readonly idleTtlMs: number;
}

interface StoreCase {
  readonly name: string;
  readonly redis: boolean;
}

const redisMode = redisTestMode();
const CASES: StoreCase[] = [{ name: 'memory', redis: false }, ...(redisMode === 'skip' ? [] : [{ name: 'redis', redis: true }])];

let jobs = 0;
const newRef = (): JobRef => ({ ...REF, jobId: `contract-${++jobs}` });

const state = (ref: JobRef, version: number, extra: Partial<JobState> = {}): JobState => ({
  ref,
  status: 'EXECUTING',
  upstreamStatus: 'esriJobExecuting',
  progress: undefined,
  messages: [],
  results: undefined,
  fault: undefined,
  version,
  final: false,
  ...extra,
});

const finalState = (ref: JobRef, version: number): JobState =>
  state(ref, version, {
    status: 'SUCCEEDED',
    upstreamStatus: 'esriJobSucceeded',
    final: true,
    results: { out: 'http://gp.test/results/out' },
  });

describe.each(CASES)('$name job store', ({ redis }) => {
  let server: RedisServer | undefined;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    if (redis && redisMode === 'fail') failMissingRedis();
    if (redis) server = await startRedisServer();
  });

  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const makeStore = (ttl: Ttl = { finishedTtlMs: 60_000, idleTtlMs: 600_000 }, clock?: ManualClock): JobStore => {
    if (!redis) return createMemoryJobStore({ ...ttl, clock });
    if (!server) throw new Error('no redis-server');
    const store = createRedisJobStore({
      url: server.url,
      log: silentLogger,
      // A prefix per store: tests never see each other's keys.
      keyPrefix: `contract-${randomUUID()}:`,
      finishedTtlSeconds: ttl.finishedTtlMs / 1_000,
      idleTtlSeconds: ttl.idleTtlMs / 1_000,
    });
    closers.push(() => store.close());
    return store;
  };

  /** Resolves once every notice of puts made so far has been delivered (see the file comment). */
  const barrier = async (store: JobStore): Promise<void> => {
    const ref = newRef();
    const heard: number[] = [];
    const unsubscribe = store.subscribe(jobKey(ref), (s) => heard.push(s.version));
    // The subscription may not be in place yet: keep putting newer versions until one arrives.
    await vi.waitFor(
      async () => {
        await store.put(state(ref, heard.length + Date.now()));
        expect(heard.length).toBeGreaterThan(0);
      },
      { timeout: 5_000, interval: 50 },
    );
    unsubscribe();
  };

  /** A subscription that is in place (Redis subscribes asynchronously): a probe version was heard. */
  const subscribed = async (store: JobStore, ref: JobRef, heard: JobState[]): Promise<() => void> => {
    const unsubscribe = store.subscribe(jobKey(ref), (s) => heard.push(s));
    await barrier(store);
    return unsubscribe;
  };

  it('should give undefined for an unknown job and the latest state put for a known one', async () => {
    const store = makeStore();
    const ref = newRef();
    expect(await store.get(jobKey(ref))).toBeUndefined();
    await store.put(state(ref, 1));
    const latest = state(ref, 2, {
      progress: { type: 'percent', message: 'half', percent: 50 },
      messages: [{ type: 'esriJobMessageTypeInformative', description: 'Executing…' }],
      fault: { code: 'UPSTREAM_TIMEOUT', message: 'slow' },
    });
    await store.put(latest);
    expect(await store.get(jobKey(ref))).toStrictEqual(latest);
    expect(await store.get(jobKey(newRef()))).toBeUndefined();
  });

  it('should deliver every version to every listener of the job, in order, and nothing of other jobs', async () => {
    const store = makeStore();
    const ref = newRef();
    const other = newRef();
    const a: JobState[] = [];
    const b: JobState[] = [];
    const elsewhere: JobState[] = [];
    await subscribed(store, ref, a);
    await subscribed(store, ref, b);
    await subscribed(store, other, elsewhere);
    for (let version = 1; version <= 30; version += 1) await store.put(version === 30 ? finalState(ref, version) : state(ref, version));
    const all = Array.from({ length: 30 }, (_, i) => i + 1);
    await vi.waitFor(() => {
      expect(a.map((s) => s.version)).toEqual(all);
      expect(b.map((s) => s.version)).toEqual(all);
    });
    expect(a.at(-1)).toStrictEqual(finalState(ref, 30));
    await barrier(store);
    expect(elsewhere).toEqual([]);
  });

  it('should give a listener that subscribes while the job runs increasing versions up to the latest', async () => {
    const store = makeStore();
    const ref = newRef();
    await store.put(state(ref, 1));
    await store.put(state(ref, 2));
    const heard: number[] = [];
    store.subscribe(jobKey(ref), (s) => heard.push(s.version));
    for (let version = 3; version <= 6; version += 1) await store.put(state(ref, version));
    await vi.waitFor(() => {
      expect(heard.at(-1)).toBe(6);
    });
    // Never older than the state current at subscribe(), never out of order. (Until a Redis
    // subscription is in place, the read-back after SUBSCRIBE may coalesce states put meanwhile.)
    expect(heard[0]).toBeGreaterThanOrEqual(2);
    expect(heard).toEqual([...new Set(heard)].sort((x, y) => x - y));
  });

  it('should stop delivering to an unsubscribed listener, and count one function subscribed twice twice', async () => {
    const store = makeStore();
    const ref = newRef();
    const heard: number[] = [];
    const listener = (s: JobState): void => {
      heard.push(s.version);
    };
    const keep: JobState[] = [];
    await subscribed(store, ref, keep);
    const first = store.subscribe(jobKey(ref), listener);
    const second = store.subscribe(jobKey(ref), listener);
    await store.put(state(ref, 1));
    await vi.waitFor(() => {
      expect(heard).toEqual([1, 1]);
    });
    first();
    await store.put(state(ref, 2));
    await vi.waitFor(() => {
      expect(heard).toEqual([1, 1, 2]);
    });
    second();
    second(); // a second call is harmless
    await store.put(state(ref, 3));
    await barrier(store);
    expect(heard).toEqual([1, 1, 2]);
    expect(keep.map((s) => s.version)).toEqual([1, 2, 3]);
  });

  it('should never go back to an older version, in the store or to listeners', async () => {
    const store = makeStore();
    const ref = newRef();
    const heard: JobState[] = [];
    await subscribed(store, ref, heard);
    await store.put(state(ref, 3));
    await store.put(state(ref, 2)); // a late writer
    await store.put(state(ref, 3, { upstreamStatus: 'late' })); // as new, not newer
    expect(await store.get(jobKey(ref))).toStrictEqual(state(ref, 3));
    await store.put(state(ref, 4));
    await vi.waitFor(() => {
      expect(heard.map((s) => s.version)).toEqual([3, 4]);
    });
    expect(heard[0]).toStrictEqual(state(ref, 3));
  });

  it('should let exactly one of concurrent puts of the same version win', async () => {
    const store = makeStore();
    const ref = newRef();
    const heard: JobState[] = [];
    await subscribed(store, ref, heard);
    await store.put(state(ref, 1));
    const rivals = Array.from({ length: 8 }, (_, i) => state(ref, 2, { progress: { type: 'text', message: `writer ${i}` } }));
    await Promise.all(rivals.map((s) => store.put(s)));
    await barrier(store);
    const stored = await store.get(jobKey(ref));
    expect(rivals).toContainEqual(stored);
    expect(heard.map((s) => s.version)).toEqual([1, 2]);
    expect(heard[1]).toStrictEqual(stored);
  });

  it('should forget a final state after the finished TTL but keep an unfinished one until the idle TTL', async () => {
    const clock = new ManualClock();
    const store = makeStore({ finishedTtlMs: 300, idleTtlMs: 60_000 }, clock);
    const done = newRef();
    const running = newRef();
    await store.put(state(done, 1));
    await store.put(finalState(done, 2));
    await store.put(state(running, 1));
    expect(await store.get(jobKey(done))).toStrictEqual(finalState(done, 2));
    // Redis expires keys on its own time; the memory store on its clock.
    if (redis) await new Promise((resolve) => setTimeout(resolve, 450));
    else await clock.advance(450);
    expect(await store.get(jobKey(done))).toBeUndefined();
    expect(await store.get(jobKey(running))).toStrictEqual(state(running, 1));
  });
});
