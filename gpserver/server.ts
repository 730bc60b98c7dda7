import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TokenService } from './auth/token-service.js';
import { FaultInjector } from './faults/fault-injector.js';
import type { ServerParts } from './handlers/handler-context.js';
import { RequestCounter } from './http/request-counter.js';
import { JobManager } from './jobs/job-manager.js';
import { RunTimedOut } from './jobs/run-abort.js';
import { createRequestHandler } from './request-handler.js';
import type { GpServerOptions } from './server-options.js';
import { EMBEDDED_SERVICES } from './services/embedded-services.js';
import { ServiceRegistry } from './services/service-registry.js';
import { loadGeoTiffTerrain } from './terrain/geotiff-terrain.js';
import { createSyntheticTerrain } from './terrain/synthetic-terrain.js';
import type { Terrain } from './terrain/terrain.js';
import { createTileRoutes } from './tiles/tile-routes.js';
import { WorkerPool } from './worker/worker-pool.js';
import { ServerDirectories } from './files/server-directories.js';
import { DEFAULT_UPLOAD_TYPES, UploadStore } from './uploads/upload-store.js';

export interface GpServer {
  /** e.g. `http://127.0.0.1:6080` */
  readonly origin: string;
  /** The services directory, e.g. `http://127.0.0.1:6080/arcgis/rest/services`. */
  readonly servicesUrl: string;
  readonly port: number;
  /** Test-only fault rules; empty unless a test adds some. */
  readonly faults: FaultInjector;
  /** Requests served, by route and by job. */
  readonly requests: RequestCounter;
  /** The folder behind `rest/directories` (jobs, outputs, uploads), removed on close. */
  readonly directoriesRoot: string;
  close(): Promise<void>;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts the embedded GPServer: the ArcGIS Server GP REST API under `/arcgis/rest/services`. */
export async function createGpServer(options: GpServerOptions = {}): Promise<GpServer> {
  const now = options.now ?? Date.now;
  const maxConcurrentJobs = options.maxConcurrentJobs ?? 2;
  const maxRunTimeMs = options.maxRunTimeMs ?? 600_000;
  const cancelGraceMs = options.cancelGraceMs ?? 2_000;
  const pool = new WorkerPool({
    settings: {
      // The same extension as this module: .ts from the sources (through tsx), .js when compiled.
      entry: new URL(`./worker/tool-worker${extname(fileURLToPath(import.meta.url))}`, import.meta.url).href,
      ...(options.demPath ? { demPath: options.demPath } : {}),
    },
    maxWorkers: options.maxWorkers ?? maxConcurrentJobs + 2,
    graceMs: (reason) => (reason instanceof RunTimedOut ? 0 : cancelGraceMs),
  });
  pool.warm(options.warmWorkers ?? 1);
  const security = options.security;
  const requests = new RequestCounter();
  const faults = new FaultInjector();
  const jobRetentionMs = options.jobRetentionMs ?? 60 * 60_000;
  const directories = new ServerDirectories();
  const uploadPolicy = {
    maxBytes: options.uploads?.maxBytes ?? 100 * 1024 * 1024,
    allowedTypes: options.uploads?.allowedTypes ?? DEFAULT_UPLOAD_TYPES,
    retentionMs: options.uploads?.retentionMs ?? 60 * 60_000,
  };
  const parts: ServerParts = {
    directories,
    uploads: new UploadStore(directories.uploadsPath(), uploadPolicy, now),
    outputRetentionMs: jobRetentionMs,
    registry: new ServiceRegistry(options.services ?? EMBEDDED_SERVICES),
    pool,
    maxRunTimeMs,
    tokens: security
      ? new TokenService(
          {
            users: security.users,
            ...(security.apps ? { apps: security.apps } : {}),
            ...(security.portalTokensAccepted === undefined ? {} : { portalTokensAccepted: security.portalTokensAccepted }),
            defaultLifetimeMs: security.tokenLifetimeMs ?? 60 * 60_000,
            maxLifetimeMs: security.maxTokenLifetimeMs ?? 24 * 60 * 60_000,
          },
          now,
        )
      : undefined,
    jobs: new JobManager({
      maxConcurrentJobs,
      maxRunTimeMs,
      jobRetentionMs,
      onForget: (job) => {
        requests.forgetJob(job.id);
        faults.forgetJob(job.id);
        void directories.remove(job.directory);
      },
      submittedDelayMs: options.submittedDelayMs ?? 0,
      runner: pool,
      now,
    }),
  };
  const gp = createRequestHandler({ parts, faults, counter: requests, bodyLimitBytes: options.bodyLimitBytes ?? 10 * 1024 * 1024 });
  // Tools read the terrain in their worker threads; the hillshade tiles read their own copy here.
  let terrain: Promise<Terrain> | undefined;
  const tiles = createTileRoutes({
    terrain: () => (terrain ??= options.demPath ? loadGeoTiffTerrain(options.demPath) : Promise.resolve(createSyntheticTerrain())),
  });
  // Timeouts on purpose: slow senders are cut (408), and idle keep-alive sockets outlive the gateway's
  // client pool (undici closes its idle sockets after 4 s), so a pooled socket is never closed under a request.
  const server = createServer(
    { headersTimeout: 20_000, requestTimeout: 300_000, keepAliveTimeout: 65_000, connectionsCheckingInterval: 1_000 },
    (req, res) => {
      if (!tiles(req, res)) gp(req, res);
    },
  );
  const address = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${host}:${address.port}`;
  return {
    origin,
    servicesUrl: `${origin}/arcgis/rest/services`,
    port: address.port,
    faults,
    requests,
    directoriesRoot: directories.root,
    close: async () => {
      parts.jobs.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await pool.close();
      parts.uploads.close();
      directories.close();
    },
  };
}
