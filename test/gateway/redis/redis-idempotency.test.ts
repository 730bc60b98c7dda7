/**
 * Idempotency keys across instances: each store below has its own Redis connection, as two
 * gateway processes would.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { JobRef } from '../../../core/jobs/job-state.js';
import { createRedisIdempotencyStore, type RedisIdempotencyStore } from '../../../gateway/redis/redis-idempotency.js';
import { ManualClock } from '../../support/manual-clock.js';
import { describeRedis } from '../../support/redis-server.js';
import { redisSuite } from '../../support/redis-suite.js';
import { REF } from '../jobs/fake-upstream.js';

describeRedis('redis idempotency store', () => {
  const redis = redisSuite();

  const instance = (
    options: { ttlSeconds?: number; pendingTtlSeconds?: number; waitMs?: number; clock?: ManualClock } = {},
  ): RedisIdempotencyStore => {
    const store = createRedisIdempotencyStore({ url: redis.url(), keyPrefix: 'idem-test:', ...options });
    redis.cleanup(() => store.close());
    return store;
  };

  /** A submit that takes `ms` and counts its calls. */
  const submitter = (jobId: string, ms = 200) => {
    const counter = {
      calls: 0,
      submit: async (): Promise<JobRef> => {
        counter.calls += 1;
        await sleep(ms);
        return { ...REF, jobId };
      },
    };
    return counter;
  };

  /** A submit that ends when the test says. */
  const held = () => {
    const hold = {
      calls: 0,
      end: (_outcome: JobRef | Error): void => undefined,
      submit: (): Promise<JobRef> => {
        hold.calls += 1;
        return new Promise<JobRef>((resolve, reject) => {
          hold.end = (outcome) => {
            if (outcome instanceof Error) reject(outcome);
            else resolve(outcome);
          };
        });
      },
    };
    return hold;
  };

  /** Waits (bounded) for what Redis round trips bring about, e.g. a waiter asleep on its clock again. */
  const until = async (check: () => boolean, what: string): Promise<void> => {
    for (let i = 0; i < 500 && !check(); i++) await sleep(2);
    if (!check()) throw new Error(`timed out waiting for ${what}`);
  };

  it('should submit once when two instances race on one key, and give both the same job', async () => {
    const [a, b] = [instance(), instance()];
    const key = randomUUID();
    const first = submitter('j-a');
    const second = submitter('j-b');
    const [refA, refB, refA2] = await Promise.all([a.once(key, first.submit), b.once(key, second.submit), a.once(key, first.submit)]);
    expect(first.calls + second.calls).toBe(1);
    expect(refB).toEqual(refA);
    expect(refA2).toEqual(refA);
    // A later retry, on either instance, gets the stored job without submitting.
    const late = submitter('j-late');
    expect(await b.once(key, late.submit)).toEqual(refA);
    expect(late.calls).toBe(0);
  });

  it('should free the key when the submit fails, so a retry (on any instance) goes through', async () => {
    const [a, b] = [instance(), instance()];
    const key = randomUUID();
    await expect(a.once(key, () => Promise.reject(new GatewayError('UPSTREAM_UNREACHABLE', 'down')))).rejects.toThrow('down');
    const retry = submitter('j-retry', 10);
    expect(await b.once(key, retry.submit)).toEqual({ ...REF, jobId: 'j-retry' });
    expect(retry.calls).toBe(1);
  });

  it('should let a waiting instance submit itself when the first submit fails', async () => {
    const clock = new ManualClock();
    const [a, b] = [instance(), instance({ clock })];
    const key = randomUUID();
    const first = held();
    const failing = a.once(key, first.submit);
    await until(() => first.calls === 1, 'the first claim');
    const waiter = submitter('j-waiter', 10);
    const waiting = b.once(key, waiter.submit);
    await until(() => clock.pendingSleeps === 1, 'the waiter to wait');
    first.end(new Error('upstream refused'));
    await expect(failing).rejects.toThrow('upstream refused');
    await clock.advance(50);
    expect(await waiting).toEqual({ ...REF, jobId: 'j-waiter' });
    expect(waiter.calls).toBe(1);
  });

  it('should take over the claim of an instance that died while submitting, once it expires', async () => {
    const store = instance({ pendingTtlSeconds: 0.3 });
    const key = randomUUID();
    // The dead instance's claim: claimed by a store whose submit never ends.
    const dead = instance({ pendingTtlSeconds: 0.3 });
    void dead.once(key, () => new Promise<JobRef>(() => undefined));
    await sleep(20);
    const started = Date.now();
    const next = submitter('j-next', 10);
    expect(await store.once(key, next.submit)).toEqual({ ...REF, jobId: 'j-next' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(next.calls).toBe(1);
  });

  it('should give up waiting after waitMs with a GatewayError', async () => {
    const clock = new ManualClock();
    const [a, b] = [instance(), instance({ waitMs: 200, clock })];
    const key = randomUUID();
    const slow = held();
    const first = a.once(key, slow.submit);
    await until(() => slow.calls === 1, 'the first claim');
    let settled = false;
    const waited = b.once(key, submitter('j-b').submit).finally(() => {
      settled = true;
    });
    // Checked at once: the rejection comes while the clock advances.
    const timedOut = expect(waited).rejects.toSatisfy((error) => error instanceof GatewayError && error.code === 'UPSTREAM_TIMEOUT');
    await until(() => clock.pendingSleeps === 1, 'the waiter to wait');
    await clock.advance(199);
    await until(() => clock.pendingSleeps === 1, 'the waiter to wait again');
    expect(settled).toBe(false);
    await clock.advance(50);
    await timedOut;
    slow.end({ ...REF, jobId: 'j-slow' });
    expect(await first).toEqual({ ...REF, jobId: 'j-slow' });
  });

  it('should keep the JobRef for ttlSeconds under a hashed key, and accept a shared client', async () => {
    const client = new Redis(redis.url());
    client.on('error', () => undefined);
    redis.cleanup(async () => {
      await client.quit();
    });
    const store = createRedisIdempotencyStore({ client, keyPrefix: 'idem-ttl:', ttlSeconds: 120 });
    const key = `credential\n${randomUUID()}`;
    await store.once(key, submitter('j-ttl', 1).submit);
    const keys = await client.keys('idem-ttl:*');
    expect(keys).toHaveLength(1);
    expect(keys[0]).not.toContain('credential');
    const ttl = await client.pttl(keys[0] ?? '');
    expect(ttl).toBeGreaterThan(110_000);
    expect(ttl).toBeLessThanOrEqual(120_000);
    await store.close(); // not ours: the client stays open
    expect(client.status).toBe('ready');
  });

  it('should fail with UPSTREAM_UNREACHABLE, not hang or submit, when Redis is unreachable', async () => {
    const store = createRedisIdempotencyStore({ url: 'redis://127.0.0.1:1', keyPrefix: 'idem-down:' });
    redis.cleanup(() => store.close());
    const submit = submitter('j-never');
    await expect(store.once(randomUUID(), submit.submit)).rejects.toSatisfy(
      (error) => error instanceof GatewayError && error.code === 'UPSTREAM_UNREACHABLE',
    );
    expect(submit.calls).toBe(0);
  });
});
