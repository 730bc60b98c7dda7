import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../core/clock.js';
import { JobHub } from '../../../gateway/jobs/job-hub.js';
import type { JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore, jobKey } from '../../../gateway/jobs/job-store.js';
import { memoryLease, type JobLease } from '../../../gateway/jobs/lease.js';
import { silentLogger } from '../../../gateway/log/logger.js';
import { createRedisConnection } from '../../../gateway/redis/redis-connection.js';
import { redisLease } from '../../../gateway/redis/redis-lease.js';
import { ManualClock } from '../../support/manual-clock.js';
import { describeRedis, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { FakeUpstream, REF, upstream } from './fake-upstream.js';

let redis: RedisServer;
const clients: Redis[] = [];
afterAll(() => {
  for (const created of clients.splice(0)) created.disconnect();
});

/** A connection with the gateway's own fault policy (bounded command time, no crash on errors). */
function client(commandTimeoutMs = 2_000): Redis {
  const created = createRedisConnection({
    url: redis.url,
    log: silentLogger,
    role: 'lease-test',
    commandTimeoutMs,
    maxReconnectDelayMs: 100,
  });
  clients.push(created);
  return created;
}

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });
let keys = 0;

interface Subject {
  readonly lease: JobLease;
  /** Lets `ms` pass on the lease's own time. */
  readonly elapse: (ms: number) => Promise<void>;
}

/** What the job hub relies on, for either implementation. */
function leaseContract(subject: () => Subject): void {
  const TTL = 150;
  const key = () => `job:lease-test-${++keys}`;

  it('should grant a free lease to one owner only, and again to that owner', async () => {
    const { lease } = subject();
    const k = key();
    expect(await lease.acquire(k, 'a', TTL)).toBe(true);
    expect(await lease.acquire(k, 'b', TTL)).toBe(false);
    expect(await lease.acquire(k, 'a', TTL)).toBe(true);
  });

  it('should renew only for its owner', async () => {
    const { lease, elapse } = subject();
    const k = key();
    await lease.acquire(k, 'a', TTL);
    expect(await lease.renew(k, 'b', TTL)).toBe(false);
    await elapse(100);
    expect(await lease.renew(k, 'a', TTL)).toBe(true);
    await elapse(100); // past the first expiry, within the renewed one
    expect(await lease.acquire(k, 'b', TTL)).toBe(false);
  });

  it('should release only for its owner', async () => {
    const { lease } = subject();
    const k = key();
    await lease.acquire(k, 'a', TTL);
    await lease.release(k, 'b');
    expect(await lease.acquire(k, 'b', TTL)).toBe(false);
    await lease.release(k, 'a');
    expect(await lease.acquire(k, 'b', TTL)).toBe(true);
  });

  it('should expire a lease nobody renews, after which its former owner can neither renew nor release it', async () => {
    const { lease, elapse } = subject();
    const k = key();
    await lease.acquire(k, 'a', TTL);
    await elapse(TTL + 50);
    expect(await lease.renew(k, 'a', TTL)).toBe(false);
    expect(await lease.acquire(k, 'b', TTL)).toBe(true);
    expect(await lease.renew(k, 'a', TTL)).toBe(false);
    await lease.release(k, 'a');
    expect(await lease.renew(k, 'b', TTL)).toBe(true);
  });
}

describe('memoryLease', () => {
  leaseContract(() => {
    const clock = new ManualClock();
    return { lease: memoryLease(clock), elapse: (ms) => clock.advance(ms) };
  });
});

describeRedis('redisLease', () => {
  beforeAll(async () => {
    redis = await startRedisServer();
  });

  leaseContract(() => ({ lease: redisLease(client(), 'test:lease:'), elapse: sleep }));

  it('should keep the lease under the prefix with the owner as value and the ttl in PX', async () => {
    const redisClient = client();
    const lease = redisLease(redisClient, 'gw:lease:');
    await lease.acquire('job:x', 'host/1/ab', 10_000);
    expect(await redisClient.get('gw:lease:job:x')).toBe('host/1/ab');
    expect(await redisClient.pttl('gw:lease:job:x')).toBeGreaterThan(9_000);
    await lease.renew('job:x', 'host/1/ab', 60_000);
    expect(await redisClient.pttl('gw:lease:job:x')).toBeGreaterThan(59_000);
    await lease.release('job:x', 'host/1/ab');
    expect(await redisClient.exists('gw:lease:job:x')).toBe(0);
  });

  it('should reject when Redis cannot be reached', async () => {
    const redisClient = client();
    await redisClient.ping();
    redisClient.disconnect();
    const lease = redisLease(redisClient);
    await expect(lease.renew('job:y', 'a', 1_000)).rejects.toMatchObject({ code: 'UPSTREAM_UNREACHABLE' });
  });

  describe('job hub with a Redis lease', () => {
    const LEASE_MS = 300;
    const hubs: JobHub[] = [];
    afterEach(async () => {
      await Promise.all(hubs.splice(0).map((hub) => hub.dispose()));
    });

    /** Two instances on real time: a shared memory store stands for the shared Redis store. */
    function twoInstances(commandTimeoutMs?: number) {
      const fake = new FakeUpstream(new ManualClock()); // no latency: its clock is never used
      const store = createMemoryJobStore();
      const redisClient = client(commandTimeoutMs);
      const prefix = `hub:${++keys}:`;
      const shared = redisLease(redisClient, prefix);
      const instance = (owner: string) => {
        let crashed = false;
        const lease: JobLease = {
          acquire: (key, who, ttlMs) => (crashed ? Promise.resolve(false) : shared.acquire(key, who, ttlMs)),
          renew: (key, who, ttlMs) => (crashed ? Promise.resolve(false) : shared.renew(key, who, ttlMs)),
          release: (key, who) => (crashed ? Promise.resolve() : shared.release(key, who)),
        };
        const hub = new JobHub({
          fetchStatus: fake.fetchStatus,
          store,
          clock: systemClock,
          floorMs: 50,
          ceilingMs: 50,
          jitter: 0,
          graceMs: 100,
          lease,
          instanceId: owner,
          leaseMs: LEASE_MS,
        });
        hubs.push(hub);
        return {
          hub,
          crash: () => {
            crashed = true;
            return hub.dispose();
          },
        };
      };
      const holder = () => redisClient.get(prefix + jobKey(REF));
      return { fake, holder, a: instance('a'), b: instance('b') };
    }

    async function until(condition: () => boolean, limitMs: number): Promise<number> {
      const start = Date.now();
      while (!condition() && Date.now() - start < limitMs) await sleep(10);
      return Date.now() - start;
    }

    it('should have only the holder poll, then fail over within two lease periods when it dies', async () => {
      const { fake, holder, a, b } = twoInstances();
      const onA: JobState[] = [];
      const onB: JobState[] = [];
      a.hub.watch(REF, (s) => onA.push(s));
      await until(() => fake.calls > 0, 1_000);
      b.hub.watch(REF, (s) => onB.push(s));
      const before = fake.calls;
      await sleep(1_000); // 20 intervals, 3 lease periods
      expect(fake.calls - before).toBeGreaterThan(10);
      expect(fake.calls - before).toBeLessThanOrEqual(21);
      expect([a.hub.polling, b.hub.polling]).toEqual([1, 0]);
      expect(await holder()).toBe('a');

      fake.answer(upstream('esriJobExecuting', { progress: { type: 'step', message: 'half', percent: 50 } }));
      await until(() => onB.length > 0, 1_000);
      expect(onB.at(-1)).toEqual(onA.at(-1)); // b's watcher hears what a stored

      await a.crash();
      const calls = fake.calls;
      // The two-lease-period bound is proven on a manual clock (job-hub-lease.test.ts); here, that b takes over.
      await until(() => fake.calls > calls, 4 * LEASE_MS);
      expect(b.hub.polling).toBe(1);
      expect(await holder()).toBe('b');

      fake.answer(upstream('esriJobSucceeded', { results: { Out: 'results/Out' } }));
      await until(() => onB.at(-1)?.final === true, 1_000);
      expect(onB.at(-1)).toMatchObject({ status: 'SUCCEEDED' });
      await until(() => b.hub.polling === 0, 1_000);
      expect(await holder()).toBeNull();
    });

    it('should release the lease in Redis once the last watcher has left, and on dispose', async () => {
      const { fake, holder, a, b } = twoInstances();
      const leave = a.hub.watch(REF, () => undefined);
      await until(() => fake.calls > 0, 1_000);
      expect(await holder()).toBe('a');
      leave();
      await sleep(200); // grace 100 ms
      expect(await holder()).toBeNull();
      b.hub.watch(REF, () => undefined);
      await until(() => b.hub.polling === 1, 1_000);
      expect(await holder()).toBe('b');
      await b.hub.dispose();
      expect(await holder()).toBeNull();
    });

    it('should stop polling when Redis stops answering its renewals, and have one instance poll again once it is back', async () => {
      const { fake, holder, a, b } = twoInstances(100);
      a.hub.watch(REF, () => undefined);
      b.hub.watch(REF, () => undefined);
      await until(() => a.hub.polling === 1, 1_000);
      const frozen = redis.pause(600); // longer than a lease: it has expired when Redis wakes
      await until(() => a.hub.polling === 0, 500);
      expect([a.hub.polling, b.hub.polling]).toEqual([0, 0]);
      const calls = fake.calls;
      await frozen;
      expect(fake.calls - calls).toBeLessThanOrEqual(1); // a request already in flight at most
      await until(() => a.hub.polling + b.hub.polling === 1, 3 * LEASE_MS);
      expect(a.hub.polling + b.hub.polling).toBe(1);
      expect(await holder()).toBe(a.hub.polling === 1 ? 'a' : 'b');
    });
  });
});
