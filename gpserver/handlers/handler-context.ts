import type { GpRequest } from '../http/read-request.js';
import type { Route } from '../http/route.js';
import { restErrors } from '../http/rest-error.js';
import type { JobManager } from '../jobs/job-manager.js';
import type { ServiceDefinition, TaskDefinition } from '../model/service.js';
import type { TokenService } from '../auth/token-service.js';
import type { ServerDirectories } from '../files/server-directories.js';
import type { UploadStore } from '../uploads/upload-store.js';
import type { ServiceRegistry } from '../services/service-registry.js';
import type { WorkerPool } from '../worker/worker-pool.js';

/** What every handler may use: built once per server. */
export interface ServerParts {
  readonly registry: ServiceRegistry;
  readonly jobs: JobManager;
  readonly pool: WorkerPool;
  readonly tokens: TokenService | undefined;
  readonly maxRunTimeMs: number;
  readonly directories: ServerDirectories;
  readonly uploads: UploadStore;
  /** How long the files of a synchronous run stay (a job's stay as long as the job). */
  readonly outputRetentionMs: number;
}

/** One request, routed and authenticated. */
export interface HandlerRequest<R extends Route = Route> {
  readonly http: GpRequest;
  readonly route: R;
  /** The token's user when token security is on. */
  readonly username: string | undefined;
  /** Aborted when the client goes away. */
  readonly signal: AbortSignal;
}

/** A handler's answer that is a file on disk rather than a JSON document. */
export class FileBody {
  /** `undefined`: there is no such file (HTTP 404, as a web server answers for a file). */
  constructor(readonly path: string | undefined) {}
}

/** A handler's answer that is an image drawn for the request (a map export). */
export class ImageBody {
  constructor(
    readonly contentType: string,
    readonly bytes: Buffer,
  ) {}
}

export type Handler<R extends Route = Route> = (parts: ServerParts, request: HandlerRequest<R>) => Promise<object> | object;

export function findService(parts: ServerParts, name: string): ServiceDefinition {
  const service = parts.registry.service(name);
  if (!service) throw restErrors.serviceNotFound(name);
  return service;
}

export function findTask(parts: ServerParts, serviceName: string, taskName: string): { service: ServiceDefinition; task: TaskDefinition } {
  const service = findService(parts, serviceName);
  const task = parts.registry.task(service, taskName);
  if (!task) throw restErrors.taskNotFound(serviceName, taskName);
  return { service, task };
}
