/**
 * Subscriptions per caller counted by every instance (`CallerSubscriptionBudgets`):
 * `<prefix>subs:{<caller>}` is a sorted set of running subscriptions (`<instance id>:<n>`), each
 * scored by the time it stops counting. An instance pushes the expiry of its own subscriptions
 * `ttlMs` ahead every third of `ttlMs`, so a dead instance's (even SIGKILLed) stop counting at most
 * `ttlMs` after its last heartbeat: the next acquire drops every expired member before counting.
 * A subscription that ends is removed at once.
 *
 * While Redis is away each instance counts alone (`redis-fallback.ts`); subscriptions admitted
 * then are released where they were counted. The heartbeat writes every live member again (not
 * only existing ones), so after an outage or a Redis that lost its data the shared count catches up.
 */
import type { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { memoryCallerBudgets, type CallerSubscriptionBudgets, type Release } from '../graphql/subscription-budget.js';
import type { Logger } from '../log/logger.js';
import { luaScript } from './lua-script.js';
import { errorText } from './redis-connection.js';
import { sharedOrLocal } from './redis-fallback.js';

/** KEYS[1]; ARGV: max, now, expiry, member, key TTL ms. 1 when admitted. */
const ACQUIRE = luaScript(`
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[1]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[4])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1
`);

export interface RedisSubscriptionBudgetOptions {
  readonly client: Redis;
  readonly max: number;
  readonly clock: Clock;
  readonly log: Logger;
  /** Default `gpgw:`. */
  readonly keyPrefix?: string;
  /** How long a subscription counts without a heartbeat of its instance. Default 30 s. */
  readonly ttlMs?: number;
}

export interface RedisSubscriptionBudgets extends CallerSubscriptionBudgets {
  /** Stops the heartbeat. */
  close(): void;
}

export function redisSubscriptionBudgets(options: RedisSubscriptionBudgetOptions): RedisSubscriptionBudgets {
  const { client, clock, log, max } = options;
  const prefix = options.keyPrefix ?? 'gpgw:';
  const ttlMs = options.ttlMs ?? 30_000;
  const instance = randomUUID();
  const keyOf = (caller: string): string => `${prefix}subs:{${caller}}`;
  /** This instance's subscriptions counted in Redis, by caller. */
  const live = new Map<string, Set<string>>();
  const local = memoryCallerBudgets(max);
  const either = sharedOrLocal(client, log, 'subscriptionsPerCaller');
  let counter = 0;

  const forget = (caller: string, member: string): void => {
    const members = live.get(caller);
    members?.delete(member);
    if (members?.size === 0) live.delete(caller);
  };

  const acquireShared = async (caller: string): Promise<Release | undefined> => {
    const member = `${instance}:${(counter += 1)}`;
    const now = clock.now();
    if (Number(await ACQUIRE(client, [keyOf(caller)], [max, now, now + ttlMs, member, ttlMs])) !== 1) return undefined;
    let members = live.get(caller);
    if (!members) live.set(caller, (members = new Set()));
    members.add(member);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      forget(caller, member);
      // A removal that fails leaves the member to expire with its heartbeat.
      client.zrem(keyOf(caller), member).catch(() => undefined);
    };
  };

  const heartbeat = async (): Promise<void> => {
    if (live.size === 0 || client.status !== 'ready') return;
    const expiry = clock.now() + ttlMs;
    const batch = client.pipeline();
    for (const [caller, members] of live) {
      batch.zadd(keyOf(caller), ...[...members].flatMap((member) => [expiry, member]));
      batch.pexpire(keyOf(caller), ttlMs);
    }
    const results = (await batch.exec()) ?? [];
    const failed = results.find(([error]) => error !== null)?.[0];
    if (failed) log.warn('subscription heartbeat failed', { error: errorText(failed) });
  };

  const stopped = new AbortController();
  void (async () => {
    for (;;) {
      try {
        await clock.sleep(ttlMs / 3, stopped.signal);
      } catch {
        return;
      }
      await heartbeat().catch((error: unknown) => {
        log.warn('subscription heartbeat failed', { error: errorText(error) });
      });
    }
  })();

  return {
    max,
    tryAcquire: (caller) =>
      either(
        () => acquireShared(caller),
        () => local.tryAcquire(caller),
      ),
    close: () => {
      stopped.abort();
    },
  };
}
