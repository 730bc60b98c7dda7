import type { z } from 'zod';
import { ENVIRONMENT, environmentLayer, FLAG_BY_KEY, fileLayer, flagsLayer } from './config-layers.js';
import { effectiveConfigSchema, gatewayConfigSchema, type ConfigLayer, type GatewayConfig } from './config-schema.js';

export interface LoadedConfig {
  readonly config: GatewayConfig;
  readonly help: boolean;
  readonly printConfig: boolean;
}

/** A configuration that cannot start the gateway: every problem, each naming where it came from. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

/** Lists from every layer add up (sources are additive); everything else, the higher layer wins. */
const ADDITIVE = new Set(['services', 'servicesRoots']);

function isPlainObject(value: unknown): value is ConfigLayer {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(low: ConfigLayer, high: ConfigLayer, path = ''): ConfigLayer {
  const out: ConfigLayer = { ...low };
  for (const [key, value] of Object.entries(high)) {
    const below = out[key];
    if (ADDITIVE.has(path + key) && Array.isArray(below) && Array.isArray(value))
      out[key] = [...(value as unknown[]), ...(below as unknown[])];
    else if (isPlainObject(below) && isPlainObject(value)) out[key] = merge(below, value, `${path}${key}.`);
    else out[key] = value;
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys')
    return `${path === '' ? '' : `${path}: `}unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `${path === '' ? '(root)' : path}: ${issue.message}`;
}

function problemsOf(layer: ConfigLayer, where: (path: string) => string): string[] {
  const result = gatewayConfigSchema.safeParse(layer);
  return result.success ? [] : result.error.issues.map((issue) => `${where(issue.path.map(String).join('.'))} ${describeIssue(issue)}`);
}

const prefixOf = (path: string, table: Readonly<Record<string, string>>): string | undefined =>
  Object.entries(table).find(([key]) => path === key || path.startsWith(`${key}.`))?.[1];

/**
 * The effective configuration: flags over environment over config file over defaults (sources add up
 * from all three). Throws `ConfigError` listing every problem of every layer, each with its flag,
 * variable or file, the key's path and what is allowed.
 */
export async function loadGatewayConfig(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<LoadedConfig> {
  let flags: ReturnType<typeof flagsLayer>;
  try {
    flags = flagsLayer(argv);
  } catch (error) {
    throw new ConfigError([error instanceof Error ? error.message : String(error)]);
  }
  const environment = environmentLayer(env);
  const file =
    flags.configPath === undefined
      ? {}
      : await fileLayer(flags.configPath).catch((error: unknown) => {
          throw new ConfigError([error instanceof Error ? error.message : String(error)]);
        });
  const variableOf = Object.fromEntries(Object.entries(ENVIRONMENT).map(([name, key]) => [key, name]));
  const problems = [
    ...problemsOf(file, () => `config file ${flags.configPath ?? ''}:`),
    ...problemsOf(environment, (path) => `environment ${prefixOf(path, variableOf) ?? ''}:`),
    ...problemsOf(flags.layer, (path) => `flag ${prefixOf(path, FLAG_BY_KEY) ?? ''}:`),
  ];
  if (problems.length > 0) throw new ConfigError(problems);
  const merged = effectiveConfigSchema.safeParse(merge(merge(file, environment), flags.layer));
  if (!merged.success) throw new ConfigError(merged.error.issues.map((issue) => `configuration: ${describeIssue(issue)}`));
  return { config: merged.data, help: flags.help, printConfig: flags.printConfig };
}
