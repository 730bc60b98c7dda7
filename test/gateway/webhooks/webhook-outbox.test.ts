/** The retry schedule on a manual clock: exponential waits with full jitter, capped, bounded in time. */
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../../gateway/log/logger.js';
import { memoryWebhookQueue } from '../../../gateway/webhooks/memory-webhook-queue.js';
import { backoffMs } from '../../../gateway/webhooks/webhook-backoff.js';
import { startWebhookOutbox } from '../../../gateway/webhooks/webhook-outbox.js';
import type { SendOutcome } from '../../../gateway/webhooks/webhook-sender.js';
import { ManualClock } from '../../support/manual-clock.js';
import { outcomeCounter } from './webhook-receiver.js';

describe('webhook outbox schedule', () => {
  it('should wait 0.5, 1, 2, 2… s (random 0.5) and give up when the next attempt would pass retryFor', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const attempts: number[] = [];
    const metrics = outcomeCounter();
    const outbox = startWebhookOutbox({
      queue: memoryWebhookQueue(10_000),
      send: (): Promise<SendOutcome> => {
        attempts.push(clock.now() - 1_000_000);
        return Promise.resolve({ ok: false, final: false, status: 500, reason: 'HTTP 500' });
      },
      clock,
      log: silentLogger,
      metrics,
      retryForMs: 10_000,
      leaseMs: 30_000,
      pollMs: 60_000,
      concurrency: 4,
      backoff: { baseMs: 1_000, capMs: 4_000 },
    });
    await outbox.enqueue([{ eventId: 'evt_1', uri: 'https://hooks.example.com/', body: '{}' }]);
    await clock.advance(60_000);
    expect(attempts).toEqual([0, 500, 1_500, 3_500, 5_500, 7_500, 9_500]);
    expect(metrics.counts).toEqual({ delivered: 0, retried: 6, given_up: 1 });
    await outbox.close();
  });

  it('should draw each wait uniformly below the exponential ceiling', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffMs(n, 0.999))).toEqual([999, 1_998, 3_996, 7_992, 299_700]);
    expect(backoffMs(5, 0)).toBe(0);
    expect(backoffMs(1_000, 0.5)).toBe(150_000);
  });
});
