import { optionsToParams, type GpOptionsShape } from './convert/gp-options.js';
import type { ExecuteResult, ExecuteTask } from './execute-result.js';
import type { JobAccess } from '../core/jobs/job-operations.js';
import { withStagedUploads, type UploadItems } from './staged-uploads.js';

/** One input parameter as the resolver sees it: its GP name, its GraphQL field and its conversion. */
export interface InputBinding {
  readonly name: string;
  readonly field: string;
  readonly toGp: (value: unknown, parameter: string) => unknown;
}

/** The service a run goes to: its GPServer URL and `currentVersion` (which decides how options are sent). */
export interface TargetService {
  readonly url: string;
  readonly currentVersion?: number;
}

export interface RunSyncTaskArgs {
  readonly input?: Readonly<Record<string, unknown>> | null;
  readonly options?: GpOptionsShape | null;
}

/**
 * GraphQL input → REST parameters. Omitted fields are not sent, so the server applies its own
 * defaults; every conversion (and so every input error) happens before the upstream call.
 */
export function toRestParams(bindings: readonly InputBinding[], args: RunSyncTaskArgs, serverVersion?: number): Record<string, unknown> {
  const params: Record<string, unknown> = { ...optionsToParams(args.options, serverVersion) };
  for (const binding of bindings) {
    const value = args.input?.[binding.field];
    if (value == null) continue;
    params[binding.name] = binding.toGp(value, binding.name);
  }
  return params;
}

/**
 * REST parameters for a run whose input may hold files: every input is checked first (nothing is
 * uploaded for an input that fails), then the files go to the service's `uploads/` and the run gets
 * their item ids (see staged-uploads.ts).
 */
export function runWithUploads<T>(
  uploads: UploadItems,
  service: TargetService,
  bindings: readonly InputBinding[],
  args: RunSyncTaskArgs,
  access: JobAccess,
  run: (params: Record<string, unknown>, staged: boolean) => Promise<T>,
): Promise<T> {
  toRestParams(bindings, args, service.currentVersion);
  return withStagedUploads(uploads, service.url, args.input, access, (input, staged) =>
    run(toRestParams(bindings, { ...args, input: input as RunSyncTaskArgs['input'] }, service.currentVersion), staged),
  );
}

/** `run<Task>` of a synchronous task: one `execute` request (after the uploads of its files). */
export function createRunSyncTask(
  service: TargetService,
  taskName: string,
  bindings: readonly InputBinding[],
  execute: ExecuteTask,
  uploads: UploadItems,
) {
  return (args: RunSyncTaskArgs, access: JobAccess): Promise<ExecuteResult> =>
    runWithUploads(uploads, service, bindings, args, access, (params, staged) =>
      execute({ serviceUrl: service.url, taskName, params, ...access, staged }),
    );
}
