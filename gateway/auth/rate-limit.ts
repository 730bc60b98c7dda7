import type { Clock } from '../../core/clock.js';

export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/** Takes one operation of the caller's budget: in this process (`RateLimiter`), or shared by every instance through Redis. */
export interface CallerRateLimit {
  take(caller: string): RateDecision | Promise<RateDecision>;
}

/** Buckets kept before the full ones are dropped (a full bucket is the same as no bucket). */
const PRUNE_AT = 10_000;

/**
 * Operations per minute for each caller: a token bucket that refills continuously, so a caller may
 * burst up to the limit and then goes at the limit's pace. JWT callers are as many as the identity
 * provider has users, so past 10,000 buckets the ones that have refilled are dropped: forgetting a
 * full bucket changes no decision.
 */
export class RateLimiter implements CallerRateLimit {
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
    if (!bucket) {
      if (this.#buckets.size >= PRUNE_AT) this.#prune(now);
      this.#buckets.set(caller, (bucket = { tokens: this.perMinute, at: now }));
    }
    bucket.tokens = Math.min(this.perMinute, bucket.tokens + (now - bucket.at) * this.#perMs);
    bucket.at = now;
    if (bucket.tokens < 1) return { ok: false, retryAfterSeconds: Math.ceil((1 - bucket.tokens) / this.#perMs / 1000) };
    bucket.tokens -= 1;
    return { ok: true };
  }

  /** Buckets held now (for tests of the pruning). */
  get size(): number {
    return this.#buckets.size;
  }

  #prune(now: number): void {
    for (const [caller, bucket] of this.#buckets)
      if (bucket.tokens + (now - bucket.at) * this.#perMs >= this.perMinute) this.#buckets.delete(caller);
  }
}
