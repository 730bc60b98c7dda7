/**
 * Pure functions from one workflow state to the next: which steps may start, a step's record after
 * its job moved, and the workflow's own status, progress and messages, derived from its steps.
 */
import type { JobFault, JobMessage, JobState } from '../../core/jobs/job-state.js';
import { isFinal, type JobStatus } from '../../core/jobs/job-status.js';
import type { StepStatus, WorkflowState, WorkflowStep } from '../../core/workflows/workflow-state.js';

const stepDone = (step: WorkflowStep): boolean => step.status === 'SUCCEEDED';

/** A step that ended without succeeding: it stops the chain. */
export function stepFailed(step: WorkflowStep): boolean {
  return step.status !== 'SKIPPED' && step.status !== 'PENDING' && isFinal(step.status) && step.status !== 'SUCCEEDED';
}

/** Started and not ended. */
export function stepRunning(step: WorkflowStep): boolean {
  return step.status !== 'PENDING' && step.status !== 'SKIPPED' && !isFinal(step.status);
}

/**
 * Steps to start now: pending with every source succeeded, and steps a previous driver began but did
 * not finish starting (an asynchronous step without its job yet, a synchronous step still running):
 * their start is repeated, and an asynchronous submit is made once by its idempotency key.
 */
export function stepsToStart(state: WorkflowState): WorkflowStep[] {
  const byId = new Map(state.workflow.steps.map((step) => [step.id, step]));
  return state.workflow.steps.filter((step) => {
    if (step.status === 'PENDING') return step.bindings.every((b) => byId.get(b.fromStep)?.status === 'SUCCEEDED');
    if (!stepRunning(step)) return false;
    return step.execution === 'synchronous' || step.jobId === undefined;
  });
}

export function withStep(state: WorkflowState, id: string, change: (step: WorkflowStep) => WorkflowStep): WorkflowState {
  return { ...state, workflow: { ...state.workflow, steps: state.workflow.steps.map((step) => (step.id === id ? change(step) : step)) } };
}

/**
 * Faults the gateway cannot get past by polling on: the credential the step's job is polled with no
 * longer reads it (expired, refused). A plain job waits for a watcher with a better token; a workflow
 * has none to wait for, so the step fails and says why instead of running on forever.
 */
const CREDENTIAL_FAULTS: ReadonlySet<string> = new Set(['TOKEN_EXPIRED', 'AUTH_REQUIRED', 'AUTH_INVALID', 'FORBIDDEN']);

/** A step's record from its job's latest state. */
export function stepFromJob(step: WorkflowStep, job: JobState, now: number): WorkflowStep {
  const stuck = (job.final && job.fault?.code === 'JOB_NOT_FOUND') || (job.fault !== undefined && CREDENTIAL_FAULTS.has(job.fault.code));
  const status: StepStatus = stuck ? 'FAILED' : job.status;
  const error: JobFault | undefined =
    job.fault ?? (job.final && job.status !== 'SUCCEEDED' ? lastError(job.messages, job.status) : undefined);
  // A fault that cleared (the server answers again) leaves the record.
  const { error: _previous, ...rest } = step;
  return {
    ...rest,
    status,
    messages: job.messages,
    ...(job.progress ? { progress: job.progress } : {}),
    ...(job.results ? { results: job.results } : {}),
    ...(error ? { error } : {}),
    ...((job.final || stuck) && step.endedAt === undefined ? { endedAt: now } : {}),
  };
}

/** The last error message of a job that ended otherwise than SUCCEEDED, as the reason it stopped. */
function lastError(messages: readonly JobMessage[], status: JobStatus): JobFault {
  const error = [...messages].reverse().find((m) => /error/i.test(m.type));
  return { code: 'UPSTREAM_ERROR', message: error?.description ?? `The job ended ${status}.` };
}

/** Whether two records of a step differ in what a client sees. */
export function sameStep(a: WorkflowStep, b: WorkflowStep): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const label = (step: WorkflowStep): string => `'${step.id}' (${step.task})`;

/** The workflow's status, progress and messages from its steps; `final` statuses are set by `ended`. */
export function summarised(state: WorkflowState): WorkflowState {
  const steps = state.workflow.steps;
  const done = steps.filter(stepDone).length;
  const running = steps.filter(stepRunning);
  const status: JobStatus = state.workflow.cancelRequested ? 'CANCELLING' : running.length > 0 || done > 0 ? 'EXECUTING' : 'SUBMITTED';
  const message =
    running.length > 0
      ? `Running ${running.map(label).join(', ')}; ${done} of ${steps.length} steps done.`
      : `${done} of ${steps.length} steps done.`;
  return {
    ...state,
    status,
    upstreamStatus: status,
    progress: { type: 'workflow', message, percent: Math.round((done / Math.max(1, steps.length)) * 100) },
  };
}

/** Adds a workflow-level message (a step started, ended, the chain stopped). */
export function withMessage(state: WorkflowState, type: string, description: string): WorkflowState {
  return { ...state, messages: [...state.messages, { type, description }] };
}

/** The workflow's messages for a step whose status changed from `before` to its current one (a failure is told once, by the closing message). */
export function transitionMessages(before: WorkflowStep, after: WorkflowStep): { type: string; description: string }[] {
  if (before.status === after.status || after.status !== 'SUCCEEDED') return [];
  return [{ type: 'esriJobMessageTypeInformative', description: `Step ${label(after)} succeeded.` }];
}

/**
 * The final state: `status` for the workflow, running steps as their cancel left them (`stopped`),
 * pending ones SKIPPED, and a closing message.
 */
export function ended(
  state: WorkflowState,
  status: 'SUCCEEDED' | 'FAILED' | 'CANCELLED' | 'TIMED_OUT',
  message: string,
  stopped: ReadonlyMap<string, WorkflowStep> = new Map(),
  failedStep?: string,
): WorkflowState {
  const steps = state.workflow.steps.map((step): WorkflowStep => {
    const after = stopped.get(step.id);
    if (after) return after;
    return step.status === 'PENDING' ? { ...step, status: 'SKIPPED' } : step;
  });
  const summary = summarised({ ...state, workflow: { ...state.workflow, steps, cancelRequested: false } });
  return {
    ...withMessage(summary, status === 'SUCCEEDED' ? 'esriJobMessageTypeInformative' : 'esriJobMessageTypeError', message),
    status,
    upstreamStatus: status,
    final: true,
    workflow: { ...summary.workflow, ...(failedStep === undefined ? {} : { failedStep }), cancelRequested: state.workflow.cancelRequested },
  };
}

export function stepLabel(step: WorkflowStep): string {
  return label(step);
}
