/**
 * Operations per minute shared through Redis: each limiter below has its own connection, as two
 * gateway processes would, and one manual clock drives both.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import type { CallerRateLimit } from '../../../gateway/auth/rate-limit.js';
import type { Logger } from '../../../gateway/log/logger.js';
import { closeRedis, createRedisConnection } from '../../../gateway/redis/redis-connection.js';
import { redisRateLimit } from '../../../gateway/redis/redis-rate-limit.js';
import { ManualClock } from '../../support/manual-clock.js';
import { recordingLogger } from '../jobs/fake-upstream.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { redisSuite } from '../../support/redis-suite.js';

describeRedis('operations per minute shared through redis', () => {
  const redis = redisSuite();

  const connect = async (log: Logger, url = redis.url()): Promise<Redis> => {
    const client = createRedisConnection({ url, log, role: 'limits-test' });
    redis.cleanup(() => closeRedis(client));
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    return client;
  };

  const instance = async (clock: ManualClock, perMinute: number, log = recordingLogger()): Promise<CallerRateLimit> =>
    redisRateLimit({ client: await connect(log), perMinute, clock, log });

  it('should let two instances spend one bucket: 10 a minute in all, the 11th refused on either', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const [a, b] = [await instance(clock, 10), await instance(clock, 10)];
    const caller = `key-${randomUUID()}`;
    const taken = await Promise.all([...Array(10).keys()].map(async (i) => (i % 2 === 0 ? a : b).take(caller)));
    expect(taken.every((decision) => decision.ok)).toBe(true);
    // One token every 6 s: the wait is the memory bucket's.
    expect(await a.take(caller)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect(await b.take(caller)).toEqual({ ok: false, retryAfterSeconds: 6 });
    expect((await b.take(`other-${randomUUID()}`)).ok).toBe(true);
    await clock.advance(6_000);
    expect((await b.take(caller)).ok).toBe(true);
    expect((await a.take(caller)).ok).toBe(false);
  });

  it('should expire a bucket once it would be full again (a missing bucket is a full one)', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const log = recordingLogger();
    const client = await connect(log);
    const limiter = redisRateLimit({ client, perMinute: 60, clock, log });
    const caller = `key-${randomUUID()}`;
    for (let i = 0; i < 3; i += 1) await limiter.take(caller);
    const ttl = await client.pttl(`gpgw:rate:{${caller}}`);
    // Three tokens at one a second: refilled in 3 s, then a second of margin.
    expect(ttl).toBeGreaterThan(3_000);
    expect(ttl).toBeLessThanOrEqual(4_000);
  });

  it('should count on each instance alone while Redis is away, say so once, and share again when it is back', async () => {
    const own = await startRedisServer();
    const clock = new ManualClock({ start: 1_000_000 });
    const log = recordingLogger();
    const client = await connect(log, own.url);
    const limiter = redisRateLimit({ client, perMinute: 2, clock, log });
    const caller = `key-${randomUUID()}`;
    expect((await limiter.take(caller)).ok).toBe(true);
    const ready = (): boolean => client.status === 'ready';
    await own.stop();
    while (ready()) await sleep(10);
    // The local bucket is full: an outage neither refuses everyone nor lets everyone through.
    const during = [await limiter.take(caller), await limiter.take(caller), await limiter.take(caller)];
    expect(during.map((decision) => decision.ok)).toEqual([true, true, false]);
    expect(log.entries.filter((line) => line.message.startsWith('redis unavailable: per-caller limits'))).toHaveLength(1);
    await own.restart();
    while (!ready()) await sleep(10);
    // Redis lost its data with the restart: the shared bucket starts full.
    expect((await limiter.take(caller)).ok).toBe(true);
    expect((await limiter.take(caller)).ok).toBe(true);
    expect((await limiter.take(caller)).ok).toBe(false);
    expect(log.entries.some((line) => line.message.startsWith('redis available again'))).toBe(true);
  });
});
