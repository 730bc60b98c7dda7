/**
 * Idempotency keys shared by gateway instances through Redis (`IdempotencyStore`).
 *
 * `<prefix>idem:<sha256 of the key>` (the key names a credential, a service and a task: hashed, it
 * stays short and says nothing) holds either `pending:<claim id>` — claimed with SET NX and a
 * short TTL while the claimant submits — or the JobRef as JSON, kept `ttlSeconds`.
 * - The first caller claims the key, submits, and stores the JobRef (only while the claim is still
 *   its own). A failed submit deletes its claim, so a retry can go through, and rethrows.
 * - Any other caller, on any instance, polls every `pollMs` for the JobRef, at most `waitMs`
 *   (then GatewayError `UPSTREAM_TIMEOUT`). When the key disappears (the claimant failed, or
 *   died and its claim expired) the waiter claims it and submits itself.
 * - Callers on one instance share one promise; Redis unavailable → GatewayError `UPSTREAM_UNREACHABLE`
 *   (no submit without the guarantee: the client retries with the same key).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../core/clock.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { luaScript } from './lua-script.js';
import { closeRedis, createRedisConnection, redisCall } from './redis-connection.js';
import type { IdempotencyStore } from '../jobs/idempotency.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { decodeJobRef } from './redis-job-codec.js';

export type RedisIdempotencyOptions = (
  { readonly url: string; readonly client?: never } | { readonly client: Redis; readonly url?: never }
) & {
  /** Default `gpgw:`. */
  readonly keyPrefix?: string;
  /** How long a key keeps its JobRef. Default 24 hours. */
  readonly ttlSeconds?: number;
  /** How long a claim outlives a claimant that died while submitting. Default 60 s. */
  readonly pendingTtlSeconds?: number;
  /** Waiters poll every `pollMs` (default 50) for at most `waitMs` (default 30 000). */
  readonly pollMs?: number;
  readonly waitMs?: number;
  readonly log?: Logger;
  readonly clock?: Clock;
};

export interface RedisIdempotencyStore extends IdempotencyStore {
  /** Quits the connection when the store made it (`url`); a passed `client` stays its owner's. */
  close(): Promise<void>;
}

const PENDING = 'pending:';

/** KEYS[1]; ARGV: claim marker, new value (or '' to delete), TTL ms. Acts only while the claim is ours. */
const SETTLE_CLAIM = luaScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then return redis.call('DEL', KEYS[1]) end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`);

export function createRedisIdempotencyStore(options: RedisIdempotencyOptions): RedisIdempotencyStore {
  const log = options.log ?? silentLogger;
  const clock = options.clock ?? systemClock;
  const owned = options.client === undefined;
  const client = options.client ?? createRedisConnection({ url: options.url, log, role: 'idempotency', clock });
  const prefix = options.keyPrefix ?? 'gpgw:';
  const ttlMs = Math.ceil((options.ttlSeconds ?? 86_400) * 1_000);
  const pendingTtlMs = Math.ceil((options.pendingTtlSeconds ?? 60) * 1_000);
  const pollMs = options.pollMs ?? 50;
  const waitMs = options.waitMs ?? 30_000;
  // A wait is never cancelled: it ends with its deadline.
  const uncancelled = new AbortController().signal;
  const local = new Map<string, Promise<JobRef>>();

  const submitClaimed = async (redisKey: string, marker: string, submit: () => Promise<JobRef>): Promise<JobRef> => {
    let ref: JobRef;
    try {
      ref = await submit();
    } catch (error) {
      await redisCall('freeing an idempotency key', SETTLE_CLAIM(client, [redisKey], [marker, '', 0])).catch((freeError: unknown) => {
        // The claim then expires with its short TTL.
        log.warn('idempotency key could not be freed', { error: freeError instanceof Error ? freeError.message : String(freeError) });
      });
      throw error;
    }
    // The job exists upstream now: failing to record it is logged, not thrown (a retry would submit again).
    const stored = await redisCall(
      'storing an idempotency key',
      SETTLE_CLAIM(client, [redisKey], [marker, JSON.stringify(ref), ttlMs]),
    ).catch((error: unknown) => {
      log.warn('idempotency key could not be stored', { error: error instanceof Error ? error.message : String(error) });
      return 0;
    });
    if (stored !== 1) log.warn('idempotency claim lost while submitting (expired?)', { jobId: ref.jobId });
    return ref;
  };

  const once = async (redisKey: string, submit: () => Promise<JobRef>): Promise<JobRef> => {
    const deadline = clock.now() + waitMs;
    for (;;) {
      const marker = `${PENDING}${randomUUID()}`;
      const claimed = await redisCall('claiming an idempotency key', client.set(redisKey, marker, 'PX', pendingTtlMs, 'NX'));
      if (claimed === 'OK') return submitClaimed(redisKey, marker, submit);
      const value = await redisCall('reading an idempotency key', client.get(redisKey));
      if (value !== null && !value.startsWith(PENDING)) {
        const ref = decodeJobRef(value);
        if (ref) return ref;
        throw new GatewayError(ERROR_CODES.UPSTREAM_ERROR, 'The stored job of this idempotency key is unreadable.');
      }
      // Pending elsewhere (or just freed: the next turn claims it).
      if (value !== null) {
        if (clock.now() >= deadline)
          throw new GatewayError(ERROR_CODES.UPSTREAM_TIMEOUT, 'A submit with this idempotency key is still in progress; retry later.');
        await clock.sleep(pollMs, uncancelled);
      }
    }
  };

  return {
    once(key, submit) {
      const redisKey = `${prefix}idem:${createHash('sha256').update(key).digest('base64url')}`;
      const shared = local.get(redisKey);
      if (shared) return shared;
      const pending = once(redisKey, submit).finally(() => local.delete(redisKey));
      local.set(redisKey, pending);
      return pending;
    },
    async close() {
      if (owned) await closeRedis(client);
    },
  };
}
