/**
 * The webhook queue shared by every instance through Redis: nothing of it lives in a process, so
 * deliveries survive restarts and any instance's worker picks them up.
 *
 * Keys (one hash tag, so the scripts' keys share a cluster slot):
 * - `<prefix>{webhooks}:seen:<eventId>` — SET NX when an event is first queued, kept for the dedup
 *   window: the same event queued again, by any instance, changes nothing;
 * - `<prefix>{webhooks}:items` — hash eventId → JSON `{uri, body, firstAt, attempts}`;
 * - `<prefix>{webhooks}:due` — sorted set eventId by due time (epoch ms);
 * - `<prefix>{webhooks}:claims` — hash eventId → the claim token of the instance attempting it.
 * A claim moves the item's score to the end of its lease, in the same script that reads it, so two
 * instances never hold one item; an instance that dies mid-attempt leaves the item to be claimed
 * again when the lease ends (README › Webhooks, "Exactly once").
 */
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { luaScript } from '../redis/lua-script.js';
import { redisCall } from '../redis/redis-connection.js';
import { dedupWindowMs, type ClaimedWebhook, type QueuedWebhook, type WebhookQueue } from './webhook-queue.js';

/** KEYS: seen, items, due; ARGV: eventId, item JSON, now, dedup window ms. */
const ADD = luaScript(`
if not redis.call('SET', KEYS[1], '1', 'NX', 'PX', ARGV[4]) then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[3], ARGV[1])
return 1
`);

/** KEYS: items, due, claims; ARGV: now, lease end, claim token. Skips ids whose item is gone. */
const CLAIM = luaScript(`
for _ = 1, 10 do
  local ids = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', ARGV[1], 'LIMIT', 0, 1)
  if #ids == 0 then return false end
  local item = redis.call('HGET', KEYS[1], ids[1])
  if item then
    redis.call('ZADD', KEYS[2], ARGV[2], ids[1])
    redis.call('HSET', KEYS[3], ids[1], ARGV[3])
    return {ids[1], item}
  end
  redis.call('ZREM', KEYS[2], ids[1])
  redis.call('HDEL', KEYS[3], ids[1])
end
return false
`);

/** KEYS: items, due, claims; ARGV: eventId, claim token, new item JSON ('' to remove), due time. */
const SETTLE = luaScript(`
if redis.call('HGET', KEYS[3], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[3], ARGV[1])
if ARGV[3] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('ZREM', KEYS[2], ARGV[1])
else
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
  redis.call('ZADD', KEYS[2], ARGV[4], ARGV[1])
end
return 1
`);

type Stored = Omit<QueuedWebhook, 'eventId'>;

function parseStored(eventId: string, text: string): QueuedWebhook | undefined {
  try {
    const value = JSON.parse(text) as Partial<Stored>;
    const { uri, body, firstAt, attempts } = value;
    return typeof uri === 'string' && typeof body === 'string' && typeof firstAt === 'number' && typeof attempts === 'number'
      ? { eventId, uri, body, firstAt, attempts }
      : undefined;
  } catch {
    return undefined;
  }
}

const stored = (item: QueuedWebhook): string =>
  JSON.stringify({ uri: item.uri, body: item.body, firstAt: item.firstAt, attempts: item.attempts } satisfies Stored);

/** Redis failures reject with GatewayError UPSTREAM_UNREACHABLE (`redisCall`). `keyPrefix` defaults to `gpgw:`. */
export function redisWebhookQueue(client: Redis, retryForMs: number, keyPrefix = 'gpgw:'): WebhookQueue {
  const base = `${keyPrefix}{webhooks}:`;
  const [items, due, claims] = [`${base}items`, `${base}due`, `${base}claims`];
  const settle = async (item: ClaimedWebhook, next: string, dueAt: number): Promise<boolean> =>
    (await redisCall('settling a webhook', SETTLE(client, [items, due, claims], [item.eventId, item.claim, next, dueAt]))) === 1;

  return {
    async add(delivery, now) {
      const item = stored({ ...delivery, firstAt: now, attempts: 0 });
      const keys = [`${base}seen:${delivery.eventId}`, items, due];
      return (await redisCall('queueing a webhook', ADD(client, keys, [delivery.eventId, item, now, dedupWindowMs(retryForMs)]))) === 1;
    },
    async claim(now, leaseMs) {
      const token = randomUUID();
      for (;;) {
        const found = await redisCall('claiming a webhook', CLAIM(client, [items, due, claims], [now, now + leaseMs, token]));
        if (!Array.isArray(found)) return undefined;
        const [eventId, text] = found as [string, string];
        const item = parseStored(eventId, text);
        if (item) return { ...item, claim: token };
        // Unreadable (written by an incompatible version): dropped rather than retried forever.
        await settle({ eventId, uri: '', body: '', firstAt: 0, attempts: 0, claim: token }, '', 0);
      }
    },
    reschedule: (item, attempts, dueAt) => settle(item, stored({ ...item, attempts }), dueAt),
    finish: (item) => settle(item, '', 0),
    async nextDue() {
      const first = await redisCall('reading the webhook queue', client.zrange(due, 0, 0, 'WITHSCORES'));
      return first[1] === undefined ? undefined : Number(first[1]);
    },
  };
}
