/**
 * One webhook POST. undici's `request()` never follows redirects, so a 3xx is a failed attempt like
 * any other non-2xx; the whole attempt (connect, headers, body) has one time budget; the answer's
 * body is read and dropped (a receiver has nothing to tell the gateway but its status).
 */
import { Agent, request } from 'undici';
import type { Clock } from '../../core/clock.js';
import { deadline } from '../abort-deadline.js';
import { signWebhook } from './webhook-signature.js';
import { NotPublicAddressError, onAllowedOrigin, publicOnlyLookup, webhookUriProblem, type HostResolver } from './webhook-uri-policy.js';
import type { WebhookDelivery } from './webhook-event.js';

export type SendOutcome =
  | { readonly ok: true; readonly status: number }
  /** `final`: trying again cannot help (the URI is not allowed any more, or its name resolves to a private address). */
  | { readonly ok: false; readonly final: boolean; readonly status?: number; readonly reason: string };

export interface WebhookSenderOptions {
  readonly signingKey: Buffer;
  readonly allowedOrigins: readonly string[];
  readonly timeoutMs: number;
  readonly clock: Pick<Clock, 'now'>;
  readonly resolve: HostResolver;
  /** Which resolved addresses may be connected to. Default: public ones (`isPublicAddress`). */
  readonly isAllowedAddress?: (address: string) => boolean;
}

export interface WebhookSender {
  readonly send: (delivery: WebhookDelivery, signal: AbortSignal) => Promise<SendOutcome>;
  close(): Promise<void>;
}

function isNotPublic(error: unknown): boolean {
  for (let cause = error, depth = 0; cause instanceof Error && depth < 5; cause = cause.cause, depth++)
    if (cause instanceof NotPublicAddressError) return true;
  return false;
}

export function webhookSender(options: WebhookSenderOptions): WebhookSender {
  const pool = { keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000, connections: 8 };
  // Receivers on allowed origins are the operator's: their names resolve as the system says.
  const trusted = new Agent({ ...pool, connect: { timeout: options.timeoutMs } });
  const guarded = new Agent({
    ...pool,
    connect: { timeout: options.timeoutMs, lookup: publicOnlyLookup(options.resolve, options.isAllowedAddress) },
  });

  const send = async (delivery: WebhookDelivery, signal: AbortSignal): Promise<SendOutcome> => {
    // Checked again at each attempt: the allowed origins may have changed since it was queued.
    const problem = webhookUriProblem(delivery.uri, options.allowedOrigins);
    if (problem !== undefined) return { ok: false, final: true, reason: problem };
    const url = new URL(delivery.uri);
    const budget = deadline(options.timeoutMs, signal);
    try {
      const response = await request(url, {
        method: 'POST',
        dispatcher: onAllowedOrigin(url, options.allowedOrigins) ? trusted : guarded,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'gp-graphql-gateway-webhooks',
          ...signWebhook(options.signingKey, delivery.eventId, options.clock.now(), delivery.body),
        },
        body: delivery.body,
        signal: budget.signal,
        headersTimeout: options.timeoutMs,
        bodyTimeout: options.timeoutMs,
      });
      await response.body.dump();
      const status = response.statusCode;
      return status >= 200 && status < 300 ? { ok: true, status } : { ok: false, final: false, status, reason: `HTTP ${status}` };
    } catch (error) {
      if (isNotPublic(error)) return { ok: false, final: true, reason: 'its host resolves to an address that is not public' };
      const reason = budget.timedOut()
        ? `no answer within ${options.timeoutMs} ms`
        : error instanceof Error
          ? error.message
          : String(error);
      return { ok: false, final: false, reason };
    } finally {
      budget.release();
    }
  };

  return {
    send,
    close: async () => {
      await Promise.all([trusted.destroy(), guarded.destroy()]);
    },
  };
}
