/**
 * One instance's part in watching a job when several instances share the store (README › Scale-out):
 * poll only while holding the job's lease, otherwise let the store's notices (published by the
 * holder) feed the watchers and try for the lease again now and then.
 *
 * - Holding: the ordinary poll loop runs, and the lease is renewed every `leaseMs / 3`. A failed
 *   renewal (lost to another, or the store of leases erring) aborts the loop at once, request in
 *   flight included — past that point another instance may be polling — and the instance goes back
 *   to trying.
 * - Not holding: a new attempt every `leaseMs` minus up to 20 % jitter. A holder that dies stops
 *   renewing, its lease expires at most `leaseMs` later, and the next attempt comes at most
 *   `leaseMs` after that: some instance with watchers polls again within two lease periods. The
 *   jitter only shortens the wait so that bound holds, and spreads instances' attempts apart.
 * - A final state in the store (whoever stored it) ends everything: no more polls, no more attempts.
 * - `onRound` is told after each poll here and after each attempt that found the lease held elsewhere:
 *   either way the stored state is then as fresh as the poll loop keeps it.
 * - Aborting `signal` (last watcher gone, or dispose) stops the loop and releases a held lease.
 */
import { silentLogger } from '../log/logger.js';
import { runJobPoller, type JobPollerOptions } from './job-poller.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { jobKey } from './job-store.js';
import type { JobLease } from './lease.js';

export interface LeasedPollerOptions extends JobPollerOptions {
  readonly lease: JobLease;
  /** This instance's id, the lease's owner while it holds it. */
  readonly owner: string;
  /** Lease time to live; renewed every third of it. */
  readonly leaseMs: number;
  /** Told when this instance starts (true) and stops (false) polling the job. */
  readonly onLeading?: (leading: boolean) => void;
  /** What runs while the lease is held: the poll loop unless the job has a driver of its own (job-hub.ts). */
  readonly drive?: (ref: JobRef, options: JobPollerOptions, signal: AbortSignal) => Promise<void>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The wait before the next attempt at a lease held elsewhere: in (0.8, 1] × `leaseMs`. */
export function leaseRetryDelay(leaseMs: number, random: number): number {
  return Math.round(leaseMs * (1 - 0.2 * random));
}

/** Runs until a final state is stored or `signal` aborts; never rejects. */
export async function runLeasedJobPoller(ref: JobRef, options: LeasedPollerOptions, signal: AbortSignal): Promise<void> {
  const { store, clock, lease, owner, leaseMs } = options;
  const log = options.log ?? silentLogger;
  const key = jobKey(ref);

  // Aborted by `signal` or by a final state heard from the store: the one signal everything here waits on.
  const stop = new AbortController();
  const onAbort = (): void => {
    stop.abort(signal.reason);
  };
  signal.addEventListener('abort', onAbort, { once: true });
  if (signal.aborted) onAbort();
  // A function, not the property: TypeScript would narrow it across the awaits below.
  const stopped = (): boolean => stop.signal.aborted;
  const unsubscribe = store.subscribe(key, (state) => {
    if (state.final) stop.abort(new Error('job is final'));
  });

  const storedFinal = async (): Promise<boolean> => {
    try {
      return (await store.get(key))?.final === true;
    } catch (error) {
      log.warn('job state could not be read', { job: key, error: message(error) });
      return false;
    }
  };

  const acquire = async (): Promise<boolean> => {
    try {
      return await lease.acquire(key, owner, leaseMs);
    } catch (error) {
      log.warn('job lease could not be acquired', { job: key, error: message(error) });
      return false;
    }
  };

  const release = async (): Promise<void> => {
    try {
      await lease.release(key, owner);
      log.debug('job lease released', { job: key, owner });
    } catch (error) {
      // It expires by itself within leaseMs.
      log.warn('job lease could not be released', { job: key, error: message(error) });
    }
  };

  /** Polls while the lease holds; says whether it ended by losing the lease. */
  const lead = async (): Promise<boolean> => {
    const polling = new AbortController();
    const onStop = (): void => {
      polling.abort(stop.signal.reason);
    };
    stop.signal.addEventListener('abort', onStop, { once: true });
    let lost = false;
    const renewing = (async () => {
      for (;;) {
        await clock.sleep(leaseMs / 3, polling.signal);
        let renewed = false;
        try {
          renewed = await lease.renew(key, owner, leaseMs);
        } catch (error) {
          log.warn('job lease could not be renewed', { job: key, error: message(error) });
        }
        if (polling.signal.aborted) return;
        if (!renewed) {
          lost = true;
          log.info('job lease lost; polling stops', { job: key, owner });
          polling.abort(new Error('job lease lost'));
          return;
        }
      }
    })().catch(() => undefined); // the sleep rejects once polling ends

    log.debug('job lease acquired; polling', { job: key, owner });
    options.onLeading?.(true);
    await (options.drive ?? runJobPoller)(ref, options, polling.signal);
    polling.abort(); // a final state: renewals end too
    await renewing;
    stop.signal.removeEventListener('abort', onStop);
    options.onLeading?.(false);
    // Also after a loss: the scripts compare the owner, and after a renewal *error* the lease may
    // still be ours, which would keep every other instance waiting for it to expire.
    await release();
    return lost;
  };

  try {
    for (;;) {
      if (stopped() || (await storedFinal()) || stopped()) return;
      if (await acquire()) {
        // Stopped while acquiring (dispose, last watcher gone, final state): give it straight back.
        if (stopped()) {
          await release();
          return;
        }
        if (!(await lead())) return;
      } else {
        // Held elsewhere: that instance polls, and the stored state is its latest.
        options.onRound?.();
      }
      await clock.sleep(leaseRetryDelay(leaseMs, clock.random()), stop.signal);
    }
  } catch {
    // Only the retry sleep rejects, with the abort: that is how the loop stops.
  } finally {
    unsubscribe();
    signal.removeEventListener('abort', onAbort);
  }
}
