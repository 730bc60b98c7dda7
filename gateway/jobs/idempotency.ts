import { systemClock, type Clock } from '../../core/clock.js';
import type { JobRef } from '../../core/jobs/job-state.js';

/**
 * Submits by idempotency key: a retried submit with the same key (for the same task) returns the
 * job of the first, and concurrent submits with one key share one upstream `submitJob`. Keys expire.
 * A Redis implementation (SET NX with TTL) will share keys across instances behind this interface.
 */
export interface IdempotencyStore {
  once(key: string, submit: () => Promise<JobRef>): Promise<JobRef>;
}

export function createMemoryIdempotencyStore(ttlMs = 24 * 60 * 60_000, clock: Pick<Clock, 'now'> = systemClock): IdempotencyStore {
  // In order of creation: with one TTL for all, the first entries are the first to expire.
  const entries = new Map<string, { job: Promise<JobRef>; until: number }>();
  return {
    once(key, submit) {
      const now = clock.now();
      for (const [k, entry] of entries) {
        if (entry.until > now) break;
        entries.delete(k);
      }
      const existing = entries.get(key);
      if (existing && existing.until > now) return existing.job;
      const pending = submit();
      const entry = { job: pending, until: now + ttlMs };
      entries.delete(key);
      entries.set(key, entry);
      // A failed submit frees its key so a retry can go through (unless a newer entry took the key).
      pending.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      return pending;
    },
  };
}
