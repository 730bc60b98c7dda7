/**
 * One ioredis connection configured for the gateway's fault policy (README › Scale-out): nothing that
 * happens to Redis may crash the process or leave a promise rejected unhandled (an unhandled rejection
 * ends a Node 20 process, and Yoga's Redis event target handles neither failed publishes nor reconnects).
 *
 * - Reconnects forever (no time limit): delays 100 ms, 200 ms… capped at `maxReconnectDelayMs`.
 * - Commands issued while disconnected wait in ioredis's offline queue, bounded in time: each fails
 *   after `commandTimeoutMs` (default 2 s), and the whole queue fails at the next failed reconnect
 *   attempt (`maxRetriesPerRequest: 0`); a command in flight when the connection drops fails at
 *   once (never silently resent). `redisCall` turns any such failure into a `GatewayError`
 *   `UPSTREAM_UNREACHABLE`, which the callers already handle (the poller backs off, a GraphQL
 *   operation errors with a documented code).
 * - `error`/`close` events are always handled and logged without flooding (`redis-health-log.ts`).
 * - A subscriber connection has no offline queue and no automatic resubscription: its owner
 *   (`redis-job-subscriber.ts`) subscribes on `ready` itself, then catches up.
 */
import { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { Logger } from '../log/logger.js';
import { markQuitting, watchRedisHealth } from './redis-health-log.js';

export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]`; the password never reaches a log. */
  readonly url: string;
  readonly log: Logger;
  /** Names the connection in logs and in `CLIENT LIST`, e.g. `commands` or `subscriber`. */
  readonly role: string;
  /** How long a command may wait (queued while disconnected, or unanswered). Default 2000 ms. */
  readonly commandTimeoutMs?: number;
  /** Upper bound of the reconnect delay. Default 2000 ms. */
  readonly maxReconnectDelayMs?: number;
  readonly subscriber?: boolean;
  /** Times the outages the health log reports. */
  readonly clock?: Pick<Clock, 'now'>;
}

export function createRedisConnection(options: RedisConnectionOptions): Redis {
  const maxDelay = options.maxReconnectDelayMs ?? 2_000;
  const client = new Redis(options.url, {
    connectionName: `gpgw-${options.role}`,
    commandTimeout: options.commandTimeoutMs ?? 2_000,
    connectTimeout: 5_000,
    maxRetriesPerRequest: 0,
    retryStrategy: (attempt) => Math.min(attempt * 100, maxDelay),
    enableOfflineQueue: options.subscriber !== true,
    autoResubscribe: false,
    autoResendUnfulfilledCommands: false,
  });
  watchRedisHealth(client, options.log, options.role, undefined, options.clock);
  return client;
}

/** Quits politely when connected; otherwise (or if QUIT fails) just drops the socket and stops reconnecting. */
export async function closeRedis(client: Redis): Promise<void> {
  if (client.status === 'end') return;
  markQuitting(client);
  if (client.status === 'ready') {
    try {
      await client.quit();
      return;
    } catch {
      // fall through: the connection went away meanwhile
    }
  }
  client.disconnect(false);
}

/** The error callers see when Redis could not serve `what`; the cause keeps ioredis's own error for logs. */
export function redisUnavailable(what: string, cause: unknown): GatewayError {
  return new GatewayError(ERROR_CODES.UPSTREAM_UNREACHABLE, `The shared job store (Redis) is unavailable: ${what} failed.`, {}, { cause });
}

/** Awaits a Redis command, mapping its failure to `redisUnavailable`. */
export async function redisCall<T>(what: string, command: Promise<T>): Promise<T> {
  try {
    return await command;
  } catch (error) {
    throw redisUnavailable(what, error);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
