import type { Clock } from '../../core/clock.js';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Operations per minute for each caller: a token bucket that refills continuously, so a caller may
 * burst up to the limit and then goes at the limit's pace. Buckets of callers that went quiet are
 * dropped on the way (a full bucket is the same as none).
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();
  readonly #perMs: number;

  constructor(
    private readonly perMinute: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.#perMs = perMinute / 60_000;
  }

  take(caller: string): RateDecision {
    const now = this.clock.now();
    const bucket = this.#buckets.get(caller) ?? { tokens: this.perMinute, at: now };
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    // A quiet caller's bucket is full again: forget it rather than keep it.
    if (this.#buckets.size > 10_000)
      for (const [key, b] of this.#buckets) if (b.tokens + (now - b.at) * this.#perMs >= this.perMinute) this.#buckets.delete(key);
    if (bucket.tokens < 1) {
      this.#buckets.set(caller, bucket);
      return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#perMs / 1000) };
    }
    bucket.tokens -= 1;
    this.#buckets.set(caller, bucket);
    return { ok: true };
  }
}
