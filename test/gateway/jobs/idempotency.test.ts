import { describe, expect, it } from 'vitest';
import type { JobRef } from '../../../core/jobs/job-state.js';
import { createMemoryIdempotencyStore } from '../../../gateway/jobs/idempotency.js';
import { ManualClock } from '../../support/manual-clock.js';
import { REF } from './fake-upstream.js';

const counting = () => {
  const counter = {
    calls: 0,
    submit: (): Promise<JobRef> => {
      counter.calls += 1;
      return Promise.resolve({ ...REF, jobId: `j${counter.calls}` });
    },
  };
  return counter;
};

describe('memory idempotency store', () => {
  it('should give the first job for a key until its TTL, then submit again', async () => {
    const clock = new ManualClock();
    const store = createMemoryIdempotencyStore(1_000, clock);
    const submits = counting();
    const [first, concurrent] = await Promise.all([store.once('k', submits.submit), store.once('k', submits.submit)]);
    expect(concurrent).toEqual(first);
    await clock.advance(999);
    expect(await store.once('k', submits.submit)).toEqual(first);
    expect(submits.calls).toBe(1);
    await clock.advance(1);
    expect(await store.once('k', submits.submit)).toEqual({ ...REF, jobId: 'j2' });
    expect(submits.calls).toBe(2);
  });

  it('should free the key of a failed submit', async () => {
    const store = createMemoryIdempotencyStore(1_000, new ManualClock());
    await expect(store.once('k', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    const submits = counting();
    expect(await store.once('k', submits.submit)).toEqual({ ...REF, jobId: 'j1' });
    expect(submits.calls).toBe(1);
  });

  it('should keep each key its own TTL', async () => {
    const clock = new ManualClock();
    const store = createMemoryIdempotencyStore(1_000, clock);
    const submits = counting();
    await store.once('a', submits.submit);
    await clock.advance(600);
    await store.once('b', submits.submit);
    await clock.advance(600);
    expect(await store.once('b', submits.submit)).toEqual({ ...REF, jobId: 'j2' });
    expect(await store.once('a', submits.submit)).toEqual({ ...REF, jobId: 'j3' });
  });
});
