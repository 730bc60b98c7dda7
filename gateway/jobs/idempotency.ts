import type { JobRef } from '../../core/jobs/job-state.js';

/**
 * Submits by idempotency key: a retried submit with the same key (for the same task) returns the
 * job of the first, and concurrent submits with one key share one upstream `submitJob`. Keys expire.
 * A Redis implementation (SET NX with TTL) will share keys across instances behind this interface.
 */
export interface IdempotencyStore {
  once(key: string, submit: () => Promise<JobRef>): Promise<JobRef>;
}

export function createMemoryIdempotencyStore(ttlMs = 24 * 60 * 60_000): IdempotencyStore {
  const entries = new Map<string, Promise<JobRef>>();
  return {
    once(key, submit) {
      const existing = entries.get(key);
      if (existing) return existing;
      const pending = submit();
      entries.set(key, pending);
      // A failed submit frees its key so a retry can go through.
      pending.catch(() => entries.delete(key));
      setTimeout(() => entries.delete(key), ttlMs).unref();
      return pending;
    },
  };
}
