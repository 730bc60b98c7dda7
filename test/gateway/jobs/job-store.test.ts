import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../core/jobs/job-state.js';
import { createMemoryJobStore, jobKey } from '../../../gateway/jobs/job-store.js';
import { ManualClock } from '../../support/manual-clock.js';
import { REF } from './fake-upstream.js';

const state = (version: number, final = false): JobState => ({
  ref: REF,
  status: final ? 'SUCCEEDED' : 'EXECUTING',
  upstreamStatus: final ? 'esriJobSucceeded' : 'esriJobExecuting',
  progress: undefined,
  messages: [],
  results: undefined,
  fault: undefined,
  version,
  final,
});

describe('memory job store', () => {
  it('should keep at most maxFinished finished jobs, dropping the oldest finished first, and count each drop', async () => {
    let evicted = 0;
    const store = createMemoryJobStore({
      maxFinished: 3,
      onEvict: () => {
        evicted++;
      },
    });
    const refs = Array.from({ length: 6 }, (_, i) => ({ ...REF, jobId: `j${i}` }));
    await store.put({ ...state(1), ref: refs[5] ?? REF });
    for (const ref of refs.slice(0, 5)) await store.put({ ...state(1, true), ref });
    const kept = await Promise.all(refs.map(async (ref) => (await store.get(jobKey(ref))) !== undefined));
    // j0 and j1 finished first and went; the running j5 is never dropped for finished ones.
    expect(kept).toEqual([false, false, true, true, true, true]);
    expect(evicted).toBe(2);
  });

  it('should keep finished jobs within maxFinishedBytes', async () => {
    const store = createMemoryJobStore({ maxFinishedBytes: 4_000 });
    const big = (i: number): JobState => ({
      ...state(1, true),
      ref: { ...REF, jobId: `j${i}` },
      messages: [{ type: 'esriJobMessageTypeInformative', description: 'x'.repeat(1_000) }],
    });
    for (let i = 0; i < 10; i++) await store.put(big(i));
    const kept = (await Promise.all(Array.from({ length: 10 }, (_, i) => store.get(jobKey({ ...REF, jobId: `j${i}` }))))).filter(
      (s) => s !== undefined,
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(await store.get(jobKey({ ...REF, jobId: 'j9' }))).toBeDefined();
  });

  it('should key a job by its resource URL, encoding task and id', () => {
    expect(jobKey(REF)).toBe(
      'job:http://gp.test/arcgis/rest/services/Analysis/ElevationStatistics/GPServer/ElevationStatistics/jobs/j0001',
    );
    expect(jobKey({ ...REF, jobId: 'a/b' })).not.toBe(jobKey({ ...REF, task: `${REF.task}/jobs/a`, jobId: 'b' }));
  });

  it('should keep the latest state and notify the subscribers of that job only', async () => {
    const store = createMemoryJobStore();
    const heard: number[] = [];
    const other: number[] = [];
    const unsubscribe = store.subscribe(jobKey(REF), (s) => heard.push(s.version));
    store.subscribe(jobKey({ ...REF, jobId: 'j0002' }), (s) => other.push(s.version));
    await store.put(state(1));
    await store.put(state(2));
    unsubscribe();
    await store.put(state(3));
    expect(heard).toEqual([1, 2]);
    expect(other).toEqual([]);
    expect((await store.get(jobKey(REF)))?.version).toBe(3);
    expect(await store.get(jobKey({ ...REF, jobId: 'nope' }))).toBeUndefined();
  });

  it('should forget a finished state after its TTL, and an idle unfinished one after the idle TTL', async () => {
    const clock = new ManualClock();
    const forgotten: string[] = [];
    const store = createMemoryJobStore({ finishedTtlMs: 1_000, idleTtlMs: 5_000, clock, onForget: (key) => forgotten.push(key) });
    await store.put(state(1));
    await clock.advance(4_000);
    await store.put(state(2, true));
    await clock.advance(999);
    expect(await store.get(jobKey(REF))).toBeDefined();
    await clock.advance(1);
    expect(await store.get(jobKey(REF))).toBeUndefined();
    expect(forgotten).toEqual([jobKey(REF)]);
    await store.put({ ...state(1), ref: { ...REF, jobId: 'idle' } });
    await clock.advance(4_999);
    expect(await store.get(jobKey({ ...REF, jobId: 'idle' }))).toBeDefined();
    await clock.advance(1);
    expect(await store.get(jobKey({ ...REF, jobId: 'idle' }))).toBeUndefined();
    expect(clock.pendingSleeps).toBe(0);
  });

  it('should forget expired states when written to, telling onForget, and let an expired job be stored anew', async () => {
    const clock = new ManualClock();
    const forgotten: string[] = [];
    const store = createMemoryJobStore({ finishedTtlMs: 1_000, idleTtlMs: 5_000, clock, onForget: (key) => forgotten.push(key) });
    const done = { ...REF, jobId: 'done' };
    await store.put({ ...state(3, true), ref: done });
    await store.put(state(1));
    await clock.advance(1_000);
    await store.put(state(2));
    expect(forgotten).toEqual([jobKey(done)]);
    // The expired job's version no longer counts: it starts again, as after a timer had forgotten it.
    await store.put({ ...state(1), ref: done });
    expect((await store.get(jobKey(done)))?.version).toBe(1);
  });
});
