/**
 * Webhooks in one call (README › Webhooks): the check of a `subscriber` at submit, the queue the job
 * code hands deliveries to, and the worker that sends them. With a Redis client the queue is shared
 * by every instance (exactly one delivery per event); without, it lives in this process.
 */
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../core/clock.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { memoryWebhookQueue } from './memory-webhook-queue.js';
import { redisWebhookQueue } from './redis-webhook-queue.js';
import type { BackoffPolicy } from './webhook-backoff.js';
import { SUBSCRIBER_FIELDS, type WebhookDelivery, type WebhookSubscriber } from './webhook-event.js';
import { startWebhookOutbox, type WebhookMetrics } from './webhook-outbox.js';
import { webhookSender } from './webhook-sender.js';
import { webhookSigningKey } from './webhook-signature.js';
import { systemResolver, webhookUriProblem, type HostResolver } from './webhook-uri-policy.js';

export interface WebhooksOptions {
  /** `whsec_<base64>`; none turns webhooks off (a subscriber is then INVALID_INPUT). */
  readonly secret: string | undefined;
  /** Origins (`http://10.0.0.7:8080`) that may receive webhooks although their host is not public. */
  readonly allowedOrigins?: readonly string[];
  /** Scale-out: the queue lives in this Redis (the client stays its owner's: `close` does not quit it). */
  readonly redis?: Redis;
  /** Default `gpgw:`, as the job store. */
  readonly keyPrefix?: string;
  /** One attempt's budget. Default 10 000 ms. */
  readonly timeoutMs?: number;
  /** How long after an event its delivery is retried. Default 24 h. */
  readonly retryForMs?: number;
  /** How often the worker looks for deliveries queued by other instances. Default 1000 ms. */
  readonly pollMs?: number;
  /** Attempts in flight at once on this instance. Default 16. */
  readonly concurrency?: number;
  readonly backoff?: BackoffPolicy;
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly metrics?: WebhookMetrics;
  /** How names resolve before a connection (tests). Default `dns.lookup`, every address. */
  readonly resolve?: HostResolver;
  /** Which resolved addresses may be connected to (tests). Default: public ones. */
  readonly isAllowedAddress?: (address: string) => boolean;
}

export interface Webhooks {
  /** Throws GatewayError INVALID_INPUT (`parameter: subscriber.<field>`) for a URI that may not receive webhooks. */
  check(subscriber: WebhookSubscriber | null | undefined): void;
  /** Queues deliveries (each eventId once, across instances); Redis down → GatewayError UPSTREAM_UNREACHABLE. */
  enqueue(deliveries: readonly WebhookDelivery[]): Promise<void>;
  /** Stops the worker and aborts attempts in flight; in Redis mode their items wait for the next worker. */
  close(): Promise<void>;
}

const invalid = (field: string, why: string): GatewayError =>
  new GatewayError(ERROR_CODES.INVALID_INPUT, `subscriber.${field}: ${why}.`, { parameter: `subscriber.${field}` });

export function createWebhooks(options: WebhooksOptions): Webhooks {
  const allowedOrigins = options.allowedOrigins ?? [];
  const log = options.log ?? silentLogger;
  const check = (subscriber: WebhookSubscriber | null | undefined, configured: boolean): void => {
    for (const field of SUBSCRIBER_FIELDS) {
      const uri = subscriber?.[field];
      if (uri === undefined || uri === null) continue;
      if (!configured) throw invalid(field, 'webhooks are not configured on this gateway (--webhook-secret)');
      const problem = webhookUriProblem(uri, allowedOrigins);
      if (problem !== undefined) throw invalid(field, problem);
    }
  };
  if (options.secret === undefined) {
    return {
      check: (subscriber) => {
        check(subscriber, false);
      },
      enqueue: (deliveries) => {
        if (deliveries.length > 0) log.warn('webhooks dropped: no webhook secret is configured', { count: deliveries.length });
        return Promise.resolve();
      },
      close: () => Promise.resolve(),
    };
  }
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const retryForMs = options.retryForMs ?? 86_400_000;
  const sender = webhookSender({
    signingKey: webhookSigningKey(options.secret),
    allowedOrigins,
    timeoutMs,
    clock,
    resolve: options.resolve ?? systemResolver,
    isAllowedAddress: options.isAllowedAddress,
  });
  const outbox = startWebhookOutbox({
    queue: options.redis ? redisWebhookQueue(options.redis, retryForMs, options.keyPrefix) : memoryWebhookQueue(retryForMs),
    send: sender.send,
    clock,
    log,
    metrics: options.metrics,
    retryForMs,
    // An attempt ends within its timeout: a claim held three times as long expires only when its instance is gone.
    leaseMs: Math.max(3 * timeoutMs, 5_000),
    pollMs: options.pollMs ?? 1_000,
    concurrency: options.concurrency ?? 16,
    backoff: options.backoff,
  });
  return {
    check: (subscriber) => {
      check(subscriber, true);
    },
    enqueue: (deliveries) => outbox.enqueue(deliveries),
    async close() {
      await outbox.close();
      await sender.close();
    },
  };
}
