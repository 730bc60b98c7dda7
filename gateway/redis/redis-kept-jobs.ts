import type { Redis } from 'ioredis';
import type { KeptJobSet } from '../jobs/kept-jobs.js';
import { redisCall } from './redis-connection.js';

/** `<prefix>kept`: a sorted set of the jobs followed until they end, scored by their follower's last heartbeat (../jobs/kept-jobs.ts). */
export function createRedisKeptJobSet(client: Redis, keyPrefix = 'gpgw:'): KeptJobSet {
  const key = `${keyPrefix}kept`;
  return {
    async add(member, at) {
      await redisCall('keeping a job', client.zadd(key, at, member));
    },
    async touch(members, at) {
      if (members.length === 0) return;
      await redisCall('renewing kept jobs', client.zadd(key, 'XX', ...members.flatMap((member) => [at, member])));
    },
    orphans: (before) => redisCall('reading kept jobs', client.zrangebyscore(key, '-inf', `(${before}`)),
    async remove(member) {
      await redisCall('letting a job go', client.zrem(key, member));
    },
  };
}
