/**
 * Where deliveries wait between attempts: in process (memory-webhook-queue.ts) or in Redis, shared by
 * every instance (redis-webhook-queue.ts). The outbox (webhook-outbox.ts) drives either the same way.
 */
import type { WebhookDelivery } from './webhook-event.js';

export interface QueuedWebhook extends WebhookDelivery {
  /** When it was first queued (epoch ms): retries end `retryFor` after it. */
  readonly firstAt: number;
  /** Attempts finished so far. */
  readonly attempts: number;
}

/** A queued delivery one instance holds until `leaseMs` after its claim; `claim` names the holder. */
export interface ClaimedWebhook extends QueuedWebhook {
  readonly claim: string;
}

export interface WebhookQueue {
  /** Queues a delivery due at once; false when its eventId was queued before (nothing changes then). */
  add(delivery: WebhookDelivery, now: number): Promise<boolean>;
  /** Takes one due delivery for this instance, or undefined when none is due. */
  claim(now: number, leaseMs: number): Promise<ClaimedWebhook | undefined>;
  /** Puts a claimed delivery back, due at `dueAt`; false when the claim was lost (it expired and another took it). */
  reschedule(item: ClaimedWebhook, attempts: number, dueAt: number): Promise<boolean>;
  /** Removes a claimed delivery for good (delivered or given up); false when the claim was lost. */
  finish(item: ClaimedWebhook): Promise<boolean>;
  /** When the next unclaimed delivery is due (or a claim's lease ends), undefined when none waits. */
  nextDue(): Promise<number | undefined>;
}

/** How long an eventId is remembered after it was queued, so a late duplicate is not delivered again. */
export const dedupWindowMs = (retryForMs: number): number => retryForMs + 24 * 3_600_000;
