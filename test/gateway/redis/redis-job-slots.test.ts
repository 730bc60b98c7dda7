/**
 * Concurrent jobs per caller counted in Redis: each limit below has its own connection, as two
 * gateway processes would.
 */
import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { JobRef } from '../../../core/jobs/job-state.js';
import { systemClock } from '../../../core/clock.js';
import { CallerJobLimit } from '../../../gateway/jobs/caller-job-limit.js';
import { closeRedis, createRedisConnection } from '../../../gateway/redis/redis-connection.js';
import { redisJobSlots } from '../../../gateway/redis/redis-job-slots.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { redisSuite } from '../../support/redis-suite.js';
import { recordingLogger, REF } from '../jobs/fake-upstream.js';

describeRedis('concurrent jobs per caller counted in redis', () => {
  const redis = redisSuite();

  /** One instance's limit; `ended` says which jobs have ended and counts the checks. */
  const instance = (max: number, ended: Set<string>, options: { claimTtlMs?: number } = {}) => {
    const client = createRedisConnection({ url: redis.url(), log: recordingLogger(), role: 'limits-test' });
    redis.cleanup(() => closeRedis(client));
    const checks: string[] = [];
    const limit = new CallerJobLimit(
      max,
      (ref) => {
        checks.push(ref.jobId);
        return Promise.resolve(ended.has(ref.jobId));
      },
      redisJobSlots({ client, clock: systemClock, log: recordingLogger(), ...options }),
    );
    return { limit, checks };
  };

  const job = (jobId: string) => (): Promise<JobRef> => Promise.resolve({ ...REF, jobId });

  const refusal = (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => undefined,
      (error: unknown) => (error instanceof GatewayError ? { code: error.code, ...error.info } : error),
    );

  it('should count a caller’s jobs on every instance, and read their states only at the limit', async () => {
    const ended = new Set<string>();
    const [a, b] = [instance(2, ended), instance(2, ended)];
    const caller = `key-${randomUUID()}`;
    await a.limit.run(caller, job('j1'));
    await b.limit.run(caller, job('j2'));
    // Under the limit no state was read.
    expect([...a.checks, ...b.checks]).toEqual([]);
    expect(await refusal(a.limit.run(caller, job('j3')))).toEqual({ code: 'RATE_LIMITED', limit: 'concurrentJobs', retryAfter: 5 });
    expect(await refusal(b.limit.run(caller, job('j3')))).toMatchObject({ code: 'RATE_LIMITED' });
    // Another caller is not affected.
    expect((await b.limit.run(`other-${randomUUID()}`, job('k1'))).jobId).toBe('k1');
    // A's job j1 ended: B, at the limit, reads it and takes its place.
    ended.add('j1');
    b.checks.length = 0;
    expect((await b.limit.run(caller, job('j3'))).jobId).toBe('j3');
    expect(b.checks.sort()).toEqual(['j1', 'j2']);
    expect(await refusal(a.limit.run(caller, job('j4')))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('should hold a slot from the check to the submit’s answer across instances', async () => {
    const [a, b] = [instance(2, new Set()), instance(2, new Set())];
    const caller = `key-${randomUUID()}`;
    await a.limit.run(caller, job('j1'));
    let answer = (): void => undefined;
    const slow = a.limit.run(
      caller,
      () =>
        new Promise<JobRef>((resolve) => {
          answer = () => {
            resolve({ ...REF, jobId: 'j2' });
          };
        }),
    );
    // A's submit has not answered, yet its slot is taken: B is at the limit.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await refusal(b.limit.run(caller, job('j3')))).toMatchObject({ code: 'RATE_LIMITED' });
    answer();
    expect((await slow).jobId).toBe('j2');
    expect(await refusal(b.limit.run(caller, job('j3')))).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('should free the slot of a failed submit, and let a dead instance’s claim lapse', async () => {
    const caller = `key-${randomUUID()}`;
    const a = instance(1, new Set(), { claimTtlMs: 300 });
    await expect(a.limit.run(caller, () => Promise.reject(new Error('upstream said no')))).rejects.toThrow('upstream said no');
    // A submit that never answers (its instance died): the claim counts until it lapses.
    void a.limit.run(caller, () => new Promise<JobRef>(() => undefined));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const b = instance(1, new Set(), { claimTtlMs: 300 });
    expect(await refusal(b.limit.run(caller, job('j2')))).toMatchObject({ code: 'RATE_LIMITED' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await b.limit.run(caller, job('j2'))).jobId).toBe('j2');
  });

  it('should refuse with UPSTREAM_UNREACHABLE when Redis is away: no job runs uncounted', async () => {
    const own = await startRedisServer();
    const client = createRedisConnection({ url: own.url, log: recordingLogger(), role: 'limits-test', commandTimeoutMs: 300 });
    redis.cleanup(() => closeRedis(client));
    const limit = new CallerJobLimit(
      2,
      () => Promise.resolve(false),
      redisJobSlots({ client, clock: systemClock, log: recordingLogger() }),
    );
    await own.stop();
    let submitted = false;
    const refused = await refusal(
      limit.run('key', () => {
        submitted = true;
        return job('j1')();
      }),
    );
    expect(refused).toMatchObject({ code: 'UPSTREAM_UNREACHABLE' });
    expect(submitted).toBe(false);
  });
});
