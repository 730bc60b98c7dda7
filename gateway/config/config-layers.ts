import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ConfigLayer } from './config-schema.js';

/**
 * The command line's flags that set a key of the configuration model: the key, and how the text
 * becomes its value. One table for parsing the flags and for naming them in error messages.
 */
const FLAG_KEYS = {
  port: { key: 'port', kind: 'number' },
  host: { key: 'host', kind: 'text' },
  service: { key: 'services', kind: 'list' },
  'services-root': { key: 'servicesRoots', kind: 'list' },
  refresh: { key: 'refreshSeconds', kind: 'number' },
  redis: { key: 'redisUrl', kind: 'text' },
  poll: { key: 'poll', kind: 'poll' },
  lease: { key: 'leaseMs', kind: 'number' },
  'log-level': { key: 'logLevel', kind: 'text' },
  'log-format': { key: 'logFormat', kind: 'text' },
  'max-upload-mb': { key: 'uploads.maxMb', kind: 'number' },
  'upload-dir': { key: 'uploads.dir', kind: 'text' },
  'files-secret': { key: 'filesSecret', kind: 'text' },
  'hide-upstream-urls': { key: 'hideUpstreamUrls', kind: 'switch' },
  'headers-timeout': { key: 'timeouts.headersSeconds', kind: 'number' },
  'request-timeout': { key: 'timeouts.requestSeconds', kind: 'number' },
  'keep-alive-timeout': { key: 'timeouts.keepAliveSeconds', kind: 'number' },
  'cors-origin': { key: 'cors.origins', kind: 'list' },
  'cors-credentials': { key: 'cors.credentials', kind: 'switch' },
  'run-deadline': { key: 'runDeadlineSeconds', kind: 'number' },
  'job-deadline': { key: 'deadlines.defaultSeconds', kind: 'number' },
  'max-job-deadline': { key: 'deadlines.maxSeconds', kind: 'number' },
  'drain-timeout': { key: 'drainTimeoutSeconds', kind: 'number' },
  'drain-delay': { key: 'drainDelaySeconds', kind: 'number' },
  'result-cache-mb': { key: 'resultCacheMb', kind: 'number' },
  'cache-task': { key: 'runCache.tasks', kind: 'list' },
  'cache-ttl': { key: 'runCache.ttlSeconds', kind: 'number' },
  'otel-endpoint': { key: 'otelEndpoint', kind: 'text' },
  'trusted-documents': { key: 'trustedDocuments.file', kind: 'text' },
  'webhook-secret': { key: 'webhooks.secret', kind: 'text' },
  'webhook-origin': { key: 'webhooks.allowedOrigins', kind: 'list' },
  'workflow-reference-origin': { key: 'workflows.referenceOrigins', kind: 'list' },
} as const satisfies Record<string, { key: string; kind: 'number' | 'text' | 'list' | 'switch' | 'poll' }>;

/** `--flag` by the configuration key it sets, for error messages. */
export const FLAG_BY_KEY: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(FLAG_KEYS).map(([flag, { key }]) => [key, `--${flag}`]),
);

const FLAG_OPTIONS = {
  ...(Object.fromEntries(
    Object.entries(FLAG_KEYS).map(([flag, { kind }]) => [
      flag,
      kind === 'switch' ? { type: 'boolean' } : kind === 'list' ? { type: 'string', multiple: true } : { type: 'string' },
    ]),
  ) as Record<keyof typeof FLAG_KEYS, { type: 'string' | 'boolean'; multiple?: boolean }>),
  config: { type: 'string' },
  'print-config': { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

export interface ParsedFlags {
  readonly layer: ConfigLayer;
  readonly configPath: string | undefined;
  readonly help: boolean;
  readonly printConfig: boolean;
}

/** A number as typed; anything else is kept as the text, so validation names it (`"abc"` is not a number). */
function numeric(raw: string): number | string {
  const value = Number(raw);
  return raw.trim() !== '' && Number.isFinite(value) ? value : raw;
}

/** Sets `path` (dotted) in `target` when `value` is defined. */
function put(target: ConfigLayer, path: string, value: unknown): void {
  if (value === undefined) return;
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as ConfigLayer;
  node[keys.at(-1) ?? path] = value;
}

/** `--poll <floor>[,<ceiling>]`: one flag for two keys; a lone floor keeps a ceiling of at least 5 s. */
function pollOf(raw: string | undefined): ConfigLayer | undefined {
  if (raw === undefined) return undefined;
  const [floor = '', ceiling] = raw.split(',');
  const floorMs = numeric(floor);
  return {
    floorMs,
    ceilingMs: ceiling === undefined ? (typeof floorMs === 'number' ? Math.max(floorMs, 5000) : floorMs) : numeric(ceiling),
  };
}

export function flagsLayer(argv: readonly string[]): ParsedFlags {
  const { values } = parseArgs({ args: [...argv], options: FLAG_OPTIONS, strict: true });
  const layer: ConfigLayer = {};
  for (const [flag, { key, kind }] of Object.entries(FLAG_KEYS)) {
    const raw: unknown = values[flag as keyof typeof FLAG_KEYS];
    if (typeof raw !== 'string') put(layer, key, raw);
    else put(layer, key, kind === 'number' ? numeric(raw) : kind === 'poll' ? pollOf(raw) : raw);
  }
  return {
    layer,
    configPath: typeof values.config === 'string' ? values.config : undefined,
    help: values.help === true,
    printConfig: values['print-config'] === true,
  };
}

/** The environment variables the gateway reads, each onto one key; an empty value counts as unset. */
export const ENVIRONMENT = {
  PORT: 'port',
  GP_SERVICES: 'services',
  REDIS_URL: 'redisUrl',
  GP_FILES_SECRET: 'filesSecret',
  GP_LOG_LEVEL: 'logLevel',
  GP_CORS_ORIGINS: 'cors.origins',
  GP_WEBHOOK_SECRET: 'webhooks.secret',
  // The OpenTelemetry SDKs' own variable: a deployment that sets it for every service sets it here too.
  OTEL_EXPORTER_OTLP_ENDPOINT: 'otelEndpoint',
} as const;

export function environmentLayer(env: NodeJS.ProcessEnv): ConfigLayer {
  const layer: ConfigLayer = {};
  const list = (raw: string) =>
    raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  for (const [name, path] of Object.entries(ENVIRONMENT)) {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') continue;
    put(layer, path, path === 'port' ? numeric(raw) : path === 'services' || path === 'cors.origins' ? list(raw) : raw);
  }
  return layer;
}

export async function fileLayer(path: string): Promise<ConfigLayer> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error(`${path}: the configuration must be a JSON object.`);
  return json as ConfigLayer;
}
