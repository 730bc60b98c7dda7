import { afterEach, describe, expect, it } from 'vitest';
import { JOB_STATUS_BY_ESRI } from '../../../core/jobs/job-status.js';
import type { JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore, jobKey } from '../../../gateway/jobs/job-store.js';
import { runJobPoller, type JobPollerOptions } from '../../../gateway/jobs/job-poller.js';
import { ManualClock, flush, seededRandom } from '../../support/manual-clock.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import { FakeUpstream, REF, notFound, recordingLogger, unreachable, upstream } from './fake-upstream.js';

const disposers: (() => void)[] = [];
afterEach(() => {
  for (const dispose of disposers.splice(0)) dispose();
});

function start(up: (clock: ManualClock) => FakeUpstream, options: Partial<JobPollerOptions> & { random?: () => number } = {}) {
  const clock = new ManualClock(options.random ? { random: options.random } : {});
  const fake = up(clock);
  const store = options.store ?? createMemoryJobStore();
  const log = recordingLogger();
  const states: JobState[] = [];
  disposers.push(store.subscribe(jobKey(REF), (state) => states.push(state)));
  const controller = new AbortController();
  disposers.push(() => {
    controller.abort();
  });
  let ended = false;
  const run = runJobPoller(REF, { fetchStatus: fake.fetchStatus, store, clock, log, ...options }, controller.signal).then(() => {
    ended = true;
  });
  return { clock, fake, store, log, states, controller, run, ended: () => ended };
}

const executing = (percent: number) => upstream('esriJobExecuting', { progress: { type: 'step', message: `Band ${percent}`, percent } });

describe('job poller', () => {
  it('should poll at once, then grow the interval ×1.5 up to the ceiling while nothing changes', async () => {
    const { clock, fake } = start((c) => new FakeUpstream(c, executing(10)));
    await flush();
    expect(fake.calls).toBe(1);
    await clock.advance(999);
    expect(fake.calls).toBe(1);
    await clock.advance(1);
    expect(fake.calls).toBe(2);
    await clock.advance(13_125 - 1_000);
    expect(clock.sleeps).toEqual([1_000, 1_500, 2_250, 3_375, 5_000, 5_000]);
    expect(fake.calls).toBe(6);
  });

  it('should snap back to the floor on a change and grow again after it', async () => {
    const { clock, fake, states } = start((c) => new FakeUpstream(c, executing(10)));
    await clock.advance(13_125);
    fake.answer(executing(20));
    await clock.advance(5_000);
    expect(states.map((s) => s.progress?.percent)).toEqual([10, 20]);
    await clock.advance(1_000 + 1_500);
    expect(clock.sleeps.slice(6)).toEqual([1_000, 1_500, 2_250]);
  });

  it('should spread every wait by at most ±10 % with clock.random()', async () => {
    const low = start((c) => new FakeUpstream(c), { random: () => 0 });
    const high = start((c) => new FakeUpstream(c), { random: () => 0.999_999 });
    const spread = start((c) => new FakeUpstream(c), { random: seededRandom(42) });
    for (const { clock } of [low, high, spread]) await clock.advance(60_000);
    expect(low.clock.sleeps.slice(0, 3)).toEqual([900, 1_350, 2_025]);
    expect(high.clock.sleeps.slice(0, 3)).toEqual([1_100, 1_650, 2_475]);
    const nominal = [1_000, 1_500, 2_250, 3_375, 5_000, 5_000, 5_000, 5_000];
    const ratios = nominal.map((ms, i) => (spread.clock.sleeps[i] ?? NaN) / ms);
    for (const ratio of ratios) expect(ratio).toBeGreaterThanOrEqual(0.9);
    for (const ratio of ratios) expect(ratio).toBeLessThanOrEqual(1.1);
    expect(new Set(ratios).size).toBeGreaterThan(1);
  });

  it('should back off exponentially on errors, publish a fault after 3 failures, and clear it on the next success', async () => {
    const { clock, fake, states, log } = start((c) => new FakeUpstream(c, unreachable()));
    await clock.advance(1_000);
    expect(fake.calls).toBe(2);
    expect(states).toEqual([]);
    await clock.advance(2_000);
    expect(fake.calls).toBe(3);
    expect(states).toMatchObject([{ version: 1, status: 'UNKNOWN', final: false, fault: { code: 'UPSTREAM_UNREACHABLE' } }]);
    await clock.advance(61_000 - 3_000);
    expect(fake.calls).toBe(7);
    expect(clock.sleeps).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
    expect(states).toHaveLength(1); // the same fault is not published again
    expect(log.entries.filter((e) => e.level === 'warn')).toHaveLength(7);

    fake.answer(executing(30));
    await clock.advance(30_000);
    expect(states.at(-1)).toMatchObject({ version: 2, status: 'EXECUTING', fault: undefined });
    expect(clock.sleeps.at(-1)).toBe(1_000);
  });

  it('should cap the backoff at errorBackoffCapMs and honour faultAfter', async () => {
    const { clock, states } = start((c) => new FakeUpstream(c, unreachable()), { errorBackoffCapMs: 5_000, faultAfter: 1 });
    await flush();
    expect(states).toHaveLength(1);
    await clock.advance(30_000);
    expect(clock.sleeps.slice(0, 5)).toEqual([1_000, 2_000, 4_000, 5_000, 5_000]);
  });

  it('should keep polling an unknown status and log each distinct raw value once', async () => {
    const { clock, fake, states, log } = start(
      (c) =>
        new FakeUpstream(
          c,
          upstream('esriJobPaused'),
          upstream('esriJobPaused'),
          upstream('esriJobFrozen'),
          upstream('esriJobPaused'),
          executing(5),
        ),
    );
    await clock.advance(60_000);
    expect(fake.calls).toBeGreaterThan(5);
    expect(states.map((s) => [s.status, s.upstreamStatus])).toEqual([
      ['UNKNOWN', 'esriJobPaused'],
      ['UNKNOWN', 'esriJobFrozen'],
      ['UNKNOWN', 'esriJobPaused'],
      ['EXECUTING', 'esriJobExecuting'],
    ]);
    const warnings = log.entries.filter((e) => e.message.includes('unknown job status'));
    expect(warnings.map((w) => w.fields.jobStatus)).toEqual(['esriJobPaused', 'esriJobFrozen']);
    expect(clock.pendingSleeps).toBe(1);
  });

  it('should end with a final JOB_NOT_FOUND fault when the job vanishes upstream', async () => {
    const { clock, fake, states, run, ended } = start((c) => new FakeUpstream(c, executing(40), notFound()));
    await clock.advance(1_000);
    await run;
    expect(ended()).toBe(true);
    expect(states.at(-1)).toMatchObject({ version: 2, status: 'EXECUTING', final: true, fault: { code: 'JOB_NOT_FOUND' } });
    await clock.advance(60_000);
    expect(fake.calls).toBe(2);
    expect(clock.pendingSleeps).toBe(0);
  });

  it.each(Object.entries(JOB_STATUS_BY_ESRI))('should map %s to %s and stop only on a final status', async (esri, status) => {
    const { clock, fake, states, ended } = start((c) => new FakeUpstream(c, upstream(esri)));
    await flush();
    expect(states).toMatchObject([{ status, upstreamStatus: esri, version: 1 }]);
    const final = ['esriJobSucceeded', 'esriJobFailed', 'esriJobTimedOut', 'esriJobCancelled', 'esriJobDeleted'].includes(esri);
    expect(states[0]?.final).toBe(final);
    expect(ended()).toBe(final);
    await clock.advance(1_000);
    expect(fake.calls).toBe(final ? 1 : 2);
    expect(clock.pendingSleeps).toBe(final ? 0 : 1);
  });

  it('should store a new version for new messages and appearing results, and nothing for an unchanged answer', async () => {
    const first = { type: 'esriJobMessageTypeInformative', description: 'Submitted.' };
    const second = { type: 'esriJobMessageTypeInformative', description: 'Executing...' };
    const { clock, states } = start(
      (c) =>
        new FakeUpstream(
          c,
          upstream('esriJobExecuting', { messages: [first] }),
          upstream('esriJobExecuting', { messages: [first] }),
          upstream('esriJobExecuting', { messages: [first, second] }),
          upstream('esriJobSucceeded', { messages: [first, second], results: { Mean_Elevation: 'results/Mean_Elevation' } }),
        ),
    );
    await clock.advance(10_000);
    expect(states.map((s) => [s.version, s.status, s.messages.length, s.results])).toEqual([
      [1, 'EXECUTING', 1, undefined],
      [2, 'EXECUTING', 2, undefined],
      [3, 'SUCCEEDED', 2, { Mean_Elevation: 'results/Mean_Elevation' }],
    ]);
  });

  it('should not poll a job whose stored state is already final', async () => {
    const store = createMemoryJobStore();
    await store.put({
      ref: REF,
      status: 'SUCCEEDED',
      upstreamStatus: 'esriJobSucceeded',
      progress: undefined,
      messages: [],
      results: {},
      fault: undefined,
      version: 4,
      final: true,
    });
    const { fake, ended } = start((c) => new FakeUpstream(c), { store });
    await flush();
    expect(ended()).toBe(true);
    expect(fake.calls).toBe(0);
  });

  it('should stop at once when aborted during its sleep, leaving no sleep behind', async () => {
    const { clock, fake, controller, run } = start((c) => new FakeUpstream(c));
    await clock.advance(500);
    controller.abort();
    await run;
    expect(clock.pendingSleeps).toBe(0);
    await clock.advance(60_000);
    expect(fake.calls).toBe(1);
  });

  it('should abort the request in flight and store nothing from it when aborted', async () => {
    const { clock, fake, controller, run, states } = start((c) => {
      const f = new FakeUpstream(c, executing(1), executing(2));
      f.latencyMs = 3_000;
      return f;
    });
    await clock.advance(3_000 + 1_000 + 1_000);
    expect(fake.inFlight).toBe(1);
    controller.abort();
    await run;
    expect(fake).toMatchObject({ calls: 2, inFlight: 0, aborted: 1 });
    await clock.advance(60_000);
    expect(states.map((s) => s.progress?.percent)).toEqual([1]);
    expect(clock.pendingSleeps).toBe(0);
  });

  describe('deadlines and final states', () => {
    const withDeadline = async (store: ReturnType<typeof createMemoryJobStore>, deadline: number): Promise<void> => {
      await store.put({
        ...stateFromUpstream(REF, upstream('esriJobSubmitted')),
        version: 1,
        submission: { owner: 'gateway', lister: 'l', service: 'S', submittedAt: 0, deadline },
      });
    };

    it('should never replace a final state another writer stored (one final event)', async () => {
      const store = createMemoryJobStore();
      const { clock, fake, states } = start((c) => new FakeUpstream(c, executing(10)), { store });
      await flush();
      await store.put({ ...stateFromUpstream(REF, upstream('esriJobCancelled')), version: 5 });
      fake.answer(upstream('esriJobCancelled', { messages: [{ type: 'esriJobMessageTypeInformative', description: 'Cancelled.' }] }));
      await clock.advance(5_000);
      expect(states.filter((state) => state.final).map((state) => state.version)).toEqual([5]);
      expect(fake.calls).toBe(2);
    });

    it('should end a job that finished just before its deadline as it finished, without a cancel', async () => {
      const store = createMemoryJobStore();
      await withDeadline(store, 2_500);
      const cancels: string[] = [];
      const { clock, fake, states, ended } = start((c) => new FakeUpstream(c, executing(10)), {
        store,
        floorMs: 2_000,
        ceilingMs: 2_000,
        jitter: 0,
        cancelUpstream: (ref) => {
          cancels.push(ref.jobId);
          return Promise.resolve();
        },
      });
      await flush();
      fake.answer(upstream('esriJobSucceeded'));
      await clock.advance(2_500);
      expect(states.at(-1)?.status).toBe('SUCCEEDED');
      expect(cancels).toEqual([]);
      expect(ended()).toBe(true);
    });

    it('should poll at the deadline, cancel a job still running, and say when the cancel did not reach the server', async () => {
      const store = createMemoryJobStore();
      await withDeadline(store, 2_500);
      const { clock, fake, states } = start((c) => new FakeUpstream(c, executing(10)), {
        store,
        floorMs: 2_000,
        ceilingMs: 2_000,
        jitter: 0,
        cancelUpstream: () => Promise.reject(new GatewayError('FORBIDDEN', 'no')),
      });
      await clock.advance(2_500);
      expect(fake.calls).toBe(3); // at 0, 2 s and the deadline
      expect(states.at(-1)).toMatchObject({ status: 'TIMED_OUT', final: true });
      expect(states.at(-1)?.messages.at(-1)?.description).toMatch(/could not cancel it upstream \(FORBIDDEN\)/);
    });
  });
});
