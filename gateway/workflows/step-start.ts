/**
 * Starting one step: its inputs handed over, then one `execute` or one `submitJob`. What went wrong
 * decides what happens next: the step's own requests failing (an input refused, the server's error,
 * a hand-over that cannot be made) fail the step; anything else — the store away a moment, another
 * instance's submit with the same key still in progress — leaves the step to be started again on a
 * later pass, where the idempotency key returns the job already submitted instead of a second one.
 */
import type { Clock } from '../../core/clock.js';
import type { Credential } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobFault, JobRef, JobSubmission } from '../../core/jobs/job-state.js';
import type { WorkflowState, WorkflowStep } from '../../core/workflows/workflow-state.js';
import type { IdempotencyStore } from '../jobs/idempotency.js';
import type { JobHub } from '../jobs/job-hub.js';
import { stateFromUpstream } from '../jobs/state-from-upstream.js';
import { handOver } from './hand-over.js';
import type { StepUpstream } from './step-upstream.js';

/** The step's own upstream request failed: the step fails with it. */
export class StepFailure extends Error {
  constructor(readonly fault: JobFault) {
    super(fault.message);
  }
}

const faultOf = (error: unknown): JobFault => ({
  code: error instanceof GatewayError ? error.code : 'UPSTREAM_ERROR',
  message: error instanceof Error ? error.message : String(error),
});

/** Awaits the step's own request, its failure marked as the step's. */
async function own<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    throw new StepFailure(faultOf(error));
  }
}

/** Where a start is: a cancel waits for a submit to come back (its job is then cancelled) and aborts the rest. */
export type StartPhase = 'inputs' | 'executing' | 'submitting' | 'recording';

export interface StartContext {
  readonly workflow: JobRef;
  readonly credential: Credential;
  readonly upstream: StepUpstream;
  readonly idempotency: IdempotencyStore;
  readonly hub: JobHub;
  readonly clock: Pick<Clock, 'now'>;
  readonly rememberCredential: (ref: JobRef, credential: Credential) => void;
  /** Writes a change of the step (serialised with the driver's other writes); `change` sees the whole workflow as stored. */
  readonly changeStep: (id: string, change: (step: WorkflowStep, state: WorkflowState) => WorkflowStep) => Promise<unknown>;
  /** Bytes of synchronous outputs a workflow keeps at most, all steps together. */
  readonly maxValuesBytes: number;
}

/** The key that makes a step's `submitJob` happen once, whichever instance starts it and however often. */
export function stepSubmitKey(workflow: JobRef, step: WorkflowStep): string {
  return `workflow\n${workflow.jobId}\n${step.id}`;
}

const valuesBytes = (step: WorkflowStep): number => (step.values === undefined ? 0 : JSON.stringify(step.values).length);

/** Starts `step` of `state`; `phase` is told where it is. Throws StepFailure, or anything else for a start to repeat. */
export async function startStep(
  context: StartContext,
  state: WorkflowState,
  step: WorkflowStep,
  signal: AbortSignal,
  phase: (now: StartPhase) => void,
): Promise<void> {
  const { upstream, credential, clock } = context;
  phase('inputs');
  const startedAt = step.startedAt ?? clock.now();
  await context.changeStep(step.id, (s) => ({
    ...s,
    status: s.status === 'PENDING' ? (s.execution === 'synchronous' ? 'EXECUTING' : 'NEW') : s.status,
    startedAt,
  }));
  const handed: Record<string, unknown> = {};
  for (const binding of step.bindings) {
    const source = state.workflow.steps.find((s) => s.id === binding.fromStep);
    if (!source) throw new StepFailure({ code: 'INVALID_INPUT', message: `Step '${binding.fromStep}' is not part of the workflow.` });
    handed[binding.input] = await own(handOver(binding, source, step, upstream, credential, signal));
  }
  const params = { ...step.params, ...handed };
  if (step.execution === 'synchronous') {
    phase('executing');
    const result = await own(upstream.execute(step, params, credential, signal));
    const values = Object.fromEntries(result.values);
    const size = JSON.stringify(values).length;
    // Checked against the state as written (steps in parallel finish in any order): the whole state stays bounded.
    await context.changeStep(step.id, (s, current) => {
      const kept = current.workflow.steps.filter((other) => other.id !== step.id).reduce((n, other) => n + valuesBytes(other), 0);
      if (kept + size > context.maxValuesBytes) {
        const message = `The outputs of step '${step.id}' are ${size} bytes; a workflow keeps at most ${context.maxValuesBytes} bytes of its synchronous steps' outputs (${kept} kept already): run such a task as a job.`;
        return { ...s, status: 'FAILED', error: { code: 'UPSTREAM_INVALID_RESPONSE', message }, endedAt: clock.now() };
      }
      const messages = result.messages.map((m) => ({ type: m.type, description: m.description }));
      return { ...s, status: 'SUCCEEDED', values, messages, endedAt: clock.now() };
    });
    return;
  }
  phase('submitting');
  const job = await context.idempotency.once(
    stepSubmitKey(context.workflow, step),
    async () => (await own(upstream.submit(step, params, credential, signal))).ref,
  );
  phase('recording');
  context.rememberCredential(job, credential);
  const submission = state.submission;
  const owned: JobSubmission | undefined = submission && {
    owner: submission.owner,
    lister: submission.lister,
    service: step.serviceLabel,
    submittedAt: clock.now(),
  };
  // A job already known (a repeated start) keeps its stored state: seeding never replaces a newer one.
  const submitted = stateFromUpstream(job, { status: 'esriJobSubmitted', messages: [] });
  if ((await context.hub.current(job)) === undefined) await context.hub.seed(owned ? { ...submitted, submission: owned } : submitted);
  await context.changeStep(step.id, (s) => ({ ...s, jobId: job.jobId, status: s.status === 'NEW' ? 'SUBMITTED' : s.status }));
}

/** The job a start of `step` submitted (on any instance), without submitting one: undefined when none was. */
export async function submittedJob(
  context: Pick<StartContext, 'idempotency' | 'workflow'>,
  step: WorkflowStep,
): Promise<JobRef | undefined> {
  const none = new Error('not submitted');
  try {
    return await context.idempotency.once(stepSubmitKey(context.workflow, step), () => Promise.reject(none));
  } catch (error) {
    if (error === none) return undefined;
    throw error;
  }
}
