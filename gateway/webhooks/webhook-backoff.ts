/**
 * The wait before a webhook's next attempt: exponential with full jitter (a uniform draw below the
 * exponential ceiling; AWS Architecture Blog, "Exponential Backoff And Jitter"), so receivers that
 * come back after an outage are not hit by every instance's retries at once.
 */
export interface BackoffPolicy {
  /** Ceiling of the first retry's wait. Default 1 s. */
  readonly baseMs: number;
  /** Largest ceiling. Default 5 min. */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, capMs: 300_000 };

/** The wait after `attempts` failed attempts (≥ 1); `random` in [0, 1). */
export function backoffMs(attempts: number, random: number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling * random);
}
