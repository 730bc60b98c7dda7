import type { Clock } from '../../core/clock.js';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Operations per minute for each caller: a token bucket that refills continuously, so a caller may
 * burst up to the limit and then goes at the limit's pace. Callers are the configured API keys (the
 * configuration refuses a rate without keys), so there are as many buckets as keys.
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
    let bucket = this.#buckets.get(caller);
    if (!bucket) this.#buckets.set(caller, (bucket = { tokens: this.perMinute, at: now }));
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#perMs / 1000) };
    bucket.tokens -= 1;
    return { ok: true };
  }
}
