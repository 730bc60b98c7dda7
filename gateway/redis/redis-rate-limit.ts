/**
 * Operations per minute per caller, shared by every instance: the token bucket of
 * `gateway/auth/rate-limit.ts` kept in Redis (`<prefix>rate:{<caller>}`, a hash of `tokens` and
 * `at`) and drawn by one Lua script, so simultaneous operations on several instances cannot spend
 * one token twice. A fixed-window counter (rate-limiter-flexible's `RateLimiterRedis`) would let a
 * caller through twice the limit around a window's edge and answer other waits than the memory
 * bucket; the script keeps one semantics in both modes. The key expires once the bucket would be
 * full again (a missing bucket is a full one), so idle callers cost no memory.
 *
 * Times are the instance's clock; a clock behind the stored `at` refills nothing, so skew between
 * hosts never adds tokens. While Redis is away each instance counts alone (`redis-fallback.ts`).
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import { RateLimiter, type CallerRateLimit, type RateDecision } from '../auth/rate-limit.js';
import type { Logger } from '../log/logger.js';
import { luaScript } from './lua-script.js';
import { sharedOrLocal } from './redis-fallback.js';

/** KEYS[1] the bucket; ARGV: capacity, tokens per ms, now (ms). Returns 0 when a token was taken, else seconds to wait. */
const TAKE = luaScript(`
local cap = tonumber(ARGV[1])
local perMs = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local bucket = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(bucket[1]) or cap
local at = tonumber(bucket[2]) or now
if now > at then
  tokens = math.min(cap, tokens + (now - at) * perMs)
  at = now
end
local wait = 0
if tokens < 1 then
  wait = math.ceil((1 - tokens) / perMs / 1000)
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((cap - tokens) / perMs) + 1000)
return wait
`);

export interface RedisRateLimitOptions {
  readonly client: Redis;
  readonly perMinute: number;
  readonly clock: Pick<Clock, 'now'>;
  readonly log: Logger;
  /** Default `gpgw:`. */
  readonly keyPrefix?: string;
}

export function redisRateLimit(options: RedisRateLimitOptions): CallerRateLimit {
  const { client, perMinute, clock } = options;
  const prefix = options.keyPrefix ?? 'gpgw:';
  const perMs = perMinute / 60_000;
  const local = new RateLimiter(perMinute, clock);
  const either = sharedOrLocal(client, options.log, 'operationsPerMinute');
  return {
    take: (caller) =>
      either(
        async (): Promise<RateDecision> => {
          const wait = Number(await TAKE(client, [`${prefix}rate:{${caller}}`], [perMinute, perMs, clock.now()]));
          return wait > 0 ? { ok: false, retryAfterSeconds: wait } : { ok: true };
        },
        () => local.take(caller),
      ),
  };
}
