import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import { LruCache } from '../../core/lru-cache.js';
import type { Logger } from '../log/logger.js';
import { parseCachedRun, type CachedRun } from './cached-run.js';

/** Where cached runs live: this process's memory, and Redis in scale-out mode (shared by every instance). */
export interface RunCacheStore {
  get(key: string): Promise<CachedRun | undefined>;
  set(key: string, run: CachedRun): Promise<void>;
}

export interface RunCacheStoreOptions {
  readonly ttlMs: number;
  /** Bytes of answers (as JSON) kept in memory. */
  readonly maxBytes: number;
  /** Larger answers are kept nowhere: one huge answer must not push out everything else. */
  readonly maxEntryBytes: number;
  readonly redis?: Redis;
  readonly clock: Clock;
  readonly log: Logger;
}

const redisKey = (key: string): string => `gpgw:run:${key}`;

/**
 * Memory first, then Redis: an entry read from Redis is kept in memory too, with its original
 * `storedAt`, so it expires at the same time everywhere. Redis failing is a miss, never a failed run.
 */
export function createRunCacheStore(options: RunCacheStoreOptions): RunCacheStore {
  const { ttlMs, clock, log, redis } = options;
  const memory = new LruCache<{ run: CachedRun; bytes: number }>(options.maxBytes, (entry) => entry.bytes);
  const fresh = (run: CachedRun): boolean => clock.now() - run.storedAt < ttlMs;
  const failed = (what: string) => (error: unknown) => {
    log.warn(`run cache: Redis ${what} failed`, { error: error instanceof Error ? error.message : String(error) });
  };
  return {
    async get(key) {
      const local = memory.get(key);
      if (local && fresh(local.run)) return local.run;
      if (local) memory.delete(key);
      if (!redis) return undefined;
      const text = await redis.get(redisKey(key)).catch(failed('read'));
      const run = typeof text === 'string' ? parseCachedRun(text) : undefined;
      if (!run || !fresh(run)) return undefined;
      memory.set(key, { run, bytes: text?.length ?? 0 });
      return run;
    },
    async set(key, run) {
      const text = JSON.stringify(run);
      if (text.length > options.maxEntryBytes) return;
      memory.set(key, { run, bytes: text.length });
      const remainingMs = ttlMs - (clock.now() - run.storedAt);
      if (!redis || remainingMs <= 0) return;
      await redis.set(redisKey(key), text, 'PX', Math.ceil(remainingMs)).catch(failed('write'));
    },
  };
}
