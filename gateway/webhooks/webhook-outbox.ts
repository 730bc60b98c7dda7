/**
 * The worker that delivers queued webhooks: it claims due deliveries (a few at a time, so one slow
 * receiver does not hold the others up), sends each, and then finishes it (delivered, or given up
 * once the next attempt would fall past `retryForMs` after it was first queued) or puts it back
 * with a backoff. One loop of clock sleeps, woken early by a local enqueue or a finished attempt;
 * in Redis mode it also looks every `pollMs` for deliveries queued or released by other instances.
 */
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../log/logger.js';
import { errorText } from '../redis/redis-connection.js';
import { backoffMs, DEFAULT_BACKOFF, type BackoffPolicy } from './webhook-backoff.js';
import type { WebhookDelivery } from './webhook-event.js';
import type { ClaimedWebhook, WebhookQueue } from './webhook-queue.js';
import type { SendOutcome } from './webhook-sender.js';

export type WebhookOutcome = 'delivered' | 'retried' | 'given_up';

/** `gpgw_webhook_deliveries_total{outcome}` (gateway/metrics/gateway-metrics.ts). */
export interface WebhookMetrics {
  outcome(outcome: WebhookOutcome): void;
}

export interface WebhookOutboxOptions {
  readonly queue: WebhookQueue;
  readonly send: (delivery: WebhookDelivery, signal: AbortSignal) => Promise<SendOutcome>;
  readonly clock: Clock;
  readonly log: Logger;
  readonly metrics?: WebhookMetrics;
  readonly retryForMs: number;
  /** How long a claim holds an item: well beyond one attempt's timeout. */
  readonly leaseMs: number;
  readonly pollMs: number;
  readonly concurrency: number;
  readonly backoff?: BackoffPolicy;
}

export interface WebhookOutbox {
  enqueue(deliveries: readonly WebhookDelivery[]): Promise<void>;
  /** Stops the worker, aborts attempts in flight and hands their items back to the queue. */
  close(): Promise<void>;
}

/** The receiver's origin and path: a query may carry the receiver's own token. */
export function logTarget(uri: string): string {
  if (!URL.canParse(uri)) return '[not a URL]';
  const url = new URL(uri);
  return url.origin + url.pathname;
}

export function startWebhookOutbox(options: WebhookOutboxOptions): WebhookOutbox {
  const { queue, clock, log } = options;
  const stop = new AbortController();
  let wake = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let failing = false;
  const nudge = (): void => {
    wake.abort();
  };

  const settled = (claimHeld: boolean, eventId: string): void => {
    // Only when this instance outlived its lease (a stalled process, clocks far apart): the item may be delivered twice.
    if (!claimHeld) log.warn('webhook claim was lost before the attempt ended', { eventId });
  };

  const attempt = async (item: ClaimedWebhook): Promise<void> => {
    const outcome = await options.send(item, stop.signal);
    if (stop.signal.aborted) {
      // Not counted: the next holder (here after a restart, or another instance) tries again at once.
      settled(await queue.reschedule(item, item.attempts, clock.now()), item.eventId);
      return;
    }
    const attempts = item.attempts + 1;
    const fields = { eventId: item.eventId, target: logTarget(item.uri), attempt: attempts, status: outcome.status };
    if (outcome.ok) {
      settled(await queue.finish(item), item.eventId);
      options.metrics?.outcome('delivered');
      log.info('webhook delivered', fields);
      return;
    }
    const retryInMs = backoffMs(attempts, clock.random(), options.backoff ?? DEFAULT_BACKOFF);
    const dueAt = clock.now() + retryInMs;
    if (outcome.final || dueAt > item.firstAt + options.retryForMs) {
      settled(await queue.finish(item), item.eventId);
      options.metrics?.outcome('given_up');
      log.warn('webhook given up', { ...fields, reason: outcome.reason });
      return;
    }
    settled(await queue.reschedule(item, attempts, dueAt), item.eventId);
    options.metrics?.outcome('retried');
    log.info('webhook delivery failed; retrying', { ...fields, reason: outcome.reason, retryInMs });
  };

  const start = (item: ClaimedWebhook): void => {
    const running: Promise<void> = attempt(item)
      .catch((error: unknown) => {
        // The queue failed to settle: the claim's lease ends and the item is attempted again.
        log.warn('webhook attempt could not be recorded', { eventId: item.eventId, error: errorText(error) });
      })
      .finally(() => {
        inFlight.delete(running);
        nudge();
      });
    inFlight.add(running);
  };

  /** Claims what is due while slots are free; then how long to wait before looking again. */
  const round = async (): Promise<number> => {
    while (inFlight.size < options.concurrency && !stop.signal.aborted) {
      const item = await queue.claim(clock.now(), options.leaseMs);
      if (!item) break;
      start(item);
    }
    if (inFlight.size >= options.concurrency) return options.pollMs;
    const next = await queue.nextDue();
    return next === undefined ? options.pollMs : Math.min(options.pollMs, Math.max(1, next - clock.now()));
  };

  const loop = async (): Promise<void> => {
    while (!stop.signal.aborted) {
      wake = new AbortController();
      let waitMs = options.pollMs;
      try {
        waitMs = await round();
        if (failing) log.info('webhook queue is readable again');
        failing = false;
      } catch (error) {
        if (!failing) log.warn('webhook queue unavailable; deliveries wait', { error: errorText(error) });
        failing = true;
      }
      await clock.sleep(waitMs, wake.signal).catch(() => undefined);
    }
  };

  stop.signal.addEventListener('abort', nudge, { once: true });
  const running = loop();

  return {
    async enqueue(deliveries) {
      const now = clock.now();
      for (const delivery of deliveries) await queue.add(delivery, now);
      nudge();
    },
    async close() {
      stop.abort(new Error('webhook outbox closed'));
      await running;
      await Promise.all([...inFlight]);
    },
  };
}
