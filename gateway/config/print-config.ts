import { CENSOR, scrubFields } from '../log/redact.js';
import type { GatewayConfig } from './config-schema.js';

/** The configuration's own secrets, beside those the log redaction knows (token, password, apiKey…). */
const CONFIG_SECRETS = new Set(['filesSecret']);

/** A Redis URL's password, in its user info or its query (`?password=`, which ioredis reads too). */
function redisUrlRedacted(value: string): string {
  const url = new URL(value);
  if (url.password !== '') url.password = CENSOR;
  if (url.searchParams.has('password')) url.searchParams.set('password', CENSOR);
  return url.toString();
}

/**
 * The effective configuration as JSON a config file could hold, every secret replaced: the log's
 * redaction (secret keys at any depth, `token=` in URLs), the files secret and Redis passwords.
 */
export function printableConfig(config: GatewayConfig): string {
  const own = Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key,
      CONFIG_SECRETS.has(key) ? CENSOR : key === 'redisUrl' && typeof value === 'string' ? redisUrlRedacted(value) : value,
    ]),
  );
  return JSON.stringify(scrubFields(own), null, 2);
}
