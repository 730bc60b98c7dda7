/**
 * Job leases in Redis (README › Scale-out): one key per job holding its owner's id, with a TTL.
 * Acquire is `SET key owner NX PX ttl` (https://redis.io/commands/set/ — the single-instance lock
 * pattern); renew and release compare the owner and act in one Lua script each, so an instance
 * whose lease expired and was taken by another can neither extend nor delete the new holder's.
 */
import type { Redis } from 'ioredis';
import type { JobLease } from '../jobs/lease.js';
import { luaScript } from './lua-script.js';
import { redisCall } from './redis-connection.js';

/** Extends the lease only while it is still ARGV[1]'s. */
const renewScript = luaScript(
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`,
);

/** Deletes the lease only while it is still ARGV[1]'s. */
const releaseScript = luaScript(`if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`);

/** PX takes whole milliseconds ≥ 1. */
const px = (ttlMs: number): number => Math.max(1, Math.ceil(ttlMs));

/**
 * `keyPrefix` goes before the job key (`job:<job URL>`). A Redis failure rejects (a `GatewayError`
 * UPSTREAM_UNREACHABLE): the job hub then stops polling the job and tries for its lease again later.
 */
export function redisLease(client: Redis, keyPrefix = 'lease:'): JobLease {
  const renew = async (key: string, owner: string, ttlMs: number): Promise<boolean> =>
    (await redisCall('lease renew', renewScript(client, [keyPrefix + key], [owner, px(ttlMs)]))) === 1;
  return {
    async acquire(key, owner, ttlMs) {
      if ((await redisCall('lease acquire', client.set(keyPrefix + key, owner, 'PX', px(ttlMs), 'NX'))) === 'OK') return true;
      // Held already: by us (a renewal whose answer was lost) is as good as acquired.
      return renew(key, owner, ttlMs);
    },
    renew,
    async release(key, owner) {
      await redisCall('lease release', releaseScript(client, [keyPrefix + key], [owner]));
    },
  };
}
