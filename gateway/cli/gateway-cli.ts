import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ServerTimeouts } from '../http/http-server.js';
import type { ServiceSource } from '../arcgis/catalog-loader.js';
import { isServerCredentialConfig, type ServerCredentialConfig } from '../auth/server-credentials.js';
import type { ServerCredentialEntry } from '../auth/server-tokens.js';
import type { LogLevel } from '../log/logger.js';

export const USAGE = `Usage: npm start -- [options]        (npm run --silent sdl -- [source options] prints the SDL)
  --port <n>                  port (default 4000, or PORT)
  --host <addr>               address to bind (default 127.0.0.1)
  --service <url>[#alias]     a GPServer URL, optionally with an alias that prefixes its names (repeatable)
  --services-root <url>       a …/rest/services URL: every GPServer in every folder (repeatable)
  --config <file.json>        {"services": [{"url", "alias"?, "credential"?}], "servicesRoots": ["…" | {"url", "credential"?}]}
  --refresh <seconds>         re-introspect on this interval and swap the schema in
  --redis <url>               scale-out: job state, change notices, leases and idempotency keys in Redis (or REDIS_URL)
  --poll <min>[,<max>]        job polling interval floor and ceiling in ms (default 1000,5000)
  --lease <ms>                job lease period in scale-out mode (default 10000)
  --max-upload-mb <n>         largest file of a multipart request (default 100)
  --upload-dir <dir>          where uploaded files wait while their request runs (default a new temporary folder)
  --files-secret <text>       signs /files/<id> links; the same on every instance (or GP_FILES_SECRET; default drawn per process)
  --hide-upstream-urls        FileReference.upstreamUrl is null: clients see only the gateway's /files links
  --headers-timeout <s>       time to receive a request's headers (default 20)
  --request-timeout <s>       time to receive a whole request, uploads included (default 120)
  --keep-alive-timeout <s>    idle keep-alive connections close after this (default 65)
  --log-level <level>         debug | info | warn | error | silent (default info)
  GP_SERVICES                 comma-separated GPServer URLs (each may carry #alias)
Without any source the embedded GPServer is started in-process and fronted.`;

export interface GatewayCli {
  readonly port: number;
  readonly host: string;
  readonly sources: readonly ServiceSource[];
  readonly refreshSeconds?: number;
  readonly logLevel: LogLevel;
  readonly redisUrl?: string;
  readonly pollFloorMs?: number;
  readonly pollCeilingMs?: number;
  readonly leaseMs?: number;
  readonly serverCredentials: readonly ServerCredentialEntry[];
  readonly maxUploadBytes?: number;
  readonly uploadDir?: string;
  readonly filesSecret?: string;
  readonly exposeUpstreamUrls: boolean;
  readonly timeouts: Partial<ServerTimeouts>;
  readonly help: boolean;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function nonNegative(name: string, raw: string): number;
function nonNegative(name: string, raw: string | undefined): number | undefined;
function nonNegative(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got '${raw}'.`);
  return value;
}

/** A flag's value in the option's unit (MB → bytes, s → ms), absent when the flag is. */
function scaled(value: number | undefined, factor: number): number | undefined {
  return value === undefined ? undefined : value * factor;
}

interface ConfigFile {
  readonly sources: ServiceSource[];
  readonly serverCredentials: ServerCredentialEntry[];
}

/** `{"services": [url | {url, alias?, credential?}], "servicesRoots": [url | {url, credential?}]}` */
async function readConfigFile(path: string): Promise<ConfigFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const config = json as { services?: unknown; servicesRoots?: unknown };
  const entries = (list: unknown, key: string) =>
    (Array.isArray(list) ? list : []).map((item: unknown) => {
      const entry = typeof item === 'string' ? { url: item } : (item as { url?: unknown; alias?: unknown; credential?: unknown });
      if (typeof entry.url !== 'string') throw new Error(`${path}: every entry of "${key}" needs a "url".`);
      if ('credential' in entry && !isServerCredentialConfig(entry.credential)) {
        throw new Error(`${path}: the credential of ${entry.url} needs "token", "apiKey", or "username" and "password".`);
      }
      return entry as { url: string; alias?: unknown; credential?: ServerCredentialConfig };
    });
  const services = entries(config.services, 'services');
  const roots = entries(config.servicesRoots, 'servicesRoots');
  return {
    sources: [
      ...services.map((s): ServiceSource => ({ kind: 'service', url: s.url, ...(typeof s.alias === 'string' ? { alias: s.alias } : {}) })),
      ...roots.map((r): ServiceSource => ({ kind: 'services-root', url: r.url })),
    ],
    serverCredentials: [...services, ...roots].flatMap((e) => (e.credential ? [{ url: e.url, credential: e.credential }] : [])),
  };
}

function pollInterval(raw: string | undefined): { pollFloorMs?: number; pollCeilingMs?: number } {
  if (raw === undefined) return {};
  const [floor = '', ceiling] = raw.split(',');
  const pollFloorMs = nonNegative('poll', floor);
  const pollCeilingMs = ceiling === undefined ? Math.max(pollFloorMs, 5000) : nonNegative('poll', ceiling);
  if (pollCeilingMs < pollFloorMs) throw new Error(`--poll: the ceiling ${pollCeilingMs} is below the floor ${pollFloorMs}.`);
  return { pollFloorMs, pollCeilingMs };
}

/** Flags first, then the environment; `--service` entries may carry `#alias`. */
export async function parseGatewayCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<GatewayCli> {
  const { values } = parseArgs({
    args: [...argv],
    options: {
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
      'max-upload-mb': { type: 'string' },
      'upload-dir': { type: 'string' },
      'files-secret': { type: 'string' },
      'hide-upstream-urls': { type: 'boolean' },
      'headers-timeout': { type: 'string' },
      'request-timeout': { type: 'string' },
      'keep-alive-timeout': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const fromEnv = (env.GP_SERVICES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const config = values.config !== undefined ? await readConfigFile(values.config) : { sources: [], serverCredentials: [] };
  const sources: ServiceSource[] = [
    ...[...(values.service ?? []), ...fromEnv].map((url): ServiceSource => ({ kind: 'service', url })),
    ...(values['services-root'] ?? []).map((url): ServiceSource => ({ kind: 'services-root', url })),
    ...config.sources,
  ];
  const level = values['log-level'] ?? 'info';
  const redisUrl = values.redis ?? env.REDIS_URL;
  const filesSecret = values['files-secret'] ?? env.GP_FILES_SECRET;
  if (!LEVELS.some((l) => l === level)) throw new Error(`--log-level must be one of ${LEVELS.join(', ')}, got '${level}'.`);
  return {
    port: nonNegative('port', values.port ?? env.PORT ?? '4000'),
    host: values.host ?? '127.0.0.1',
    sources,
    refreshSeconds: nonNegative('refresh', values.refresh),
    logLevel: level as LogLevel,
    redisUrl: redisUrl === '' ? undefined : redisUrl,
    ...pollInterval(values.poll),
    leaseMs: nonNegative('lease', values.lease),
    serverCredentials: config.serverCredentials,
    maxUploadBytes: scaled(nonNegative('max-upload-mb', values['max-upload-mb']), 1024 * 1024),
    uploadDir: values['upload-dir'],
    filesSecret: filesSecret === '' ? undefined : filesSecret,
    exposeUpstreamUrls: values['hide-upstream-urls'] !== true,
    timeouts: {
      headersMs: scaled(nonNegative('headers-timeout', values['headers-timeout']), 1000),
      requestMs: scaled(nonNegative('request-timeout', values['request-timeout']), 1000),
      keepAliveMs: scaled(nonNegative('keep-alive-timeout', values['keep-alive-timeout']), 1000),
    },
    help: values.help === true,
  };
}
