import type { Instruments } from './instruments.js';
import type { ScriptedService, ScriptedTask } from './metadata.js';
import { errors } from './respond.js';
import type { ScriptedJob, ScriptStep } from './script.js';

/** `per-request`: each status request plays the next step. `manual`: the job stays on its step until `advance`. */
export type AdvanceMode = 'per-request' | 'manual';

/** Everything the routes read and tests change at run time. */
export interface ScriptedState {
  readonly services: Map<string, ScriptedService>;
  readonly jobs: Map<string, ScriptedJob>;
  readonly cancelScripts: Map<string, readonly ScriptStep[]>;
  script: readonly ScriptStep[];
  cancelScript: readonly ScriptStep[];
  readonly mode: AdvanceMode;
  executeDelayMs: number;
  readonly instruments: Instruments;
}

export function findTask(state: ScriptedState, serviceName: string, taskName: string): { service: ScriptedService; task: ScriptedTask } {
  const service = findService(state, serviceName);
  const task = service.tasks.find((t) => t.name === taskName);
  if (!task) throw errors.taskNotFound(serviceName, taskName);
  return { service, task };
}

export function findService(state: ScriptedState, name: string): ScriptedService {
  const service = state.services.get(name);
  if (!service) throw errors.serviceNotFound(name);
  return service;
}

/** A job is reachable only under the task that ran it, and not at all once it vanished. */
export function findJob(
  state: ScriptedState,
  route: { service: string; task: string; jobId: string },
): { job: ScriptedJob; task: ScriptedTask } {
  const { task } = findTask(state, route.service, route.task);
  const job = state.jobs.get(route.jobId);
  if (!job || job.vanished || job.service !== route.service || job.task !== route.task) throw errors.jobNotFound(route.jobId);
  return { job, task };
}

/** Operation and task parameter names match case-insensitively, as in ArcGIS Server. */
export function field(params: URLSearchParams, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const [key, value] of params) if (key.toLowerCase() === lower) return value;
  return undefined;
}
