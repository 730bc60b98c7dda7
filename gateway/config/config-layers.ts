import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ConfigLayer } from './config-schema.js';

/** The command line's flags; each maps onto one key of the configuration model. */
export const FLAG_OPTIONS = {
  port: { type: 'string' },
  host: { type: 'string' },
  service: { type: 'string', multiple: true },
  'services-root': { type: 'string', multiple: true },
  config: { type: 'string' },
  refresh: { type: 'string' },
  redis: { type: 'string' },
  poll: { type: 'string' },
  lease: { type: 'string' },
  'log-level': { type: 'string' },
  'log-format': { type: 'string' },
  'max-upload-mb': { type: 'string' },
  'upload-dir': { type: 'string' },
  'files-secret': { type: 'string' },
  'hide-upstream-urls': { type: 'boolean' },
  'headers-timeout': { type: 'string' },
  'request-timeout': { type: 'string' },
  'keep-alive-timeout': { type: 'string' },
  'cors-origin': { type: 'string', multiple: true },
  'cors-credentials': { type: 'boolean' },
  'run-deadline': { type: 'string' },
  'drain-timeout': { type: 'string' },
  'drain-delay': { type: 'string' },
  'result-cache-mb': { type: 'string' },
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
  const number = (raw: string | undefined) => (raw === undefined ? undefined : numeric(raw));
  put(layer, 'port', number(values.port));
  put(layer, 'host', values.host);
  put(layer, 'services', values.service);
  put(layer, 'servicesRoots', values['services-root']);
  put(layer, 'refreshSeconds', number(values.refresh));
  put(layer, 'redisUrl', values.redis);
  put(layer, 'poll', pollOf(values.poll));
  put(layer, 'leaseMs', number(values.lease));
  put(layer, 'logLevel', values['log-level']);
  put(layer, 'logFormat', values['log-format']);
  put(layer, 'uploads.maxMb', number(values['max-upload-mb']));
  put(layer, 'uploads.dir', values['upload-dir']);
  put(layer, 'filesSecret', values['files-secret']);
  put(layer, 'hideUpstreamUrls', values['hide-upstream-urls']);
  put(layer, 'timeouts.headersSeconds', number(values['headers-timeout']));
  put(layer, 'timeouts.requestSeconds', number(values['request-timeout']));
  put(layer, 'timeouts.keepAliveSeconds', number(values['keep-alive-timeout']));
  put(layer, 'cors.origins', values['cors-origin']);
  put(layer, 'cors.credentials', values['cors-credentials']);
  put(layer, 'runDeadlineSeconds', number(values['run-deadline']));
  put(layer, 'drainTimeoutSeconds', number(values['drain-timeout']));
  put(layer, 'drainDelaySeconds', number(values['drain-delay']));
  put(layer, 'resultCacheMb', number(values['result-cache-mb']));
  return { layer, configPath: values.config, help: values.help === true, printConfig: values['print-config'] === true };
}

/** The environment variables the gateway reads, each onto one key; an empty value counts as unset. */
export const ENVIRONMENT = {
  PORT: 'port',
  GP_SERVICES: 'services',
  REDIS_URL: 'redisUrl',
  GP_FILES_SECRET: 'filesSecret',
  GP_LOG_LEVEL: 'logLevel',
  GP_CORS_ORIGINS: 'cors.origins',
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
