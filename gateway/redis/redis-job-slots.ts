/**
 * Each caller's running jobs counted in Redis for every instance (`CallerJobSlots`), under one hash
 * tag per caller so both keys of a caller live on one cluster slot:
 *
 * - `<prefix>jobs:{<caller>}`: a sorted set of the caller's jobs (the JobRef as JSON, scored by
 *   submit time), kept `jobsTtlMs` after the caller's last submit;
 * - `<prefix>job-claims:{<caller>}`: a sorted set of slots claimed for submits still waiting for
 *   their answer, scored by expiry: a claim of an instance that died mid-submit lapses after
 *   `claimTtlMs` (longer than an upstream request may take).
 *
 * The claim script counts both and adds the claim in one step, so the slot held from the check to
 * the submit's answer holds across instances. Ended jobs leave the set when their caller is at its
 * limit and their state has been read (gateway/jobs/caller-job-limit.ts).
 *
 * Redis unavailable: a claim fails with `UPSTREAM_UNREACHABLE` (a submit in scale-out mode needs
 * Redis for the job's state anyway), so no job runs uncounted.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import type { CallerJobSlots } from '../jobs/caller-job-limit.js';
import type { Logger } from '../log/logger.js';
import { luaScript } from './lua-script.js';
import { errorText, redisCall } from './redis-connection.js';
import { decodeJobRef, encodeJobRef } from './redis-job-codec.js';

/** KEYS: jobs, claims; ARGV: max, now, claim TTL ms, slot id. 1 when claimed, else the jobs counted. */
const CLAIM = luaScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) + redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[1]) then
  return redis.call('ZRANGE', KEYS[1], 0, -1)
end
redis.call('ZADD', KEYS[2], tonumber(ARGV[2]) + tonumber(ARGV[3]), ARGV[4])
redis.call('PEXPIRE', KEYS[2], ARGV[3])
return 1
`);

/** KEYS: jobs, claims; ARGV: slot id, job ('' when the submit failed), now, jobs TTL ms. */
const SETTLE = luaScript(`
redis.call('ZREM', KEYS[2], ARGV[1])
if ARGV[2] ~= '' then
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
  redis.call('PEXPIRE', KEYS[1], ARGV[4])
end
return 1
`);

export interface RedisJobSlotsOptions {
  readonly client: Redis;
  readonly clock: Pick<Clock, 'now'>;
  readonly log: Logger;
  /** Default `gpgw:`. */
  readonly keyPrefix?: string;
  /** How long a claim outlives an instance that died while submitting. Default 2 minutes. */
  readonly claimTtlMs?: number;
  /** How long a caller's jobs are counted after its last submit. Default 24 hours. */
  readonly jobsTtlMs?: number;
}

export function redisJobSlots(options: RedisJobSlotsOptions): CallerJobSlots {
  const { client, clock, log } = options;
  const prefix = options.keyPrefix ?? 'gpgw:';
  const claimTtlMs = options.claimTtlMs ?? 120_000;
  const jobsTtlMs = options.jobsTtlMs ?? 86_400_000;
  const keys = (caller: string): string[] => [`${prefix}jobs:{${caller}}`, `${prefix}job-claims:{${caller}}`];
  return {
    async claim(caller, max) {
      const slot = randomUUID();
      const answer = await redisCall('counting running jobs', CLAIM(client, keys(caller), [max, clock.now(), claimTtlMs, slot]));
      if (!Array.isArray(answer)) return { slot };
      return { running: answer.flatMap((member) => (typeof member === 'string' ? (decodeJobRef(member) ?? []) : [])) };
    },
    async settle(caller, slot, ref) {
      try {
        await SETTLE(client, keys(caller), [slot, ref ? encodeJobRef(ref) : '', clock.now(), jobsTtlMs]);
      } catch (error) {
        // The claim lapses by itself; a job not recorded is not counted (the submit itself succeeded).
        log.warn('running job not counted: redis unavailable', { error: errorText(error), jobId: ref?.jobId });
      }
    },
    async forget(caller, ended: readonly JobRef[]) {
      const [jobs = ''] = keys(caller);
      await redisCall('forgetting ended jobs', client.zrem(jobs, ...ended.map(encodeJobRef)));
    },
  };
}
