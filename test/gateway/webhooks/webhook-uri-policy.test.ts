/**
 * Where webhooks may go: public hosts, or origins the operator allows; checked at submit (`check`) and
 * again at send, where a public name that resolves to a private address is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../core/errors/error-codes.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import { createWebhooks, type WebhooksOptions } from '../../../gateway/webhooks/create-webhooks.js';
import { webhookEventId } from '../../../gateway/webhooks/webhook-event.js';
import { generateWebhookSecret } from '../../../gateway/webhooks/webhook-signature.js';
import { webhookUriProblem } from '../../../gateway/webhooks/webhook-uri-policy.js';
import { outcomeCounter, recordingLogger, startReceiver, until } from './webhook-receiver.js';

const SECRET = generateWebhookSecret();

describe('webhook URI policy', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('should refuse hosts that are not public, unless their origin is allowed', () => {
    for (const uri of [
      'http://127.0.0.1:8080/hook',
      'http://localhost:8080/hook',
      'http://localhost.:8080/hook',
      'http://10.1.2.3/hook',
      'http://192.168.0.5/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]/hook',
      'http://[fd00::1]/hook',
      'http://[64:ff9b::a00:1]/hook',
      'http://2130706433/hook',
      'http://receiver/hook',
      'http://hooks.internal/hook',
    ])
      expect(webhookUriProblem(uri, []), uri).toBe('its host is not public');
    expect(webhookUriProblem('http://127.0.0.1:8080/hook', ['http://127.0.0.1:8080'])).toBeUndefined();
    // Exactly the origin: another port or scheme is not allowed by it.
    expect(webhookUriProblem('http://127.0.0.1:8081/hook', ['http://127.0.0.1:8080'])).toBe('its host is not public');
    expect(webhookUriProblem('https://127.0.0.1:8080/hook', ['http://127.0.0.1:8080'])).toBe('its host is not public');
    expect(webhookUriProblem('https://hooks.example.com/in?x=1', [])).toBeUndefined();
    expect(webhookUriProblem('ftp://hooks.example.com/in', [])).toMatch(/only http and https/);
    expect(webhookUriProblem('https://user:pw@hooks.example.com/in', [])).toBe('a URL with user info');
    expect(webhookUriProblem('/relative', [])).toBe('not an absolute URL');
  });

  it('should refuse a subscriber at submit with INVALID_INPUT naming the field', () => {
    const webhooks = createWebhooks({ secret: SECRET, allowedOrigins: ['http://127.0.0.1:9000'] });
    closers.push(() => webhooks.close());
    expect(() => {
      webhooks.check({ successUri: 'https://hooks.example.com/ok', failedUri: 'http://127.0.0.1:9000/failed' });
    }).not.toThrow();
    expect(() => {
      webhooks.check(undefined);
    }).not.toThrow();
    // GraphQL gives null for an omitted field.
    expect(() => {
      webhooks.check({ successUri: null, failedUri: null, inProgressUri: 'https://hooks.example.com/p' });
    }).not.toThrow();
    let error: unknown;
    try {
      webhooks.check({ successUri: 'https://hooks.example.com/ok', inProgressUri: 'http://10.0.0.1/progress' });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: ERROR_CODES.INVALID_INPUT, info: { parameter: 'subscriber.inProgressUri' } });
    expect((error as Error).message).toBe('subscriber.inProgressUri: its host is not public.');
  });

  it('should refuse every subscriber when no secret is configured', () => {
    const webhooks = createWebhooks({ secret: undefined });
    expect(() => {
      webhooks.check({});
    }).not.toThrow();
    expect(() => {
      webhooks.check({ failedUri: 'https://hooks.example.com/failed' });
    }).toThrow(/subscriber.failedUri: webhooks are not configured on this gateway \(--webhook-secret\)/);
  });

  /** A public-looking name that the injected resolver maps to the loopback receiver. */
  const viaName = async (options: Partial<WebhooksOptions>) => {
    const receiver = await startReceiver();
    const port = new URL(receiver.origin).port;
    const metrics = outcomeCounter();
    const log = recordingLogger();
    const resolved: string[] = [];
    const webhooks = createWebhooks({
      secret: SECRET,
      metrics,
      log,
      resolve: (hostname) => {
        resolved.push(hostname);
        return Promise.resolve([{ address: '127.0.0.1', family: 4 }]);
      },
      ...options,
    });
    closers.push(
      () => webhooks.close(),
      () => receiver.close(),
    );
    const uri = `http://hooks.example.com:${port}/hook`;
    expect(() => {
      webhooks.check({ successUri: uri });
    }).not.toThrow();
    await webhooks.enqueue([{ eventId: webhookEventId('job', 1, uri), uri, body: '{}' }]);
    return { receiver, metrics, log, resolved };
  };

  it('should refuse at send a name that resolves to a private address, and give up', async () => {
    const { receiver, metrics, log, resolved } = await viaName({});
    await until(() => metrics.counts.given_up === 1);
    expect(resolved).toEqual(['hooks.example.com']);
    expect(receiver.received).toHaveLength(0);
    expect(metrics.counts).toEqual({ delivered: 0, retried: 0, given_up: 1 });
    expect(log.lines.find((line) => line.message === 'webhook given up')?.fields?.reason).toBe(
      'its host resolves to an address that is not public',
    );
  });

  it('should connect to the address it checked', async () => {
    // With loopback counted as allowed, the request reaches the receiver through the checked lookup.
    const { receiver, metrics } = await viaName({ isAllowedAddress: () => true });
    await receiver.waitFor(1);
    expect(receiver.received[0]?.headers.host).toMatch(/^hooks\.example\.com:\d+$/);
    await until(() => metrics.counts.delivered === 1);
  });

  it('should refuse at send a URI whose origin is no longer allowed', async () => {
    const receiver = await startReceiver();
    const metrics = outcomeCounter();
    const webhooks = createWebhooks({ secret: SECRET, metrics });
    closers.push(
      () => webhooks.close(),
      () => receiver.close(),
    );
    const uri = `${receiver.origin}/hook`;
    await webhooks.enqueue([{ eventId: webhookEventId('job', 1, uri), uri, body: '{}' }]);
    await until(() => metrics.counts.given_up === 1);
    expect(receiver.received).toHaveLength(0);
  });
});
