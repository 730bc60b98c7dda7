import { afterEach, describe, expect, it } from 'vitest';
import { JobHub } from '../../../gateway/jobs/job-hub.js';
import type { JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore, jobKey } from '../../../gateway/jobs/job-store.js';
import { memoryLease, type JobLease } from '../../../gateway/jobs/lease.js';
import { ManualClock, flush, seededRandom } from '../../support/manual-clock.js';
import { FakeUpstream, REF, upstream } from './fake-upstream.js';

const LEASE_MS = 10_000;
const KEY = jobKey(REF);

const hubs: JobHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.dispose()));
});

/**
 * One instance's view of the shared lease: records its calls, and can crash (from then on it does
 * nothing, as a dead process would — the lease stays until it expires) or fail its renewals
 * (Redis unreachable).
 */
function instanceLease(shared: JobLease, owner: string) {
  const calls: string[] = [];
  const control = { crashed: false, renewalsFail: false };
  const lease: JobLease = {
    acquire(key, who, ttlMs) {
      calls.push('acquire');
      return control.crashed ? Promise.resolve(false) : shared.acquire(key, who, ttlMs);
    },
    renew(key, who, ttlMs) {
      calls.push('renew');
      if (control.crashed) return Promise.resolve(false);
      if (control.renewalsFail) return Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'));
      return shared.renew(key, who, ttlMs);
    },
    release(key, who) {
      calls.push('release');
      return control.crashed ? Promise.resolve() : shared.release(key, who);
    },
  };
  return { lease, calls, control, owner };
}

/** Two instances sharing one store (as they would share Redis) and one lease, on one manual clock. */
function twoInstances(latencyMs = 0) {
  const clock = new ManualClock();
  const fake = new FakeUpstream(clock);
  fake.latencyMs = latencyMs;
  const store = createMemoryJobStore();
  const shared = memoryLease(clock);
  const instance = (owner: string) => {
    const view = instanceLease(shared, owner);
    const hub = new JobHub({
      fetchStatus: fake.fetchStatus,
      store,
      clock,
      floorMs: 1_000,
      ceilingMs: 1_000,
      jitter: 0,
      lease: view.lease,
      instanceId: owner,
      leaseMs: LEASE_MS,
    });
    hubs.push(hub);
    return { hub, ...view };
  };
  return { clock, fake, store, shared, a: instance('a'), b: instance('b') };
}

/** Who holds the job's lease now, found by trying to take it (given straight back). */
async function holder(shared: JobLease): Promise<'free' | 'taken'> {
  if (!(await shared.acquire(KEY, 'probe', 1))) return 'taken';
  await shared.release(KEY, 'probe');
  return 'free';
}

/** Advances in 100 ms steps until `fake.calls` grows; the clock time then. */
async function nextPoll(clock: ManualClock, fake: FakeUpstream, limitMs: number): Promise<number> {
  const calls = fake.calls;
  for (let waited = 0; waited < limitMs && fake.calls === calls; waited += 100) await clock.advance(100);
  return clock.now();
}

const executing = (percent: number) => upstream('esriJobExecuting', { progress: { type: 'step', message: `${percent} %`, percent } });
const succeeded = upstream('esriJobSucceeded', { results: { Out: 'results/Out' } });

describe('job hub with a lease', () => {
  it('should make one request per interval in all when two instances watch one job, and feed every watcher', async () => {
    const { clock, fake, a, b } = twoInstances();
    const onA: JobState[] = [];
    const onB = [[], [], []] as JobState[][];
    a.hub.watch(REF, (s) => onA.push(s));
    for (const seen of onB) b.hub.watch(REF, (s) => seen.push(s));
    await flush();
    expect(fake.calls).toBe(1);
    expect([a.hub.polling, b.hub.polling]).toEqual([1, 0]);
    for (let i = 1; i <= 30; i++) {
      if (i % 5 === 0) fake.answer(executing(i));
      await clock.advance(1_000);
      expect(fake.calls).toBe(1 + i); // through 9 renewals by a and 3 attempts by b
    }
    fake.answer(succeeded);
    await clock.advance(1_000);
    expect(fake.maxInFlight).toBe(1);
    const versions = onA.map((s) => s.version);
    expect(versions).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const seen of onB) expect(seen.map((s) => s.version)).toEqual(versions);
    expect(onA.at(-1)).toMatchObject({ status: 'SUCCEEDED', final: true });
    expect(b.calls.filter((c) => c === 'acquire').length).toBe(4); // at 0, 9, 18 and 27 s
  });

  it.each([
    [0, 15_000],
    [1, 3_400],
    [2, 29_999],
    [3, 10_000],
  ])(
    'should let the other instance take over within two lease periods when the holder dies (seed %i, death at %i ms)',
    async (seed, deathAt) => {
      const { clock, fake, a, b } = twoInstances();
      clock.random = seededRandom(seed); // spread b's attempts; polls have no jitter
      const onB: JobState[] = [];
      a.hub.watch(REF, () => undefined);
      b.hub.watch(REF, (s) => onB.push(s));
      await clock.advance(deathAt);
      expect([a.hub.polling, b.hub.polling]).toEqual([1, 0]);

      // a dies without a word: no release, no renewal, no more polls; its lease runs out by itself.
      a.control.crashed = true;
      await a.hub.dispose();
      const diedAt = clock.now();
      const callsAtDeath = fake.calls;
      const resumedAt = await nextPoll(clock, fake, 3 * LEASE_MS);
      expect(fake.calls).toBe(callsAtDeath + 1);
      expect(resumedAt - diedAt).toBeGreaterThan(0);
      expect(resumedAt - diedAt).toBeLessThanOrEqual(2 * LEASE_MS);
      expect(b.hub.polling).toBe(1);

      fake.answer(succeeded);
      await clock.advance(1_000);
      expect(onB.at(-1)).toMatchObject({ status: 'SUCCEEDED', final: true });
      expect(b.hub.polling).toBe(0);
      expect(await holder(b.lease)).toBe('free');
    },
  );

  it('should abort its loop, request in flight included, when a renewal finds the lease taken, and poll again once it gets it back', async () => {
    const { clock, fake, shared, a } = twoInstances(500);
    a.hub.watch(REF, () => undefined);
    await clock.advance(3_000); // requests at 0, 1.5 s and 3 s; the renewal at 3.33 s
    expect(fake).toMatchObject({ calls: 3, inFlight: 1 });

    // Another instance has it now (a stalled past the expiry, say).
    await shared.release(KEY, 'a');
    expect(await shared.acquire(KEY, 'thief', LEASE_MS)).toBe(true);
    await clock.advance(334);
    expect(fake).toMatchObject({ calls: 3, inFlight: 0, aborted: 1 });
    expect(a.hub.polling).toBe(0);

    // The thief's lease runs to 13 s: a's attempt at 12.33 s fails, the one at 21.33 s succeeds.
    await clock.advance(21_333 - clock.now());
    expect(fake.calls).toBe(3);
    await clock.advance(1);
    expect(fake.calls).toBe(4);
    expect(a.hub.polling).toBe(1);
  });

  it('should abort its loop when a renewal fails with an error, and let the lease go', async () => {
    const { clock, fake, a, b } = twoInstances();
    a.hub.watch(REF, () => undefined);
    b.hub.watch(REF, () => undefined);
    await clock.advance(3_000);
    a.control.renewalsFail = true;
    await clock.advance(334);
    expect(fake.calls).toBe(4);
    expect([a.hub.polling, b.hub.polling]).toEqual([0, 0]);
    expect(a.calls.at(-1)).toBe('release'); // it may still be ours in the store: do not block the others
    // b's next attempt (9 s) takes it.
    await clock.advance(9_000 - clock.now() - 1);
    expect(fake.calls).toBe(4);
    await clock.advance(1);
    expect(fake.calls).toBe(5);
    expect([a.hub.polling, b.hub.polling]).toEqual([0, 1]);
  });

  it('should release the lease once its last watcher has left, for an instance still watching to take', async () => {
    const { clock, fake, shared, a, b } = twoInstances();
    const leave = a.hub.watch(REF, () => undefined);
    b.hub.watch(REF, () => undefined);
    await clock.advance(500);
    leave();
    await clock.advance(2_000); // the grace period
    expect(a.calls.at(-1)).toBe('release');
    expect(await holder(shared)).toBe('free');
    const calls = fake.calls;
    await clock.advance(9_000 - clock.now() - 1);
    expect(fake.calls).toBe(calls);
    await clock.advance(1);
    expect(fake.calls).toBe(calls + 1);
    expect([a.hub.polling, b.hub.polling]).toEqual([0, 1]);
  });

  it('should make no more lease attempts once a final state is stored, and none for later watchers', async () => {
    const { clock, fake, a, b } = twoInstances();
    fake.answer(executing(1), succeeded);
    a.hub.watch(REF, () => undefined);
    b.hub.watch(REF, () => undefined);
    await clock.advance(1_000);
    expect(fake.calls).toBe(2);
    await flush();
    expect(a.calls).toEqual(['acquire', 'release']);
    expect(b.calls).toEqual(['acquire']);
    expect(clock.pendingSleeps).toBe(0);
    a.hub.watch(REF, () => undefined);
    b.hub.watch(REF, () => undefined);
    await clock.advance(60_000);
    expect(fake.calls).toBe(2);
    expect([a.calls.length, b.calls.length]).toEqual([2, 1]);
  });

  it('should release held leases on dispose', async () => {
    const { clock, shared, a } = twoInstances();
    a.hub.watch(REF, () => undefined);
    await clock.advance(100);
    expect(await holder(shared)).toBe('taken');
    await a.hub.dispose();
    expect(await holder(shared)).toBe('free');
    expect(clock.pendingSleeps).toBe(0);
  });

  it('should give a default instance id unique per hub', () => {
    const clock = new ManualClock();
    const options = { fetchStatus: new FakeUpstream(clock).fetchStatus, store: createMemoryJobStore(), clock, lease: memoryLease(clock) };
    const [one, two] = [new JobHub(options), new JobHub(options)];
    expect(one.instanceId).not.toBe(two.instanceId);
    expect(() => new JobHub({ ...options, leaseMs: 0 })).toThrow(RangeError);
  });
});
