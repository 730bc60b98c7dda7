import type { ScriptedRoute } from './instruments.js';
import { describeService, describeTask, isOutput, type GpParameterJson, type ScriptedTask } from './metadata.js';
import { errors } from './respond.js';
import type { RouteOf } from './routes.js';
import { ScriptedJob, type Fault, type ProgressJson, type StepOutcome } from './script.js';
import { field, findJob, findService, findTask, type ScriptedState } from './state.js';

/** What one request is answered with, after `delayMs`. Error bodies are thrown as ScriptedRestError. */
export type Reply = { readonly body: unknown; readonly delayMs?: number } | { readonly fault: Fault; readonly delayMs?: number };

type Handler<R extends ScriptedRoute> = (state: ScriptedState, route: RouteOf<R>, params: URLSearchParams) => Reply;

function paramUrls(params: readonly GpParameterJson[], kind: 'results' | 'inputs'): Record<string, { paramUrl: string }> {
  return Object.fromEntries(params.map((p) => [p.name, { paramUrl: `${kind}/${p.name}` }]));
}

function progressJson(progress: ProgressJson): object {
  return typeof progress === 'number' ? { type: 'step', message: '', percent: progress } : progress;
}

/** The GP job resource (https://developers.arcgis.com/rest/services-reference/enterprise/gp-job.htm). */
function statusBody(job: ScriptedJob, task: ScriptedTask, params: URLSearchParams): object {
  const succeeded = job.status === 'esriJobSucceeded';
  return {
    jobId: job.id,
    jobStatus: job.status,
    ...(job.progress === undefined ? {} : { progress: progressJson(job.progress) }),
    ...(succeeded
      ? {
          results: paramUrls(task.parameters.filter(isOutput), 'results'),
          inputs: paramUrls(
            task.parameters.filter((p) => !isOutput(p)),
            'inputs',
          ),
        }
      : {}),
    messages: field(params, 'returnMessages')?.toLowerCase() === 'false' ? [] : job.messages,
  };
}

function statusReply(outcome: StepOutcome, job: ScriptedJob, task: ScriptedTask, params: URLSearchParams): Reply {
  if (outcome.kind === 'fault') return { fault: outcome.fault, delayMs: outcome.delayMs };
  const body = outcome.kind === 'vanished' ? errors.jobNotFound(job.id).toJSON() : statusBody(job, task, params);
  return { body, delayMs: outcome.delayMs };
}

function parameter(task: ScriptedTask, name: string, output: boolean): GpParameterJson | undefined {
  return task.parameters.find((p) => isOutput(p) === output && p.name.toLowerCase() === name.toLowerCase());
}

function inputValue(p: GpParameterJson, text: string): unknown {
  if (p.dataType === 'GPString') return text;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export const handlers = {
  service: (state, route) => ({ body: describeService(findService(state, route.service)) }),

  task: (state, route) => {
    const { service, task } = findTask(state, route.service, route.task);
    return { body: describeTask(service, task) };
  },

  /** https://developers.arcgis.com/rest/services-reference/enterprise/submit-gp-job.htm */
  submitJob: (state, route, params) => {
    const { service, task } = findTask(state, route.service, route.task);
    if (service.executionType !== 'esriExecutionTypeAsynchronous') throw errors.wrongOperation('submitJob', service.executionType);
    const inputs = new Map<string, string>();
    for (const p of task.parameters.filter((q) => !isOutput(q))) {
      const value = field(params, p.name);
      if (value !== undefined) inputs.set(p.name, value);
    }
    const id = `j${String(state.jobs.size + 1).padStart(4, '0')}`;
    state.jobs.set(id, new ScriptedJob(id, route.service, route.task, inputs, state.script));
    state.cancelScripts.set(id, state.cancelScript);
    return { body: { jobId: id, jobStatus: 'esriJobSubmitted' } };
  },

  execute: (state, route) => {
    const { service, task } = findTask(state, route.service, route.task);
    if (service.executionType !== 'esriExecutionTypeSynchronous') throw errors.wrongOperation('execute', service.executionType);
    const results = task.parameters
      .filter(isOutput)
      .map((p) => ({ paramName: p.name, dataType: p.dataType, value: task.values?.[p.name] ?? null }));
    return { body: { results, messages: [] }, delayMs: state.executeDelayMs };
  },

  status: (state, route, params) => {
    const { job, task } = findJob(state, route);
    return statusReply(job.play(state.mode === 'per-request'), job, task, params);
  },

  /** https://developers.arcgis.com/rest/services-reference/enterprise/cancel-gp-job.htm: the cancel script takes over. */
  cancel: (state, route, params) => {
    const { job, task } = findJob(state, route);
    if (job.isFinal) throw errors.cannotCancel(job.id, job.status);
    job.replaceScript(state.cancelScripts.get(job.id) ?? state.cancelScript);
    return statusReply(job.play(state.mode === 'per-request'), job, task, params);
  },

  /** `outSR` is not applied: it comes back verbatim in `echo.outSR` so tests see what the gateway sent. */
  result: (state, route, params) => {
    const { job, task } = findJob(state, route);
    const p = parameter(task, route.param, true);
    if (!p) throw errors.paramNotFound('result', route.param);
    if (job.status !== 'esriJobSucceeded') throw errors.resultsNotReady(job.id, job.status);
    const outSR = field(params, 'outSR');
    return {
      body: {
        paramName: p.name,
        dataType: p.dataType,
        value: task.values?.[p.name] ?? null,
        ...(outSR === undefined ? {} : { echo: { outSR } }),
      },
    };
  },

  input: (state, route) => {
    const { job, task } = findJob(state, route);
    const p = parameter(task, route.param, false);
    if (!p) throw errors.paramNotFound('input', route.param);
    const text = job.inputs.get(p.name);
    return { body: { paramName: p.name, dataType: p.dataType, value: text === undefined ? null : inputValue(p, text) } };
  },
} satisfies { [R in ScriptedRoute]: Handler<R> };
