/**
 * Subscriptions per caller counted in Redis: each budget below has its own connection, as two
 * gateway processes would; a short TTL so an instance's death shows in real time.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { systemClock } from '../../../core/clock.js';
import { closeRedis, createRedisConnection } from '../../../gateway/redis/redis-connection.js';
import { redisSubscriptionBudgets, type RedisSubscriptionBudgets } from '../../../gateway/redis/redis-subscription-budget.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { redisSuite } from '../../support/redis-suite.js';
import { recordingLogger } from '../jobs/fake-upstream.js';

const TTL_MS = 600;

describeRedis('subscriptions per caller counted in redis', () => {
  const redis = redisSuite();

  const instance = async (max: number, url = redis.url()): Promise<{ budgets: RedisSubscriptionBudgets; client: Redis }> => {
    const client = createRedisConnection({ url, log: recordingLogger(), role: 'limits-test' });
    if (client.status !== 'ready') await new Promise((resolve) => client.once('ready', resolve));
    const budgets = redisSubscriptionBudgets({ client, max, clock: systemClock, log: recordingLogger(), ttlMs: TTL_MS });
    redis.cleanup(async () => {
      budgets.close();
      await closeRedis(client);
    });
    return { budgets, client };
  };

  it('should share one caller’s budget between instances, and free a slot when a subscription ends', async () => {
    const [a, b] = [await instance(2), await instance(2)];
    const caller = `key-${randomUUID()}`;
    const first = await a.budgets.tryAcquire(caller);
    const second = await b.budgets.tryAcquire(caller);
    expect(first).toBeTypeOf('function');
    expect(second).toBeTypeOf('function');
    expect(await a.budgets.tryAcquire(caller)).toBeUndefined();
    expect(await b.budgets.tryAcquire(caller)).toBeUndefined();
    expect(await b.budgets.tryAcquire(`other-${randomUUID()}`)).toBeTypeOf('function');
    first?.();
    first?.();
    await a.client.ping();
    expect(await b.budgets.tryAcquire(caller)).toBeTypeOf('function');
    expect(await a.budgets.tryAcquire(caller)).toBeUndefined();
  });

  it('should keep a live instance’s subscriptions counted past the TTL, and drop a dead one’s within it', async () => {
    const [a, b] = [await instance(2), await instance(2)];
    const caller = `key-${randomUUID()}`;
    expect(await a.budgets.tryAcquire(caller)).toBeTypeOf('function');
    expect(await a.budgets.tryAcquire(caller)).toBeTypeOf('function');
    // Twice the TTL later A's heartbeat still holds both.
    await sleep(2 * TTL_MS);
    expect(await b.budgets.tryAcquire(caller)).toBeUndefined();
    // A dies without releasing anything: no heartbeat, no connection.
    a.budgets.close();
    a.client.disconnect(false);
    const diedAt = Date.now();
    while (!(await b.budgets.tryAcquire(caller))) await sleep(20);
    const freedMs = Date.now() - diedAt;
    process.stdout.write(`dead instance's subscriptions stopped counting ${freedMs} ms after it died (TTL ${TTL_MS} ms)\n`);
    expect(freedMs).toBeLessThanOrEqual(TTL_MS + 100);
    expect(await b.budgets.tryAcquire(caller)).toBeTypeOf('function');
    expect(await b.budgets.tryAcquire(caller)).toBeUndefined();
  });

  it('should count on each instance alone while Redis is away', async () => {
    const own = await startRedisServer();
    const a = await instance(1, own.url);
    const caller = `key-${randomUUID()}`;
    await own.stop();
    while (a.client.status === 'ready') await sleep(10);
    const release = await a.budgets.tryAcquire(caller);
    expect(release).toBeTypeOf('function');
    expect(await a.budgets.tryAcquire(caller)).toBeUndefined();
    release?.();
    expect(await a.budgets.tryAcquire(caller)).toBeTypeOf('function');
  });
});
