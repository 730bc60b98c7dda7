import { afterEach, describe, expect, it } from 'vitest';
import { JobHub, type JobHubOptions } from '../../../gateway/jobs/job-hub.js';
import type { JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore } from '../../../gateway/jobs/job-store.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import { ManualClock, flush } from '../../support/manual-clock.js';
import { FakeUpstream, REF, upstream } from './fake-upstream.js';

const hubs: JobHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.dispose()));
});

/** A hub with a fixed 1 s interval (no growth, no jitter) unless told otherwise. */
function setup(latencyMs = 0, options: Partial<JobHubOptions> = {}) {
  const clock = new ManualClock();
  const fake = new FakeUpstream(clock);
  fake.latencyMs = latencyMs;
  const store = createMemoryJobStore();
  const hub = new JobHub({ fetchStatus: fake.fetchStatus, store, clock, floorMs: 1_000, ceilingMs: 1_000, jitter: 0, ...options });
  hubs.push(hub);
  return { clock, fake, store, hub };
}

const executing = (percent: number) => upstream('esriJobExecuting', { progress: { type: 'step', message: `${percent} %`, percent } });

describe('job hub', () => {
  it.each([1, 10, 1000])('should make exactly one request per interval for %i watchers of one job', async (watchers) => {
    const { clock, fake, hub } = setup();
    const heard = Array.from({ length: watchers }, () => [] as JobState[]);
    for (const seen of heard) hub.watch(REF, (state) => seen.push(state));
    await flush();
    expect(fake.calls).toBe(1);
    for (let i = 1; i <= 5; i++) {
      fake.answer(executing(i));
      await clock.advance(1_000);
      expect(fake.calls).toBe(1 + i);
    }
    expect(fake.maxInFlight).toBe(1);
    expect(hub.polling).toBe(1);
    for (const seen of heard) expect(seen.map((s) => s.version)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('should never have two requests in flight when a request is slower than the interval', async () => {
    const { clock, fake, hub } = setup(3_000);
    for (let i = 0; i < 50; i++) hub.watch(REF, () => undefined);
    for (let t = 0; t < 20_000; t += 100) await clock.advance(100);
    // A request every 3 s answer + 1 s wait: at 0, 4, 8, 12, 16 and 20 s.
    expect(fake.calls).toBe(6);
    expect(fake.maxInFlight).toBe(1);
  });

  it('should stop polling after the grace period once the last watcher leaves, aborting the request in flight', async () => {
    const { clock, fake, hub } = setup(5_000);
    const leave = [hub.watch(REF, () => undefined), hub.watch(REF, () => undefined)];
    await clock.advance(6_500); // the second request went out at 6 s and answers at 11 s
    for (const unwatch of leave) unwatch();
    await clock.advance(1_999);
    expect(fake.inFlight).toBe(1);
    await clock.advance(1);
    expect(fake).toMatchObject({ calls: 2, inFlight: 0, aborted: 1 });
    expect(hub.polling).toBe(0);
    await clock.advance(60_000);
    expect(fake.calls).toBe(2);
    expect(clock.pendingSleeps).toBe(0);
  });

  it('should keep the same loop when a watcher comes back within the grace period', async () => {
    const { clock, fake, hub } = setup();
    const unwatch = hub.watch(REF, () => undefined);
    await clock.advance(2_500);
    expect(fake.calls).toBe(3);
    unwatch();
    unwatch(); // idempotent
    await clock.advance(1_000);
    expect(fake.calls).toBe(4); // still polling during the grace period
    hub.watch(REF, () => undefined);
    await flush();
    expect(fake.calls).toBe(4); // a new loop would have polled at once
    await clock.advance(10_000);
    expect(fake.calls).toBe(14);
    expect(fake.maxInFlight).toBe(1);
  });

  it('should start a new loop, polling at once, for a watcher after the grace period', async () => {
    const { clock, fake, hub } = setup(0, { graceMs: 500 });
    hub.watch(REF, () => undefined)();
    await clock.advance(500);
    expect(hub.polling).toBe(0);
    expect(fake.calls).toBe(1);
    hub.watch(REF, () => undefined);
    await flush();
    expect(fake.calls).toBe(2);
  });

  it('should stop delivering to a watcher that left while others keep hearing', async () => {
    const { clock, fake, hub } = setup();
    const a: number[] = [];
    const b: number[] = [];
    const leaveA = hub.watch(REF, (s) => a.push(s.version));
    hub.watch(REF, (s) => b.push(s.version));
    await flush();
    leaveA();
    fake.answer(executing(50));
    await clock.advance(1_000);
    expect(a).toEqual([1]);
    expect(b).toEqual([1, 2]);
  });

  it('should serve a seeded state without polling and number it after the stored one', async () => {
    const { fake, hub } = setup();
    const state: JobState = {
      ref: REF,
      status: 'SUBMITTED',
      upstreamStatus: 'esriJobSubmitted',
      progress: undefined,
      messages: [],
      results: undefined,
      fault: undefined,
      version: 0,
      final: false,
    };
    await hub.seed(state);
    await hub.seed({ ...state, status: 'EXECUTING', upstreamStatus: 'esriJobExecuting' });
    expect(await hub.current(REF)).toMatchObject({ status: 'EXECUTING', version: 2 });
    await hub.seed({ ...state, status: 'SUCCEEDED', upstreamStatus: 'esriJobSucceeded', final: true });
    await hub.seed(state); // never back from a final state
    expect(await hub.current(REF)).toMatchObject({ status: 'SUCCEEDED', version: 3 });
    expect(fake.calls).toBe(0);
  });

  it('should stop polling on a final status and not poll again for a later watcher', async () => {
    const { clock, fake, hub } = setup();
    fake.answer(executing(1), upstream('esriJobSucceeded', { results: { Out: 'results/Out' } }));
    hub.watch(REF, () => undefined);
    await clock.advance(1_000);
    expect(fake.calls).toBe(2);
    await flush();
    expect(hub.polling).toBe(0);
    hub.watch(REF, () => undefined);
    await clock.advance(10_000);
    expect(fake.calls).toBe(2);
  });

  it('should stop every loop on dispose', async () => {
    const { clock, fake, hub } = setup(300);
    hub.watch(REF, () => undefined);
    hub.watch({ ...REF, jobId: 'j0002' }, () => undefined);
    await flush();
    expect(fake.inFlight).toBe(2);
    await hub.dispose();
    expect(fake).toMatchObject({ inFlight: 0, aborted: 2 });
    await clock.advance(60_000);
    expect(fake.calls).toBe(2);
    expect(clock.pendingSleeps).toBe(0);
    expect(() => hub.watch(REF, () => undefined)).toThrow(/disposed/);
  });

  describe('reads without a watcher', () => {
    const seeded = async (hub: JobHub): Promise<void> => {
      await hub.seed(stateFromUpstream(REF, upstream('esriJobSubmitted')));
    };

    it('should join the poll loop for one round: concurrent reads share one request and see its answer', async () => {
      const { clock, fake, hub } = setup(300);
      await seeded(hub);
      fake.answer(executing(10));
      const reads = Promise.all(Array.from({ length: 20 }, () => hub.read(REF)));
      await clock.advance(300);
      expect((await reads).map((state) => state?.status)).toEqual(Array.from({ length: 20 }, () => 'EXECUTING'));
      expect(fake).toMatchObject({ calls: 1, maxInFlight: 1 });
    });

    it('should answer from the store while the loop runs (its grace period), and poll once per interval, not per read', async () => {
      const { clock, fake, hub } = setup();
      await seeded(hub);
      const read = hub.read(REF);
      await flush();
      await read;
      for (let t = 0; t < 1_900; t += 100) {
        await hub.read(REF);
        await clock.advance(100);
      }
      // Polls at 0 and 1 s; the reads kept the loop from ending, none asked upstream itself.
      expect(fake).toMatchObject({ calls: 2, maxInFlight: 1 });
      await clock.advance(2_000 + 1_000);
      const after = fake.calls;
      await clock.advance(5_000);
      expect(fake.calls).toBe(after);
    });

    it('should not poll a final or unknown job', async () => {
      const { fake, hub } = setup();
      expect(await hub.read(REF)).toBeUndefined();
      await hub.seed({ ...stateFromUpstream(REF, upstream('esriJobSucceeded')) });
      expect((await hub.read(REF))?.status).toBe('SUCCEEDED');
      expect(fake.calls).toBe(0);
    });

    it('should stop waiting when the reader leaves, and take the stored state', async () => {
      const { clock, fake, hub } = setup(5_000);
      await seeded(hub);
      const reader = new AbortController();
      const read = hub.read(REF, reader.signal);
      await clock.advance(100);
      reader.abort();
      expect((await read)?.status).toBe('SUBMITTED');
      expect(fake.calls).toBe(1);
    });
  });
});
