/**
 * The `workflow` part of a stored job state, checked as it is read back from Redis (another instance
 * or another version of the gateway may have written it). A step that does not read as one makes
 * the whole detail unreadable: a workflow with a step missing must not run on as if it had none.
 */
import type { JobFault, JobMessage, JobProgress } from '../../core/jobs/job-state.js';
import { JOB_STATUSES } from '../../core/jobs/job-status.js';
import type {
  HandOverKind,
  HandOverMode,
  StepBinding,
  StepStatus,
  WorkflowDetail,
  WorkflowStep,
} from '../../core/workflows/workflow-state.js';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const STEP_STATUSES: readonly StepStatus[] = [...JOB_STATUSES, 'PENDING', 'SKIPPED'];
const KINDS: readonly HandOverKind[] = ['FEATURES', 'FILE', 'VALUE'];
const MODES: readonly HandOverMode[] = ['REFERENCE', 'VALUE'];

function bindingOf(value: unknown): StepBinding | undefined {
  if (!isObject(value) || !isString(value.input) || !isString(value.fromStep) || !isString(value.output)) return undefined;
  const kind = KINDS.find((k) => k === value.kind);
  const mode = MODES.find((m) => m === value.mode);
  if (!kind || !mode) return undefined;
  const binding: StepBinding = { input: value.input, fromStep: value.fromStep, output: value.output, kind, mode };
  return typeof value.outSR === 'number' ? { ...binding, outSR: value.outSR } : binding;
}

export interface StateParts {
  readonly progressOf: (value: unknown) => JobProgress | undefined;
  readonly messagesOf: (value: unknown) => JobMessage[];
  readonly resultsOf: (value: unknown) => Record<string, string> | undefined;
  readonly faultOf: (value: unknown) => JobFault | undefined;
}

function stepOf(value: unknown, parts: StateParts): WorkflowStep | undefined {
  if (!isObject(value) || !isString(value.id) || !isString(value.serviceUrl) || !isString(value.serviceLabel) || !isString(value.task))
    return undefined;
  const status = STEP_STATUSES.find((s) => s === value.status);
  const execution = value.execution === 'synchronous' || value.execution === 'asynchronous' ? value.execution : undefined;
  if (!status || !execution || !isObject(value.params) || !Array.isArray(value.bindings)) return undefined;
  const bindings = value.bindings.map(bindingOf);
  if (bindings.some((b) => b === undefined)) return undefined;
  const progress = parts.progressOf(value.progress);
  const results = parts.resultsOf(value.results);
  const error = parts.faultOf(value.error);
  return {
    id: value.id,
    serviceUrl: value.serviceUrl,
    serviceLabel: value.serviceLabel,
    task: value.task,
    execution,
    params: value.params,
    bindings: bindings as StepBinding[],
    status,
    messages: parts.messagesOf(value.messages),
    ...(isString(value.jobId) ? { jobId: value.jobId } : {}),
    ...(progress ? { progress } : {}),
    ...(results ? { results } : {}),
    ...(isObject(value.values) ? { values: value.values } : {}),
    ...(error ? { error } : {}),
    ...(typeof value.startedAt === 'number' ? { startedAt: value.startedAt } : {}),
    ...(typeof value.endedAt === 'number' ? { endedAt: value.endedAt } : {}),
  };
}

/** The workflow detail in `value`, or undefined when it is not one. */
export function workflowOf(value: unknown, parts: StateParts): WorkflowDetail | undefined {
  if (!isObject(value) || !Array.isArray(value.steps)) return undefined;
  const steps = value.steps.map((step) => stepOf(step, parts));
  if (steps.some((s) => s === undefined)) return undefined;
  return {
    steps: steps as WorkflowStep[],
    ...(value.cancelRequested === true ? { cancelRequested: true } : {}),
    ...(isString(value.failedStep) ? { failedStep: value.failedStep } : {}),
  };
}
