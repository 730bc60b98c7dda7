/**
 * The latest state of each job, and change notices: in memory here, in Redis in ../redis/redis-job-store.ts
 * (latest state in a key, notices over pub/sub), one async interface for both.
 */
import { systemClock, type Clock } from '../../core/clock.js';
import { jobUrl } from '../arcgis/job-status-response.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';

export type JobListener = (state: JobState) => void;

export interface JobStore {
  get(key: string): Promise<JobState | undefined>;
  /**
   * Stores the state as the job's latest and notifies its subscribers; says whether it did (a stored
   * version as new or newer wins: of concurrent writers of one version, on any instance, one writes).
   */
  put(state: JobState): Promise<boolean>;
  /** Calls `listener` with every state put for `key` from now on; returns the unsubscribe. */
  subscribe(key: string, listener: JobListener): () => void;
}

/** `job:<job resource URL>`: unique per upstream job, readable in logs and Redis. */
export function jobKey(ref: JobRef): string {
  return `job:${jobUrl(ref)}`;
}

export interface MemoryJobStoreOptions {
  /** How long a final state stays after its last put. Default 1 hour. */
  readonly finishedTtlMs?: number;
  /** How long an unfinished state nobody updates stays (a job nobody watches). Default 24 hours. */
  readonly idleTtlMs?: number;
  /** Finished jobs kept at most (the oldest finished go first). Default 10,000. */
  readonly maxFinished?: number;
  /** Approximate bytes of finished jobs' states kept at most (their JSON). Default 32 MiB. */
  readonly maxFinishedBytes?: number;
  /** Told of each finished state dropped to stay within the caps (a metric). */
  readonly onEvict?: () => void;
  /** Told of every job the store forgets (expired or evicted): what else is kept for it can go too. */
  readonly onForget?: (key: string) => void;
  readonly clock?: Pick<Clock, 'now'>;
}

/**
 * Expiry is a time checked against the clock, and expired states are forgotten (and `onForget` told)
 * at the store's next `get` or `put`, so no timer is left scheduled and a manual clock drives it. A
 * store nobody calls keeps its expired states until the next call: only memory, within the caps for
 * finished ones, and no caller can see them.
 */
export function createMemoryJobStore(options: MemoryJobStoreOptions = {}): JobStore {
  const finishedTtlMs = options.finishedTtlMs ?? 60 * 60_000;
  const idleTtlMs = options.idleTtlMs ?? 24 * 60 * 60_000;
  const maxFinished = options.maxFinished ?? 10_000;
  const maxFinishedBytes = options.maxFinishedBytes ?? 32 * 1024 * 1024;
  const clock = options.clock ?? systemClock;
  const states = new Map<string, { state: JobState; until: number }>();
  // Keys by TTL, each in order of last put: with one TTL per set, the first keys are the first to expire.
  const byTtl = { final: new Set<string>(), idle: new Set<string>() };
  const listeners = new Map<string, Set<{ listener: JobListener }>>();
  // Finished jobs in the order they finished (a Map keeps insertion order), with their weight.
  const finished = new Map<string, number>();
  let finishedBytes = 0;
  const forget = (key: string): void => {
    states.delete(key);
    byTtl.final.delete(key);
    byTtl.idle.delete(key);
    finishedBytes -= finished.get(key) ?? 0;
    finished.delete(key);
    options.onForget?.(key);
  };
  /** A final state is kept within the caps: the oldest finished jobs make room (the store's answer for them is then "unknown", as after their TTL). */
  const keepFinished = (key: string, state: JobState): void => {
    finishedBytes -= finished.get(key) ?? 0;
    finished.delete(key);
    const weight = JSON.stringify(state).length;
    finished.set(key, weight);
    finishedBytes += weight;
    for (const oldest of finished.keys()) {
      if (finished.size <= maxFinished && finishedBytes <= maxFinishedBytes) break;
      if (oldest === key) break;
      forget(oldest);
      options.onEvict?.();
    }
  };

  const forgetExpired = (): number => {
    const now = clock.now();
    for (const keys of [byTtl.final, byTtl.idle]) {
      for (const key of keys) {
        if ((states.get(key)?.until ?? now) > now) break;
        forget(key);
      }
    }
    return now;
  };

  return {
    get(key) {
      const now = forgetExpired();
      const entry = states.get(key);
      // Checked here too: after the wall clock steps back, an expired key may sit behind a live one.
      if (entry && entry.until <= now) {
        forget(key);
        return Promise.resolve(undefined);
      }
      return Promise.resolve(entry?.state);
    },

    put(state) {
      const now = forgetExpired();
      const key = jobKey(state.ref);
      const previous = states.get(key);
      if (previous && previous.until <= now) forget(key);
      // Versioned, as in Redis: a late writer never replaces (or re-announces) a newer state.
      else if (previous && previous.state.version >= state.version) return Promise.resolve(false);
      byTtl.final.delete(key);
      byTtl.idle.delete(key);
      (state.final ? byTtl.final : byTtl.idle).add(key);
      states.set(key, { state, until: now + (state.final ? finishedTtlMs : idleTtlMs) });
      if (state.final) keepFinished(key, state);
      // A copy: a listener may unsubscribe (or subscribe) while being notified.
      for (const entry of [...(listeners.get(key) ?? [])]) entry.listener(state);
      return Promise.resolve(true);
    },

    subscribe(key, listener) {
      // An entry object per call, so one function subscribed twice is notified twice and removed once.
      const entry = { listener };
      let set = listeners.get(key);
      if (!set) listeners.set(key, (set = new Set()));
      set.add(entry);
      return () => {
        set.delete(entry);
        if (set.size === 0 && listeners.get(key) === set) listeners.delete(key);
      };
    },
  };
}
