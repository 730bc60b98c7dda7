/**
 * How long a job's poll loop waits before the next request. Quiet jobs are polled less and less
 * often (×growth up to the ceiling), a change snaps back to the floor; failures back off
 * exponentially from the floor; every wait is spread by ±jitter so loops started together drift apart.
 */
export interface PollTuning {
  /** First and shortest interval. Default 1000 ms. */
  readonly floorMs?: number;
  /** Longest interval while polls succeed. Default 5000 ms. */
  readonly ceilingMs?: number;
  /** Factor applied after each poll that changed nothing. Default 1.5. */
  readonly growth?: number;
  /** Relative spread: 0.1 waits between 0.9× and 1.1×. Default 0.1. */
  readonly jitter?: number;
  /** Longest wait after failures. Default 30 000 ms. */
  readonly errorBackoffCapMs?: number;
}

export type PollIntervals = Required<PollTuning>;

export function pollIntervals(tuning: PollTuning = {}): PollIntervals {
  const floorMs = tuning.floorMs ?? 1_000;
  return {
    floorMs,
    ceilingMs: Math.max(floorMs, tuning.ceilingMs ?? 5_000),
    growth: Math.max(1, tuning.growth ?? 1.5),
    jitter: Math.min(1, Math.max(0, tuning.jitter ?? 0.1)),
    errorBackoffCapMs: Math.max(floorMs, tuning.errorBackoffCapMs ?? 30_000),
  };
}

/** The interval after a successful poll, given the one before it. */
export function nextInterval(previousMs: number, changed: boolean, p: PollIntervals): number {
  return changed ? p.floorMs : Math.min(previousMs * p.growth, p.ceilingMs);
}

/** The wait after `failures` (≥ 1) consecutive failed polls: floor, 2×, 4×… up to the cap. */
export function backoff(failures: number, p: PollIntervals): number {
  return Math.min(p.floorMs * 2 ** Math.max(0, failures - 1), p.errorBackoffCapMs);
}

/** `ms` spread by ±jitter; `random` is in [0, 1), 0.5 leaves `ms` as it is. */
export function withJitter(ms: number, p: PollIntervals, random: number): number {
  return Math.round(ms * (1 + p.jitter * (2 * random - 1)));
}
