import { afterEach, describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import { JobHub } from '../../../gateway/jobs/job-hub.js';
import type { JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore } from '../../../gateway/jobs/job-store.js';
import { jobUpdates } from '../../../gateway/jobs/job-updates.js';
import { ManualClock, flush } from '../../support/manual-clock.js';
import { FakeUpstream, REF, notFound, unreachable, upstream } from './fake-upstream.js';

const hubs: JobHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.dispose()));
});

function setup(...script: ConstructorParameters<typeof FakeUpstream> extends [unknown, ...infer S] ? S : never) {
  const clock = new ManualClock();
  const fake = new FakeUpstream(clock, ...script);
  const hub = new JobHub({
    fetchStatus: fake.fetchStatus,
    store: createMemoryJobStore(),
    clock,
    floorMs: 1_000,
    ceilingMs: 1_000,
    jitter: 0,
  });
  hubs.push(hub);
  return { clock, fake, hub };
}

const executing = (percent: number) => upstream('esriJobExecuting', { progress: { type: 'step', message: `${percent} %`, percent } });
const succeeded = upstream('esriJobSucceeded', { results: { Mean_Elevation: 'results/Mean_Elevation' } });

async function rest(updates: AsyncIterableIterator<JobState>): Promise<JobState[]> {
  const seen: JobState[] = [];
  for await (const state of updates) seen.push(state);
  return seen;
}

async function rejection(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

describe('job updates', () => {
  it('should yield the current state at once, then the first poll', async () => {
    const { hub } = setup(executing(10));
    await hub.seed({
      ref: REF,
      status: 'SUBMITTED',
      upstreamStatus: 'esriJobSubmitted',
      progress: undefined,
      messages: [],
      results: undefined,
      fault: undefined,
      version: 0,
      final: false,
    });
    const updates = jobUpdates(hub, REF);
    expect((await updates.next()).value).toMatchObject({ status: 'SUBMITTED', version: 1 });
    expect((await updates.next()).value).toMatchObject({ status: 'EXECUTING', version: 2 });
    await updates.return?.();
  });

  it('should wait for the first poll when nothing is stored yet', async () => {
    const { hub, fake } = setup(upstream('esriJobWaiting'));
    const updates = jobUpdates(hub, REF);
    expect(fake.calls).toBe(0); // nothing starts before the first pull
    expect((await updates.next()).value).toMatchObject({ status: 'WAITING', version: 1 });
    expect(fake.calls).toBe(1);
    await updates.return?.();
  });

  it('should yield every status transition in order to a slow consumer, coalescing progress, and complete on esriJobSucceeded', async () => {
    const { clock, fake, hub } = setup(upstream('esriJobSubmitted'), executing(10), executing(50), executing(90), succeeded);
    const updates = jobUpdates(hub, REF);
    expect((await updates.next()).value).toMatchObject({ status: 'SUBMITTED' });
    await clock.advance(4_000); // four more changes while nobody pulls
    expect(fake.calls).toBe(5);
    const seen = await rest(updates);
    expect(seen.map((s) => [s.status, s.progress?.percent, s.version])).toEqual([
      ['EXECUTING', 90, 4],
      ['SUCCEEDED', undefined, 5],
    ]);
    expect(await updates.next()).toEqual({ done: true, value: undefined });
    expect(hub.polling).toBe(0);
  });

  it('should keep every transition, faults included, when changes come faster than pulls', async () => {
    const { clock, hub } = setup(
      executing(10),
      unreachable(),
      unreachable(),
      unreachable(),
      executing(60),
      upstream('esriJobCancelling'),
      upstream('esriJobCancelled'),
    );
    const updates = jobUpdates(hub, REF);
    await updates.next();
    await clock.advance(60_000);
    const seen = await rest(updates);
    expect(seen.map((s) => [s.status, s.fault?.code])).toEqual([
      ['EXECUTING', 'UPSTREAM_UNREACHABLE'],
      ['EXECUTING', undefined],
      ['CANCELLING', undefined],
      ['CANCELLED', undefined],
    ]);
  });

  it('should complete at once for a job whose stored state is final', async () => {
    const { hub, fake } = setup();
    await hub.seed({
      ref: REF,
      status: 'FAILED',
      upstreamStatus: 'esriJobFailed',
      progress: undefined,
      messages: [],
      results: undefined,
      fault: undefined,
      version: 0,
      final: true,
    });
    expect((await rest(jobUpdates(hub, REF))).map((s) => s.status)).toEqual(['FAILED']);
    expect(fake.calls).toBe(0);
  });

  it('should throw JOB_NOT_FOUND when the job vanishes upstream, after the states before it', async () => {
    const { clock, hub } = setup(executing(20), notFound());
    const updates = jobUpdates(hub, REF);
    expect((await updates.next()).value).toMatchObject({ status: 'EXECUTING' });
    const pending = rejection(updates.next());
    await clock.advance(1_000);
    const error = await pending;
    expect(error.code).toBe('JOB_NOT_FOUND');
    expect(error.message).toContain('j0001');
    expect(await updates.next()).toEqual({ done: true, value: undefined });
  });

  it('should throw JOB_NOT_FOUND at once for a job id that never existed', async () => {
    const { hub, fake } = setup(notFound());
    const error = await rejection(jobUpdates(hub, REF).next());
    expect(error.code).toBe('JOB_NOT_FOUND');
    expect(fake.calls).toBe(1);
    // A later subscriber hears the same from the store, without asking upstream again.
    expect((await rejection(jobUpdates(hub, REF).next())).code).toBe('JOB_NOT_FOUND');
    expect(fake.calls).toBe(1);
  });

  it('should unsubscribe on return() so the loop stops after the grace period', async () => {
    const { clock, fake, hub } = setup(executing(1));
    const updates = jobUpdates(hub, REF);
    await updates.next();
    const pending = updates.next();
    await updates.return?.();
    expect(await pending).toEqual({ done: true, value: undefined });
    await clock.advance(2_000);
    expect(hub.polling).toBe(0);
    const calls = fake.calls;
    await clock.advance(60_000);
    expect(fake.calls).toBe(calls);
  });

  it('should complete when its signal aborts', async () => {
    const { hub } = setup(executing(1));
    const controller = new AbortController();
    const updates = jobUpdates(hub, REF, controller.signal);
    await updates.next();
    const pending = updates.next();
    controller.abort();
    expect(await pending).toEqual({ done: true, value: undefined });
  });

  it('should make one request per interval for 1000 subscriptions to one job', async () => {
    const { clock, fake, hub } = setup(executing(1));
    const subscriptions = Array.from({ length: 1000 }, () => jobUpdates(hub, REF));
    const firsts = await Promise.all(subscriptions.map((s) => s.next()));
    expect(firsts.every((r) => !r.done && r.value.version === 1)).toBe(true);
    fake.answer(executing(2), executing(3));
    await clock.advance(2_000);
    await flush();
    expect(fake.calls).toBe(3);
    const seconds = await Promise.all(subscriptions.map((s) => s.next()));
    expect(seconds.every((r) => !r.done && r.value.progress?.percent === 3)).toBe(true);
    for (const s of subscriptions) await s.return?.();
    await clock.advance(2_000);
    expect(hub.polling).toBe(0);
  });
});
