import type { GpOptionsShape } from '../schema/types/options.js';
import { optionsToParams } from '../schema/types/options.js';
import type { ExecuteResult, ExecuteTask } from './execute-result.js';
import type { JobAccess } from './job-operations.js';

/** One input parameter as the resolver sees it: its GP name, its GraphQL field and its conversion. */
export interface InputBinding {
  readonly name: string;
  readonly field: string;
  readonly toGp: (value: unknown, parameter: string) => unknown;
}

export interface RunSyncTaskArgs {
  readonly input?: Readonly<Record<string, unknown>> | null;
  readonly options?: GpOptionsShape | null;
}

/**
 * GraphQL input → REST parameters. Omitted fields are not sent, so the server applies its own
 * defaults; every conversion (and so every input error) happens before the upstream call.
 */
export function toRestParams(bindings: readonly InputBinding[], args: RunSyncTaskArgs): Record<string, unknown> {
  const params: Record<string, unknown> = { ...optionsToParams(args.options) };
  for (const binding of bindings) {
    const value = args.input?.[binding.field];
    if (value == null) continue;
    params[binding.name] = binding.toGp(value, binding.name);
  }
  return params;
}

/** `run<Task>` of a synchronous task: one `execute` request. */
export function createRunSyncTask(serviceUrl: string, taskName: string, bindings: readonly InputBinding[], execute: ExecuteTask) {
  return (args: RunSyncTaskArgs, access: JobAccess): Promise<ExecuteResult> =>
    execute({ serviceUrl, taskName, params: toRestParams(bindings, args), ...access });
}
