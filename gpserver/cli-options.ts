import { parseArgs } from 'node:util';
import type { GpServerOptions } from './server-options.js';

export const USAGE = `Usage: npm run gpserver -- [options]
  --port <n>                 port to listen on (default 6080, or PORT)
  --host <addr>              address to bind (default 127.0.0.1)
  --dem <file.tif>           GeoTIFF elevation model (default: the synthetic world terrain)
  --max-concurrent-jobs <n>  jobs executing at once; the rest wait (default 2)
  --max-run-time <s>         longest tool run before esriJobTimedOut (default 600)
  --job-retention <s>        how long finished jobs stay reachable (default 3600)
  --token-user <user:pass>   enable token security with this user (repeatable)
  --token-lifetime <min>     default token lifetime in minutes (default 60)
  --max-upload-mb <n>        largest file uploads/upload takes (default 100)
  --upload-retention <s>     how long uploaded items stay (default 3600)
  --help                     show this text`;

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a non-negative number, got '${raw}'.`);
  return value;
}

export type CliResult = { readonly help: true } | { readonly help: false; readonly options: GpServerOptions };

export function parseCli(argv: readonly string[], env: NodeJS.ProcessEnv): CliResult {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      dem: { type: 'string' },
      'max-concurrent-jobs': { type: 'string' },
      'max-run-time': { type: 'string' },
      'job-retention': { type: 'string' },
      'token-user': { type: 'string', multiple: true },
      'token-lifetime': { type: 'string' },
      'max-upload-mb': { type: 'string' },
      'upload-retention': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help === true) return { help: true };
  const users = (values['token-user'] ?? []).map((pair) => {
    const colon = pair.indexOf(':');
    if (colon <= 0) throw new Error(`--token-user must be user:password, got '${pair}'.`);
    return { username: pair.slice(0, colon), password: pair.slice(colon + 1) };
  });
  const seconds = (name: string, raw: string | undefined): number | undefined => {
    const value = positive(name, raw);
    return value === undefined ? undefined : value * 1000;
  };
  const megabytes = (name: string, raw: string | undefined): number | undefined => {
    const value = positive(name, raw);
    return value === undefined ? undefined : value * 1024 * 1024;
  };
  const lifetime = positive('token-lifetime', values['token-lifetime']);
  const options: GpServerOptions = {
    port: positive('port', values.port ?? env.PORT) ?? 6080,
    host: values.host ?? '127.0.0.1',
    demPath: values.dem,
    maxConcurrentJobs: positive('max-concurrent-jobs', values['max-concurrent-jobs']),
    maxRunTimeMs: seconds('max-run-time', values['max-run-time']),
    jobRetentionMs: seconds('job-retention', values['job-retention']),
    uploads: {
      maxBytes: megabytes('max-upload-mb', values['max-upload-mb']),
      retentionMs: seconds('upload-retention', values['upload-retention']),
    },
    security: users.length > 0 ? { users, tokenLifetimeMs: lifetime === undefined ? undefined : lifetime * 60_000 } : undefined,
  };
  return { help: false, options };
}
