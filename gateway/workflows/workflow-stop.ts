/**
 * Ending a workflow that does not succeed — cancelled, past its deadline, or stopped by a failed
 * step — without leaving a job running upstream: starts in flight are aborted, except a submit,
 * which is awaited so that its job is cancelled too; every running step's job is cancelled; a step
 * another instance was submitting when it died is looked up by its idempotency key and cancelled.
 */
import type { Clock } from '../../core/clock.js';
import type { Credential } from '../../core/credential.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { isWorkflowState, type WorkflowState, type WorkflowStep } from '../../core/workflows/workflow-state.js';
import type { IdempotencyStore } from '../jobs/idempotency.js';
import type { JobHub } from '../jobs/job-hub.js';
import { jobKey, type JobStore } from '../jobs/job-store.js';
import { submittedJob, type StartPhase } from './step-start.js';
import type { StepUpstream } from './step-upstream.js';
import { ended, stepFromJob, stepRunning } from './workflow-steps.js';

export interface InFlightStart {
  readonly done: Promise<void>;
  readonly controller: AbortController;
  phase: StartPhase;
}

export interface StopContext {
  readonly workflow: JobRef;
  readonly store: JobStore;
  readonly hub: JobHub;
  readonly upstream: StepUpstream;
  readonly idempotency: IdempotencyStore;
  readonly credential: Credential;
  readonly clock: Pick<Clock, 'now'>;
  readonly update: (change: (state: WorkflowState) => WorkflowState | undefined) => Promise<unknown>;
}

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A running step's record once its job was told to cancel (or not, with why). */
async function cancelled(context: StopContext, step: WorkflowStep, job: JobRef | undefined): Promise<WorkflowStep> {
  const now = context.clock.now();
  if (!job) return { ...step, status: 'CANCELLED', endedAt: now };
  try {
    const after = await context.upstream.cancel(job, context.credential, new AbortController().signal);
    await context.hub.seed(after);
    // The server took the cancel: the step ends with the workflow (its job may still say CANCELLING).
    const record = stepFromJob(step, after, now);
    return after.status === 'CANCELLING' ? { ...record, status: 'CANCELLED', endedAt: now } : record;
  } catch (error) {
    return { ...step, error: { code: 'UPSTREAM_ERROR', message: `The cancel did not reach the server: ${message(error)}` }, endedAt: now };
  }
}

export async function stopWorkflow(
  context: StopContext,
  starts: ReadonlyMap<string, InFlightStart>,
  status: 'FAILED' | 'CANCELLED' | 'TIMED_OUT',
  why: string,
  failedStep?: string,
): Promise<void> {
  // Aborted starts are not awaited: whatever they would still write cannot change a final workflow.
  const submits = [...starts.values()].filter((start) => start.phase === 'submitting' || start.phase === 'recording');
  for (const start of starts.values()) if (!submits.includes(start)) start.controller.abort();
  await Promise.allSettled(submits.map((start) => start.done));
  const latest = await context.store.get(jobKey(context.workflow));
  if (!latest || !isWorkflowState(latest) || latest.final) return;
  const stopped = new Map<string, WorkflowStep>();
  for (const step of latest.workflow.steps) {
    if (!stepRunning(step)) continue;
    const job =
      step.jobId !== undefined
        ? { serviceUrl: step.serviceUrl, task: step.task, jobId: step.jobId }
        : step.execution === 'asynchronous'
          ? await submittedJob(context, step).catch(() => undefined)
          : undefined;
    stopped.set(step.id, await cancelled(context, step, job));
  }
  await context.update((s) => ended(s, status, why, stopped, failedStep));
}
