import type { Redis } from 'ioredis';
import { entryOf, isAfter, listMember, MAX_LISTED_JOBS, type JobListEntry, type JobListStore } from '../jobs/job-list.js';
import { redisCall } from './redis-connection.js';

export interface RedisJobListOptions {
  readonly keyPrefix?: string;
  readonly maxPerLister?: number;
  /** How long a list nobody adds to stays: the job store's idle TTL. Default 24 hours. */
  readonly ttlMs?: number;
}

/**
 * `<prefix>list:{<lister>}`: a sorted set per caller, score the submission time, member the job
 * (`listMember`), so every instance adds to and pages the same list. Trimmed to the newest
 * `maxPerLister` on each add, and expires with the job store's idle TTL after its last add or first-page read.
 */
export function createRedisJobList(client: Redis, options: RedisJobListOptions = {}): JobListStore {
  const prefix = options.keyPrefix ?? 'gpgw:';
  const max = options.maxPerLister ?? MAX_LISTED_JOBS;
  const ttlMs = options.ttlMs ?? 24 * 60 * 60_000;
  const key = (lister: string): string => `${prefix}list:{${lister}}`;
  return {
    async add(lister, entry) {
      await redisCall(
        'listing a job',
        client
          .multi()
          .zadd(key(lister), entry.submittedAt, listMember(entry.ref))
          .zremrangebyrank(key(lister), 0, -(max + 1))
          .pexpire(key(lister), ttlMs)
          .exec(),
      );
    },
    async after(lister, position, limit) {
      // A list read lives on: its caller's jobs may run for long without a new submit.
      if (position === undefined) await redisCall('renewing a job list', client.pexpire(key(lister), ttlMs));
      const page: JobListEntry[] = [];
      // Ties with the position's time come first in REV order; skip them until past its member.
      for (let offset = 0; page.length < limit;) {
        const batch = Math.max(limit - page.length, 16);
        const flat = await redisCall(
          'reading a job list',
          client.zrange(key(lister), position?.submittedAt ?? '+inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', offset, batch, 'WITHSCORES'),
        );
        for (let i = 0; i + 1 < flat.length && page.length < limit; i += 2) {
          const entry = entryOf(flat[i] ?? '', Number(flat[i + 1]));
          if (entry && isAfter(entry, position)) page.push(entry);
        }
        if (flat.length < 2 * batch) break;
        offset += batch;
      }
      return page;
    },
    async remove(lister, entries) {
      if (entries.length === 0) return;
      await redisCall('trimming a job list', client.zrem(key(lister), ...entries.map((e) => listMember(e.ref))));
    },
  };
}
