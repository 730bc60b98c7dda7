/**
 * The latest state of each job, and change notices. In memory here; a Redis store (latest state
 * in a key, notices over pub/sub on the same key) will implement the same async interface.
 */
import { jobUrl } from '../arcgis/job-status-response.js';
import type { JobRef, JobState } from './job-state.js';

export type JobListener = (state: JobState) => void;

export interface JobStore {
  get(key: string): Promise<JobState | undefined>;
  /** Stores the state as the job's latest and notifies its subscribers. */
  put(state: JobState): Promise<void>;
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
}

export function createMemoryJobStore(options: MemoryJobStoreOptions = {}): JobStore {
  const finishedTtlMs = options.finishedTtlMs ?? 60 * 60_000;
  const idleTtlMs = options.idleTtlMs ?? 24 * 60 * 60_000;
  const states = new Map<string, { state: JobState; expiry: NodeJS.Timeout }>();
  const listeners = new Map<string, Set<{ listener: JobListener }>>();

  return {
    get: (key) => Promise.resolve(states.get(key)?.state),

    put(state) {
      const key = jobKey(state.ref);
      const previous = states.get(key);
      // Versioned, as in Redis: a late writer never replaces (or re-announces) a newer state.
      if (previous && previous.state.version >= state.version) return Promise.resolve();
      if (previous) clearTimeout(previous.expiry);
      // unref: expiry alone never keeps the process alive.
      const expiry = setTimeout(
        () => {
          if (states.get(key)?.expiry === expiry) states.delete(key);
        },
        state.final ? finishedTtlMs : idleTtlMs,
      ).unref();
      states.set(key, { state, expiry });
      // A copy: a listener may unsubscribe (or subscribe) while being notified.
      for (const entry of [...(listeners.get(key) ?? [])]) entry.listener(state);
      return Promise.resolve();
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
