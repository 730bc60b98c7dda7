/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com/, "Signature scheme"), so receivers
 * verify with that project's libraries: HMAC-SHA256 over `<webhook-id>.<webhook-timestamp>.<body>`,
 * keyed by the base64 part of a `whsec_` secret, sent as `webhook-signature: v1,<base64>`.
 */
import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';
const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
/** The specification's bounds for the key. */
const MIN_BYTES = 24;
const MAX_BYTES = 64;

/** Why `secret` is not a usable signing secret; undefined when it is. */
export function webhookSecretProblem(secret: string): string | undefined {
  const encoded = secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : undefined;
  const bytes = encoded !== undefined && BASE64.test(encoded) && encoded.length % 4 === 0 ? Buffer.from(encoded, 'base64').length : 0;
  return bytes >= MIN_BYTES && bytes <= MAX_BYTES
    ? undefined
    : `must be whsec_ followed by the base64 of ${MIN_BYTES} to ${MAX_BYTES} random bytes (e.g. whsec_$(openssl rand -base64 32))`;
}

/** The HMAC key of a secret that `webhookSecretProblem` accepts; throws on any other. */
export function webhookSigningKey(secret: string): Buffer {
  const problem = webhookSecretProblem(secret);
  if (problem !== undefined) throw new Error(`The webhook secret (webhooks.secret, --webhook-secret, GP_WEBHOOK_SECRET) ${problem}.`);
  return Buffer.from(secret.slice(PREFIX.length), 'base64');
}

/** A new secret of 32 random bytes. */
export function generateWebhookSecret(): string {
  return PREFIX + randomBytes(32).toString('base64');
}

export interface WebhookHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The three headers of one attempt: signed anew each time, as receivers refuse old timestamps. */
export function signWebhook(key: Buffer, eventId: string, nowMs: number, body: string): WebhookHeaders {
  const timestamp = String(Math.floor(nowMs / 1000));
  const signature = createHmac('sha256', key).update(`${eventId}.${timestamp}.${body}`).digest('base64');
  return { 'webhook-id': eventId, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` };
}
