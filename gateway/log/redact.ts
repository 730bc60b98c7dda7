/**
 * What never reaches a log line: credentials by key (pino `redact`, at the top level and one level
 * down, e.g. `headers.authorization`) and tokens inside text (`token=…` in URLs and upstream
 * messages, `Bearer …`), scrubbed from the message and from every string field at any depth.
 */
import { redactTokens } from '../arcgis/safe-url.js';

export const CENSOR = '[redacted]';

const SECRET_KEYS = [
  'token',
  'password',
  'authorization',
  'x-esri-authorization',
  'apiKey',
  'x-api-key',
  'clientSecret',
  'client_secret',
  'access_token',
  // The webhook signing secret (config `webhooks.secret`) and a signature made with it.
  'secret',
  'webhook-signature',
] as const;

/** pino `redact.paths`: each secret key on the line itself and inside any field. */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((key) => [`["${key}"]`, `*["${key}"]`]);

const BEARER = /(\bbearer\s+)[^\s"',;]+/gi;

/** Masks tokens in free text. */
export function scrubText(text: string): string {
  return redactTokens(text).replace(BEARER, `$1${CENSOR}`);
}

const SECRET_KEY_SET: ReadonlySet<string> = new Set(SECRET_KEYS.map((key) => key.toLowerCase()));

/** A copy of `value` with text scrubbed and secret keys censored at any depth (pino's paths stop at two levels). */
export function scrubFields(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (typeof value !== 'object' || value === null || depth > 8) return value;
  if (value instanceof Error) return { type: value.name, message: scrubText(value.message) };
  if (Array.isArray(value)) return value.map((item: unknown) => scrubFields(item, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) out[key] = SECRET_KEY_SET.has(key.toLowerCase()) ? CENSOR : scrubFields(item, depth + 1);
  return out;
}
