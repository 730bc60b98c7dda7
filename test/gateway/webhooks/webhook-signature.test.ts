/** Deliveries are signed as Standard Webhooks says: the `standardwebhooks` package verifies them. */
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createWebhooks, type Webhooks } from '../../../gateway/webhooks/create-webhooks.js';
import { webhookDeliveries, type WebhookEventInput } from '../../../gateway/webhooks/webhook-event.js';
import { generateWebhookSecret, webhookSecretProblem, webhookSigningKey } from '../../../gateway/webhooks/webhook-signature.js';
import { recordingLogger, startReceiver, until, type Receiver } from './webhook-receiver.js';

const SECRET = generateWebhookSecret();

const EVENT: WebhookEventInput = {
  id: 'Z3Bqb2IKV29ybGRWaWV3c2hlZAp2aWV3c2hlZApqMQ',
  service: 'WorldViewshed',
  task: 'viewshed',
  status: 'SUCCEEDED',
  final: true,
  progress: { percent: 100, message: 'done' },
  messageCount: 3,
  version: 7,
  submittedAt: Date.parse('2025-01-02T03:04:00Z'),
  now: Date.parse('2025-01-02T03:05:00Z'),
};

describe('webhook signatures', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  const deliverOne = async (): Promise<{ receiver: Receiver; log: ReturnType<typeof recordingLogger> }> => {
    const receiver = await startReceiver();
    const log = recordingLogger();
    const webhooks: Webhooks = createWebhooks({ secret: SECRET, allowedOrigins: [receiver.origin], log });
    closers.push(
      () => webhooks.close(),
      () => receiver.close(),
    );
    await webhooks.enqueue(webhookDeliveries({ successUri: `${receiver.origin}/hooks?key=abc` }, EVENT));
    await receiver.waitFor(1);
    await until(() => log.lines.some((line) => line.message === 'webhook delivered'));
    return { receiver, log };
  };

  it('should send a body and headers that standardwebhooks verifies with the secret', async () => {
    const { receiver } = await deliverOne();
    const [request] = receiver.received;
    expect(request?.path).toBe('/hooks?key=abc');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['webhook-id']).toMatch(/^evt_[\w-]{43}$/);
    expect(request?.headers['webhook-timestamp']).toMatch(/^\d{10}$/);
    expect(request?.headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    const headers = Object.fromEntries(Object.entries(request?.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(new Webhook(SECRET).verify(request?.body ?? '', headers)).toEqual({
      type: 'job.succeeded',
      timestamp: '2025-01-02T03:05:00.000Z',
      data: {
        id: EVENT.id,
        service: 'WorldViewshed',
        task: 'viewshed',
        status: 'SUCCEEDED',
        progress: { percent: 100, message: 'done' },
        messageCount: 3,
        submittedAt: '2025-01-02T03:04:00.000Z',
        updatedAt: '2025-01-02T03:05:00.000Z',
      },
    });
  });

  it('should fail verification with another secret or a changed body', async () => {
    const { receiver } = await deliverOne();
    const request = receiver.received[0];
    const headers = Object.fromEntries(Object.entries(request?.headers ?? {}).map(([k, v]) => [k, String(v)]));
    expect(() => new Webhook(generateWebhookSecret()).verify(request?.body ?? '', headers)).toThrow();
    expect(() => new Webhook(SECRET).verify(`${request?.body ?? ''} `, headers)).toThrow();
  });

  it('should log the delivery without the secret, the signature or the query', async () => {
    const { receiver, log } = await deliverOne();
    const signature = String(receiver.received[0]?.headers['webhook-signature']).slice(3);
    const text = JSON.stringify(log.lines);
    expect(log.lines.map((line) => line.message)).toContain('webhook delivered');
    expect(text).toContain(`${receiver.origin}/hooks`);
    expect(text).not.toContain('key=abc');
    expect(text).not.toContain(SECRET.slice(6));
    expect(text).not.toContain(signature);
  });

  it('should accept whsec_ secrets of 24 to 64 bytes only', () => {
    expect(webhookSecretProblem(SECRET)).toBeUndefined();
    expect(webhookSigningKey(SECRET)).toHaveLength(32);
    for (const bad of [
      '',
      'whsec_',
      'secret',
      `whsec_${Buffer.alloc(16).toString('base64')}`,
      `whsec_${'A'.repeat(200)}`,
      'whsec_not base64!',
    ])
      expect(webhookSecretProblem(bad)).toMatch(/must be whsec_/);
    expect(() => createWebhooks({ secret: 'plain-text-secret' })).toThrow(/--webhook-secret/);
  });
});

describe('webhook events', () => {
  const subscriber = {
    successUri: 'https://a.example/ok',
    failedUri: 'https://a.example/failed',
    inProgressUri: 'https://a.example/progress',
  };
  const typeAndUri = (input: Partial<WebhookEventInput>) =>
    webhookDeliveries(subscriber, { ...EVENT, ...input }).map((d) => [(JSON.parse(d.body) as { type: string }).type, d.uri]);

  it('should pick the URI by the state', () => {
    expect(typeAndUri({ status: 'SUCCEEDED', final: true })).toEqual([['job.succeeded', subscriber.successUri]]);
    for (const status of ['FAILED', 'TIMED_OUT', 'CANCELLED'] as const)
      expect(typeAndUri({ status, final: true })).toEqual([['job.failed', subscriber.failedUri]]);
    // Vanished upstream: final with its last status.
    expect(typeAndUri({ status: 'EXECUTING', final: true })).toEqual([['job.failed', subscriber.failedUri]]);
    expect(typeAndUri({ status: 'EXECUTING', final: false })).toEqual([['job.progress', subscriber.inProgressUri]]);
    expect(webhookDeliveries({ successUri: subscriber.successUri }, { ...EVENT, status: 'FAILED' })).toEqual([]);
    expect(webhookDeliveries(undefined, EVENT)).toEqual([]);
  });

  it('should name each event by job, version and URI, the same on every instance', () => {
    const id = (input: Partial<WebhookEventInput>) => webhookDeliveries(subscriber, { ...EVENT, ...input })[0]?.eventId;
    expect(id({ now: 1 })).toBe(id({ now: 2 }));
    expect(id({ version: 8 })).not.toBe(id({}));
    expect(id({ id: 'other' })).not.toBe(id({}));
  });

  it('should put no upstream URL in the body, and null for what is unknown', () => {
    const [delivery] = webhookDeliveries(subscriber, { ...EVENT, progress: undefined, submittedAt: undefined });
    const body = JSON.parse(delivery?.body ?? '{}') as { data: Record<string, unknown> };
    expect(Object.keys(body.data).sort()).toEqual([
      'id',
      'messageCount',
      'progress',
      'service',
      'status',
      'submittedAt',
      'task',
      'updatedAt',
    ]);
    expect(body.data.progress).toBeNull();
    expect(body.data.submittedAt).toBeNull();
  });
});
