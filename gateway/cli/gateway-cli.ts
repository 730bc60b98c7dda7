import type { ServiceSource } from '../arcgis/catalog-loader.js';
import type { ServerCredentialEntry } from '../auth/server-tokens.js';
import type { GatewayConfig } from '../config/config-schema.js';
import { loadGatewayConfig } from '../config/load-config.js';
import type { GraphqlLimits } from '../graphql/limits.js';
import type { CorsPolicy } from '../http/cors.js';
import type { ServerTimeouts } from '../http/http-server.js';
import type { LogLevel } from '../log/logger.js';
import type { RunCacheSettings } from '../run-cache/run-cache.js';

export const USAGE = `Usage: npm start -- [options]        (npm run --silent sdl -- [source options] prints the SDL)
  --config <file.json>        every option below as JSON (README, "Configuration"); flags > environment > file > defaults
  --port <n>                  port (default 4000, or PORT)
  --host <addr>               address to bind (default 127.0.0.1)
  --service <url>[#alias]     a GPServer URL, optionally with an alias that prefixes its names (repeatable; or GP_SERVICES)
  --services-root <url>       a …/rest/services URL: every GPServer in every folder (repeatable)
  --refresh <seconds>         re-introspect on this interval and swap the schema in
  --redis <url>               scale-out: job state, change notices, leases and idempotency keys in Redis (or REDIS_URL)
  --poll <min>[,<max>]        job polling interval floor and ceiling in ms (default 1000,5000)
  --lease <ms>                job lease period in scale-out mode (default 10000)
  --cors-origin <origin>      a browser origin allowed to call the gateway, or * (repeatable; or GP_CORS_ORIGINS)
  --cors-credentials          let the listed origins send cookies and HTTP auth
  --run-deadline <s>          how long run<Task> waits for an asynchronous job (default 60)
  --job-deadline <s>          deadline of jobs submitted without deadlineSeconds (default none)
  --max-job-deadline <s>      the longest deadlineSeconds a caller may ask (default none)
  --drain-timeout <s>         on SIGTERM, how long running operations may finish before the stop (default 30)
  --drain-delay <s>           on SIGTERM, how long to keep serving once /readyz says 503 (default 0; the balancer's probe period)
  --result-cache-mb <n>       finished jobs' results kept in memory (default 64)
  --cache-task <service/task> a synchronous task whose runs are reused for identical inputs (repeatable; README, "Cached runs")
  --cache-ttl <s>             how long a cached run is reused (default 300)
  --max-upload-mb <n>         largest file of a multipart request (default 100)
  --upload-dir <dir>          where uploaded files wait while their request runs (default a new temporary folder)
  --files-secret <text>       signs /files/<id> links; the same on every instance (or GP_FILES_SECRET; default drawn per process)
  --hide-upstream-urls        keep upstream hosts private: no GPServer URL in services, files, errors or job faults
  --headers-timeout <s>       time to receive a request's headers (default 20, at most the request timeout)
  --request-timeout <s>       time to receive a whole request, uploads included (default 120)
  --keep-alive-timeout <s>    idle keep-alive connections close after this (default 65)
  --trusted-documents <file> the persisted-documents.json of a client build (codegen); trustedDocuments.only in --config runs nothing else
  --otel-endpoint <url>       export traces over OTLP/HTTP to this collector (or OTEL_EXPORTER_OTLP_ENDPOINT; default off)
  --webhook-secret <whsec_…>  signs job webhooks (Standard Webhooks); without it, submits with a subscriber are refused (or GP_WEBHOOK_SECRET)
  --webhook-origin <origin>   an origin that may receive webhooks although its host is not public (repeatable)
  --workflow-reference-origin <origin>  servers read job results of this origin themselves: workflow hand-overs from it go by reference (repeatable)
  --log-level <level>         debug | info | warn | error | silent (default info, or GP_LOG_LEVEL)
  --log-format <format>       auto (pretty on a terminal, JSON otherwise) | pretty | json
  --print-config              print the effective configuration, secrets redacted, and exit
Without any source the embedded GPServer is started in-process and fronted.`;

export interface GatewayCli {
  readonly port: number;
  readonly host: string;
  readonly sources: readonly ServiceSource[];
  readonly refreshSeconds?: number;
  readonly logLevel: LogLevel;
  readonly logFormat: GatewayConfig['logFormat'];
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
  readonly cors: CorsPolicy;
  readonly runDeadlineMs?: number;
  readonly deadlines: GatewayConfig['deadlines'];
  readonly drainTimeoutMs: number;
  readonly drainDelayMs: number;
  readonly resultCacheBytes?: number;
  /** Absent when no task is marked. */
  readonly runCache?: RunCacheSettings;
  readonly limits: Partial<GraphqlLimits>;
  readonly access: GatewayConfig['access'];
  readonly otelEndpoint?: string;
  readonly trustedDocuments: (NonNullable<GatewayConfig['trustedDocuments']> & { readonly file: string }) | undefined;
  readonly plugins: GatewayConfig['plugins'];
  readonly webhooks: GatewayConfig['webhooks'];
  readonly workflows: GatewayConfig['workflows'];
  /** The validated configuration this was made from (`--print-config` shows it). */
  readonly config: GatewayConfig;
  readonly help: boolean;
  readonly printConfig: boolean;
}

const MB = 1024 * 1024;
const times = (value: number | undefined, factor: number): number | undefined => (value === undefined ? undefined : value * factor);

/** The gateway's settings from a validated configuration, in the units its options take. */
export function cliFromConfig(config: GatewayConfig, flags: { help: boolean; printConfig: boolean }): GatewayCli {
  const services = config.services.map((entry) => (typeof entry === 'string' ? { url: entry } : entry));
  const roots = config.servicesRoots.map((entry) => (typeof entry === 'string' ? { url: entry } : entry));
  return {
    port: config.port,
    host: config.host,
    sources: [
      ...services.map((s): ServiceSource => ({ kind: 'service', url: s.url, alias: 'alias' in s ? s.alias : undefined })),
      ...roots.map((r): ServiceSource => ({ kind: 'services-root', url: r.url })),
    ],
    refreshSeconds: config.refreshSeconds,
    logLevel: config.logLevel,
    logFormat: config.logFormat,
    redisUrl: config.redisUrl,
    pollFloorMs: config.poll?.floorMs,
    pollCeilingMs: config.poll?.ceilingMs,
    leaseMs: config.leaseMs,
    serverCredentials: [...services, ...roots].flatMap((e) => (e.credential ? [{ url: e.url, credential: e.credential }] : [])),
    maxUploadBytes: times(config.uploads.maxMb, MB),
    uploadDir: config.uploads.dir,
    filesSecret: config.filesSecret,
    exposeUpstreamUrls: !config.hideUpstreamUrls,
    timeouts: {
      headersMs: times(config.timeouts.headersSeconds, 1000),
      requestMs: times(config.timeouts.requestSeconds, 1000),
      keepAliveMs: times(config.timeouts.keepAliveSeconds, 1000),
    },
    cors: config.cors,
    runDeadlineMs: times(config.runDeadlineSeconds, 1000),
    deadlines: config.deadlines,
    drainTimeoutMs: config.drainTimeoutSeconds * 1000,
    drainDelayMs: config.drainDelaySeconds * 1000,
    resultCacheBytes: times(config.resultCacheMb, MB),
    runCache: config.runCache && config.runCache.tasks.length > 0 ? config.runCache : undefined,
    limits: config.limits,
    access: config.access,
    otelEndpoint: config.otelEndpoint,
    // The merged model requires the file whenever trustedDocuments is set (effectiveConfigSchema).
    trustedDocuments:
      config.trustedDocuments?.file === undefined ? undefined : { ...config.trustedDocuments, file: config.trustedDocuments.file },
    plugins: config.plugins,
    webhooks: config.webhooks,
    workflows: config.workflows,
    config,
    help: flags.help,
    printConfig: flags.printConfig,
  };
}

/** Flags over environment over config file over defaults, validated as one model (gateway/config/). */
export async function parseGatewayCli(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<GatewayCli> {
  const loaded = await loadGatewayConfig(argv, env);
  return cliFromConfig(loaded.config, loaded);
}
