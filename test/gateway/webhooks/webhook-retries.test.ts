/**
 * Delivery and retries against real receivers, in memory mode: 2xx ends a delivery, anything else is
 * retried with growing waits until the bounded time, redirects are never followed, hung receivers time out.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../../core/clock.js';
import { createGatewayMetrics } from '../../../gateway/metrics/gateway-metrics.js';
import { createWebhooks, type WebhooksOptions } from '../../../gateway/webhooks/create-webhooks.js';
import { webhookEventId } from '../../../gateway/webhooks/webhook-event.js';
import { generateWebhookSecret } from '../../../gateway/webhooks/webhook-signature.js';
import { answer, outcomeCounter, recordingLogger, sleep, startReceiver, until, type Receiver, type Responder } from './webhook-receiver.js';

const SECRET = generateWebhookSecret();
/** Jitter near its ceiling, so each wait is close to 50, 100, 200… ms. */
const clock = { ...systemClock, random: () => 0.99 };

describe('webhook retries', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const setup = async (respond: Responder, options: Partial<WebhooksOptions> = {}) => {
    const receiver: Receiver = await startReceiver(respond);
    const metrics = outcomeCounter();
    const log = recordingLogger();
    const webhooks = createWebhooks({
      secret: SECRET,
      allowedOrigins: [receiver.origin],
      clock,
      backoff: { baseMs: 50, capMs: 1_000 },
      metrics,
      log,
      ...options,
    });
    closers.push(
      () => webhooks.close(),
      () => receiver.close(),
    );
    const send = (path = '/hook', body = '{}') =>
      webhooks.enqueue([{ eventId: webhookEventId('job', 1, path), uri: receiver.origin + path, body }]);
    return { receiver, metrics, log, webhooks, send };
  };

  it('should retry 500, 500 and stop at 204, each wait longer than the last', async () => {
    const { receiver, metrics, log, send } = await setup((n, response) => response.writeHead(n < 2 ? 500 : 204).end());
    await send();
    await receiver.waitFor(3);
    await until(() => metrics.counts.delivered === 1);
    await sleep(300);
    expect(receiver.received).toHaveLength(3);
    const waits = log.lines.filter((line) => line.message === 'webhook delivery failed; retrying').map((line) => line.fields?.retryInMs);
    expect(waits).toEqual([50, 99]);
    // Each attempt came no sooner than its wait.
    const [a = 0, b = 0, c = 0] = receiver.received.map((r) => r.at);
    expect(b - a).toBeGreaterThanOrEqual(45);
    expect(c - b).toBeGreaterThanOrEqual(94);
    // One webhook-id for every attempt.
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(metrics.counts).toEqual({ delivered: 1, retried: 2, given_up: 0 });
  });

  it('should count outcomes in gpgw_webhook_deliveries_total', async () => {
    const gatewayMetrics = createGatewayMetrics();
    const { receiver, send } = await setup((n, response) => response.writeHead(n < 1 ? 503 : 200).end(), {
      metrics: gatewayMetrics.webhooks,
    });
    await send();
    await receiver.waitFor(2);
    await until(async () => (await gatewayMetrics.registry.metrics()).includes('outcome="delivered"} 1'));
    const text = await gatewayMetrics.registry.metrics();
    expect(text).toContain('gpgw_webhook_deliveries_total{outcome="delivered"} 1');
    expect(text).toContain('gpgw_webhook_deliveries_total{outcome="retried"} 1');
  });

  it('should not follow a redirect: a 3xx is a failed attempt', async () => {
    const { receiver, metrics, send } = await setup(
      (_n, response, path) => {
        if (path === '/elsewhere') response.writeHead(204).end();
        else response.writeHead(307, { location: '/elsewhere' }).end();
      },
      { retryForMs: 120 },
    );
    await send();
    await receiver.waitFor(2);
    await until(() => metrics.counts.given_up === 1);
    expect(receiver.received.every((r) => r.path === '/hook')).toBe(true);
    expect(metrics.counts.delivered).toBe(0);
    expect(metrics.counts.given_up).toBe(1);
  });

  it('should end an attempt that gets no answer at the timeout, and retry', async () => {
    const { receiver, log, send } = await setup((n, response) => (n === 0 ? undefined : response.writeHead(204).end()), { timeoutMs: 300 });
    const started = Date.now();
    await send();
    await receiver.waitFor(2, 5_000);
    const second = (receiver.received[1]?.at ?? 0) - started;
    expect(second).toBeGreaterThanOrEqual(300);
    expect(second).toBeLessThan(2_500);
    const failed = log.lines.find((line) => line.message === 'webhook delivery failed; retrying');
    expect(failed?.fields?.reason).toBe('no answer within 300 ms');
  });

  it('should give up after the bounded time and try no more', async () => {
    const { receiver, metrics, log, send } = await setup(answer(500), { retryForMs: 400 });
    await send();
    await until(() => metrics.counts.given_up === 1);
    const attempts = receiver.received.length;
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(6);
    expect(metrics.counts.given_up).toBe(1);
    expect(metrics.counts.retried).toBe(attempts - 1);
    expect(log.lines.find((line) => line.message === 'webhook given up')?.fields).toMatchObject({ attempt: attempts, status: 500 });
    await sleep(300);
    expect(receiver.received).toHaveLength(attempts);
  });

  it('should deliver an event queued twice once', async () => {
    const { receiver, send } = await setup(answer(204));
    await send('/once');
    await send('/once');
    await send('/other');
    await receiver.waitFor(2);
    await sleep(200);
    expect(receiver.received.map((r) => r.path).sort()).toEqual(['/once', '/other']);
  });

  it('should abort an attempt in flight on close', async () => {
    const { receiver, webhooks, send } = await setup(() => undefined, { timeoutMs: 10_000 });
    await send();
    await receiver.waitFor(1);
    const started = Date.now();
    await webhooks.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
