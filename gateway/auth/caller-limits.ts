import type { Clock } from '../../core/clock.js';
import { memoryCallerBudgets, type CallerSubscriptionBudgets } from '../graphql/subscription-budget.js';
import type { CallerJobSlots } from '../jobs/caller-job-limit.js';
import type { Logger } from '../log/logger.js';
import { closeRedis, createRedisConnection } from '../redis/redis-connection.js';
import { redisJobSlots } from '../redis/redis-job-slots.js';
import { redisRateLimit } from '../redis/redis-rate-limit.js';
import { redisSubscriptionBudgets } from '../redis/redis-subscription-budget.js';
import { RateLimiter, type CallerRateLimit } from './rate-limit.js';

export interface CallerLimitSettings {
  readonly operationsPerMinute?: number;
  readonly concurrentJobsPerCaller?: number;
  readonly subscriptionsPerCaller?: number;
}

/** The per-caller limits that are configured; absent ones are off. */
export interface CallerLimits {
  readonly rate: CallerRateLimit | undefined;
  /** Where running jobs are counted; undefined: in the process (gateway/jobs/caller-job-limit.ts's default). */
  readonly jobSlots: CallerJobSlots | undefined;
  readonly subscriptions: CallerSubscriptionBudgets | undefined;
  close(): Promise<void>;
}

/**
 * In memory each instance counts its own callers; with Redis (scale-out) every count is shared, so
 * N instances allow one limit, not N (README › Scale-out). The limits get a Redis connection of
 * their own, made only when one of them is on.
 */
export function createCallerLimits(settings: CallerLimitSettings, redisUrl: string | undefined, log: Logger, clock: Clock): CallerLimits {
  const { operationsPerMinute: perMinute, concurrentJobsPerCaller: jobs, subscriptionsPerCaller: subscriptions } = settings;
  const anyOn = perMinute !== undefined || jobs !== undefined || subscriptions !== undefined;
  if (redisUrl === undefined || !anyOn) {
    return {
      rate: perMinute === undefined ? undefined : new RateLimiter(perMinute, clock),
      jobSlots: undefined,
      subscriptions: subscriptions === undefined ? undefined : memoryCallerBudgets(subscriptions),
      close: () => Promise.resolve(),
    };
  }
  const client = createRedisConnection({ url: redisUrl, log, role: 'limits', clock });
  const shared = subscriptions === undefined ? undefined : redisSubscriptionBudgets({ client, max: subscriptions, clock, log });
  return {
    rate: perMinute === undefined ? undefined : redisRateLimit({ client, perMinute, clock, log }),
    jobSlots: jobs === undefined ? undefined : redisJobSlots({ client, clock, log }),
    subscriptions: shared,
    close: async () => {
      shared?.close();
      await closeRedis(client);
    },
  };
}
