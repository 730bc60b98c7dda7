import type { TokenApp, TokenUser } from './auth/token-service.js';
import type { ServiceDefinition } from './model/service.js';
import type { UploadPolicy } from './uploads/upload-store.js';

export interface GpServerOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number;
  readonly host?: string;
  /** GeoTIFF elevation model; the synthetic world terrain when absent. */
  readonly demPath?: string;
  /** Asynchronous jobs executing at once; later jobs wait (esriJobWaiting). Default 2. */
  readonly maxConcurrentJobs?: number;
  /** Longest run of one tool before esriJobTimedOut (or an execute error). Default 10 minutes. */
  readonly maxRunTimeMs?: number;
  /** How long a finished job (and its files), or the files of a synchronous run, stay reachable. Default 1 hour. */
  readonly jobRetentionMs?: number;
  /** `uploads/`: largest file (default 100 MiB), allowed extensions (default DEFAULT_UPLOAD_TYPES), retention (default 1 hour). */
  readonly uploads?: Partial<UploadPolicy>;
  /** How long a new job reports esriJobSubmitted before it is queued. Default 0. */
  readonly submittedDelayMs?: number;
  /** How long a cancelled tool may take to stop before its thread is terminated. Default 2 s. */
  readonly cancelGraceMs?: number;
  /** Worker threads (synchronous executes and jobs together). Default maxConcurrentJobs + 2. */
  readonly maxWorkers?: number;
  /** Threads started before the first request. Default 1. */
  readonly warmWorkers?: number;
  /** Largest accepted request body. Default 10 MiB. */
  readonly bodyLimitBytes?: number;
  /** Token-based security; off when absent. */
  readonly security?: {
    readonly users: readonly TokenUser[];
    /** Registered applications: the portal endpoints (`/arcgis/sharing/rest/…`) issue them tokens. */
    readonly apps?: readonly TokenApp[];
    /**
     * Whether the services take a portal (app) token as it is, as ArcGIS Online's do; false plays a
     * server federated with an Enterprise portal, which takes only tokens exchanged for it. Default true.
     */
    readonly portalTokensAccepted?: boolean;
    readonly tokenLifetimeMs?: number;
    readonly maxTokenLifetimeMs?: number;
  };
  /** The published services; the embedded set when absent. */
  readonly services?: readonly ServiceDefinition[];
  /** Clock for token expiry and job timestamps. */
  readonly now?: () => number;
}
