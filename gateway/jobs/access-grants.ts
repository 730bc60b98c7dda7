import type { Clock } from '../../core/clock.js';

/**
 * Which callers were found able to read which jobs upstream, for a while: in memory for one
 * instance, in Redis (../redis/redis-access-grants.ts) for instances sharing a store, so a caller
 * checked on one instance is not checked again on the next. Keys name a credential digest and a job.
 */
export interface AccessGrants {
  has(key: string): Promise<boolean>;
  add(key: string, ttlMs: number): Promise<void>;
}

/** Expired grants go at the next `add`; at most `maxEntries` are kept, the oldest dropped first. */
export function createMemoryAccessGrants(clock: Pick<Clock, 'now'>, maxEntries = 50_000): AccessGrants {
  const until = new Map<string, number>();
  return {
    has: (key) => Promise.resolve((until.get(key) ?? 0) > clock.now()),
    add(key, ttlMs) {
      const now = clock.now();
      for (const [k, end] of until) if (end <= now) until.delete(k);
      until.delete(key);
      until.set(key, now + ttlMs);
      for (const oldest of until.keys()) {
        if (until.size <= maxEntries) break;
        until.delete(oldest);
      }
      return Promise.resolve();
    },
  };
}
