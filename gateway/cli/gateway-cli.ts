import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { ServiceSource } from '../arcgis/catalog-loader.js';
import type { LogLevel } from '../log/logger.js';

export const USAGE = `Usage: npm start -- [options]        (npm run --silent sdl -- [source options] prints the SDL)
  --port <n>                  port (default 4000, or PORT)
  --host <addr>               address to bind (default 127.0.0.1)
  --service <url>[#alias]     a GPServer URL, optionally with an alias that prefixes its names (repeatable)
  --services-root <url>       a …/rest/services URL: every GPServer in every folder (repeatable)
  --config <file.json>        {"services": [{"url": "…", "alias": "…"}], "servicesRoots": ["…"]}
  --refresh <seconds>         re-introspect on this interval and swap the schema in
  --log-level <level>         debug | info | warn | error | silent (default info)
  GP_SERVICES                 comma-separated GPServer URLs (each may carry #alias)
Without any source the embedded GPServer is started in-process and fronted.`;

export interface GatewayCli {
  readonly port: number;
  readonly host: string;
  readonly sources: readonly ServiceSource[];
  readonly refreshSeconds?: number;
  readonly logLevel: LogLevel;
  readonly help: boolean;
}

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

function nonNegative(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got '${raw}'.`);
  return value;
}

async function configSources(path: string): Promise<ServiceSource[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read the config file ${path}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  const config = json as { services?: unknown; servicesRoots?: unknown };
  const services = Array.isArray(config.services) ? config.services : [];
  const roots = Array.isArray(config.servicesRoots) ? config.servicesRoots : [];
  return [
    ...services.map((s: unknown): ServiceSource => {
      const entry = typeof s === 'string' ? { url: s } : (s as { url?: unknown; alias?: unknown });
      if (typeof entry.url !== 'string') throw new Error(`${path}: every entry of "services" needs a "url".`);
      return { kind: 'service', url: entry.url, ...(typeof entry.alias === 'string' ? { alias: entry.alias } : {}) };
    }),
    ...roots.map((r: unknown): ServiceSource => {
      if (typeof r !== 'string') throw new Error(`${path}: "servicesRoots" holds URLs.`);
      return { kind: 'services-root', url: r };
    }),
  ];
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
      'log-level': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  const fromEnv = (env.GP_SERVICES ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  const sources: ServiceSource[] = [
    ...[...(values.service ?? []), ...fromEnv].map((url): ServiceSource => ({ kind: 'service', url })),
    ...(values['services-root'] ?? []).map((url): ServiceSource => ({ kind: 'services-root', url })),
    ...(values.config !== undefined ? await configSources(values.config) : []),
  ];
  const level = values['log-level'] ?? 'info';
  if (!LEVELS.some((l) => l === level)) throw new Error(`--log-level must be one of ${LEVELS.join(', ')}, got '${level}'.`);
  return {
    port: nonNegative('port', values.port ?? env.PORT ?? '4000'),
    host: values.host ?? '127.0.0.1',
    sources,
    ...(values.refresh !== undefined ? { refreshSeconds: nonNegative('refresh', values.refresh) } : {}),
    logLevel: level as LogLevel,
    help: values.help === true,
  };
}
