import type { GatewayConfig } from './config-schema.js';

const REDACTED = '[redacted]';
const SECRET_KEYS = new Set(['token', 'apiKey', 'password', 'filesSecret']);

function redact(value: unknown, key = ''): unknown {
  if (SECRET_KEYS.has(key) && typeof value === 'string') return REDACTED;
  if (key === 'redisUrl' && typeof value === 'string') {
    const url = new URL(value);
    if (url.password !== '') url.password = REDACTED;
    return url.toString();
  }
  if (Array.isArray(value)) return value.map((item) => redact(item));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k)]));
  return value;
}

/** The effective configuration as JSON a config file could hold, with every secret replaced. */
export function printableConfig(config: GatewayConfig): string {
  return JSON.stringify(redact(config), null, 2);
}
