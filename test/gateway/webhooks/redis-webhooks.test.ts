/**
 * Webhooks across instances on one real Redis: each instance below has its own connection, as two
 * gateway processes would. Every event is delivered once, whoever queued it and whoever dies.
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../../../gateway/log/logger.js';
import { closeRedis, createRedisConnection } from '../../../gateway/redis/redis-connection.js';
import { createWebhooks, type Webhooks, type WebhooksOptions } from '../../../gateway/webhooks/create-webhooks.js';
import { redisWebhookQueue } from '../../../gateway/webhooks/redis-webhook-queue.js';
import { webhookEventId, type WebhookDelivery } from '../../../gateway/webhooks/webhook-event.js';
import { generateWebhookSecret } from '../../../gateway/webhooks/webhook-signature.js';
import { describeRedis, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { answer, outcomeCounter, sleep, startReceiver, until, type Receiver, type Responder } from './webhook-receiver.js';

const SECRET = generateWebhookSecret();

describeRedis('webhooks in Redis', () => {
  let server: RedisServer;
  let prefix: string;
  const closers: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
  });

  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close();
  });

  const connection = (): Redis => {
    const client = createRedisConnection({ url: server.url, log: silentLogger, role: 'webhooks-test' });
    closers.push(() => closeRedis(client));
    return client;
  };

  const receiverOf = async (respond: Responder = answer(204)): Promise<Receiver> => {
    prefix = `t-${randomUUID()}:`;
    const receiver = await startReceiver(respond);
    closers.push(() => receiver.close());
    return receiver;
  };

  /** One gateway instance: its own connection and worker. */
  const instance = (receiver: Receiver, options: Partial<WebhooksOptions> = {}): Webhooks => {
    const webhooks = createWebhooks({
      secret: SECRET,
      allowedOrigins: [receiver.origin],
      redis: connection(),
      keyPrefix: prefix,
      pollMs: 20,
      backoff: { baseMs: 50, capMs: 200 },
      ...options,
    });
    closers.push(() => webhooks.close());
    return webhooks;
  };

  const delivery = (receiver: Receiver, n: number): WebhookDelivery => {
    const uri = `${receiver.origin}/hook/${n}`;
    return { eventId: webhookEventId(`job-${n}`, 1, uri), uri, body: JSON.stringify({ n }) };
  };

  const idsOf = (receiver: Receiver): string[] => receiver.received.map((r) => String(r.headers['webhook-id']));

  it('should deliver each event once when two instances queue and deliver them', async () => {
    const receiver = await receiverOf();
    const [a, b] = [instance(receiver), instance(receiver)];
    const events = Array.from({ length: 30 }, (_, n) => delivery(receiver, n));
    // Every event from A; every third from B as well, at the same time (both instances saw the change).
    await Promise.all([a.enqueue(events), b.enqueue(events.filter((_, n) => n % 3 === 0)), b.enqueue(events.slice(25))]);
    await receiver.waitFor(30);
    await sleep(300);
    expect(idsOf(receiver).sort()).toEqual(events.map((e) => e.eventId).sort());
  });

  it('should keep its keys under the prefix and one hash tag', async () => {
    const receiver = await receiverOf(answer(500));
    await instance(receiver).enqueue([delivery(receiver, 1)]);
    await receiver.waitFor(1);
    const keys = await connection().keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.startsWith(`${prefix}{webhooks}:`))).toBe(true);
  });

  it('should let another instance take over a claim whose instance died, once the lease ends', async () => {
    const receiver = await receiverOf();
    const item = delivery(receiver, 1);
    // The dead instance: it queued and claimed the item, then never settled it.
    const dead = redisWebhookQueue(connection(), 60_000, prefix);
    expect(await dead.add(item, Date.now())).toBe(true);
    const claimedAt = Date.now();
    expect(await dead.claim(claimedAt, 700)).toMatchObject({ eventId: item.eventId, attempts: 0 });
    instance(receiver);
    await sleep(400);
    expect(receiver.received).toHaveLength(0);
    await receiver.waitFor(1);
    expect((receiver.received[0]?.at ?? 0) - claimedAt).toBeGreaterThanOrEqual(680);
    await sleep(200);
    expect(idsOf(receiver)).toEqual([item.eventId]);
  });

  it('should hand an attempt in flight to another instance at once when its instance closes', async () => {
    // The first request hangs (its instance is stopped during it); the next is answered.
    const receiver = await receiverOf((n, response) => (n === 0 ? undefined : response.writeHead(204).end()));
    const a = instance(receiver);
    await a.enqueue([delivery(receiver, 1)]);
    await receiver.waitFor(1);
    const metricsB = outcomeCounter();
    instance(receiver, { metrics: metricsB });
    await a.close();
    const closedAt = Date.now();
    await receiver.waitFor(2);
    // Far sooner than the claim's lease (30 s): the closing instance released it.
    expect((receiver.received[1]?.at ?? 0) - closedAt).toBeLessThan(2_000);
    await until(() => metricsB.counts.delivered === 1);
    await sleep(200);
    expect(receiver.received).toHaveLength(2);
    expect(metricsB.counts).toEqual({ delivered: 1, retried: 0, given_up: 0 });
  });

  it('should deliver after a restart what was pending when every instance stopped', async () => {
    let up = false;
    const receiver = await receiverOf((_n, response) => response.writeHead(up ? 204 : 503).end());
    const before = instance(receiver, { backoff: { baseMs: 300, capMs: 300 } });
    const events = [delivery(receiver, 1), delivery(receiver, 2), delivery(receiver, 3)];
    await before.enqueue(events);
    await receiver.waitFor(3);
    // Everything stops: the worker and its connection.
    for (const close of closers.splice(1).reverse()) await close();
    const failed = receiver.received.length;
    up = true;
    instance(receiver);
    await receiver.waitFor(failed + 3);
    await sleep(300);
    const delivered = receiver.received.slice(failed).map((r) => String(r.headers['webhook-id']));
    expect(delivered.sort()).toEqual(events.map((e) => e.eventId).sort());
    // Nothing is left in Redis once delivered.
    const client = connection();
    await until(async () => (await client.hlen(`${prefix}{webhooks}:items`)) === 0);
  });
});
