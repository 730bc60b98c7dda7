/**
 * Time as a dependency: the gateway's logic never reads `Date.now`, `setTimeout` or `Math.random`
 * itself, so tests drive it with a manual clock (test/support/manual-clock.ts) instead of fake timers
 * or real waits. An expiry is a time compared with `now()` when read, never a timer left scheduled.
 */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with `signal.reason` as soon as `signal` aborts. Never leaves a timer behind. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
  /** In [0, 1), for jitter. */
  random(): number;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  random: () => Math.random(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal.aborted) {
        reject(signal.reason as Error);
        return;
      }
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal.reason as Error);
      };
      const timer = setTimeout(
        () => {
          signal.removeEventListener('abort', onAbort);
          resolve();
        },
        Math.max(0, ms),
      );
      signal.addEventListener('abort', onAbort, { once: true });
    }),
};
