import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../gateway/auth/rate-limit.js';
import { ManualClock } from '../../support/manual-clock.js';

describe('per-caller rate limit', () => {
  it('should allow a burst up to the limit, then the limit’s pace, per caller', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(60, clock);
    for (let i = 0; i < 60; i += 1) expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a')).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(limiter.take('b').ok).toBe(true);
    await clock.advance(1_000);
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
  });

  it('should forget refilled buckets past 10,000 callers, and keep the ones still drawn down', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter(2, clock);
    limiter.take('busy');
    limiter.take('busy');
    for (let i = 0; i < 9_999; i += 1) limiter.take(`jwt:user-${i}`);
    expect(limiter.size).toBe(10_000);
    // 30 s later every bucket drawn once has refilled; the busy one (drawn twice) has not.
    await clock.advance(30_000);
    limiter.take('newcomer');
    expect(limiter.size).toBe(2);
    expect(limiter.take('busy').ok).toBe(true);
    expect(limiter.take('busy')).toEqual({ ok: false, retryAfterSeconds: 30 });
  });
});
