import type { Redis } from 'ioredis';
import type { KeptJobSet } from '../jobs/kept-jobs.js';
import { redisCall } from './redis-connection.js';

/** `<prefix>kept`: the jobs every instance follows until they end (../jobs/kept-jobs.ts). */
export function createRedisKeptJobSet(client: Redis, keyPrefix = 'gpgw:'): KeptJobSet {
  const key = `${keyPrefix}kept`;
  return {
    async add(member) {
      await redisCall('keeping a job', client.sadd(key, member));
    },
    members: () => redisCall('reading kept jobs', client.smembers(key)),
    async remove(member) {
      await redisCall('letting a job go', client.srem(key, member));
    },
  };
}
