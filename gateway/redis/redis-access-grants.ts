import type { Redis } from 'ioredis';
import type { AccessGrants } from '../jobs/access-grants.js';
import { redisCall } from './redis-connection.js';

/** `<prefix>grant:<key>` with the grant's TTL: every instance sharing the store sees it; Redis expires it. */
export function createRedisAccessGrants(client: Redis, keyPrefix = 'gpgw:'): AccessGrants {
  const name = (key: string): string => `${keyPrefix}grant:${key}`;
  return {
    has: async (key) => (await redisCall('reading an access grant', client.exists(name(key)))) === 1,
    async add(key, ttlMs) {
      await redisCall('storing an access grant', client.set(name(key), '1', 'PX', Math.max(1, Math.ceil(ttlMs))));
    },
  };
}
