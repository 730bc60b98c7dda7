/**
 * The in-process queue (no `--redis`): the same rules as Redis, lost with the process.
 */
import { randomUUID } from 'node:crypto';
import { dedupWindowMs, type ClaimedWebhook, type QueuedWebhook, type WebhookQueue } from './webhook-queue.js';

interface Entry {
  item: QueuedWebhook;
  due: number;
  claim: string | undefined;
}

export function memoryWebhookQueue(retryForMs: number): WebhookQueue {
  const entries = new Map<string, Entry>();
  // Insertion order is expiry order: every id is remembered for the same window.
  const seen = new Map<string, number>();

  const held = (item: ClaimedWebhook): Entry | undefined => {
    const entry = entries.get(item.eventId);
    return entry?.claim === item.claim ? entry : undefined;
  };

  return {
    add(delivery, now) {
      for (const [id, expires] of seen) {
        if (expires > now) break;
        seen.delete(id);
      }
      if (seen.has(delivery.eventId)) return Promise.resolve(false);
      seen.set(delivery.eventId, now + dedupWindowMs(retryForMs));
      entries.set(delivery.eventId, { item: { ...delivery, firstAt: now, attempts: 0 }, due: now, claim: undefined });
      return Promise.resolve(true);
    },
    claim(now, leaseMs) {
      let next: Entry | undefined;
      for (const entry of entries.values()) if (entry.due <= now && (!next || entry.due < next.due)) next = entry;
      if (!next) return Promise.resolve(undefined);
      next.claim = randomUUID();
      next.due = now + leaseMs;
      return Promise.resolve({ ...next.item, claim: next.claim });
    },
    reschedule(item, attempts, dueAt) {
      const entry = held(item);
      if (entry) Object.assign(entry, { item: { ...entry.item, attempts }, due: dueAt, claim: undefined });
      return Promise.resolve(entry !== undefined);
    },
    finish(item) {
      const found = held(item) !== undefined;
      if (found) entries.delete(item.eventId);
      return Promise.resolve(found);
    },
    nextDue() {
      let due: number | undefined;
      for (const entry of entries.values()) due = Math.min(due ?? entry.due, entry.due);
      return Promise.resolve(due);
    },
  };
}
