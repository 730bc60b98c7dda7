/**
 * A workflow: a chain of task runs the gateway carries out itself (README › Workflows). It is kept as
 * a job of the job store (a `JobState` whose `workflow` holds the steps), so watching, listing,
 * webhooks, deadlines and the lease that makes one instance drive it come from the job machinery.
 */
import type { JobFault, JobMessage, JobProgress, JobRef, JobState } from '../jobs/job-state.js';
import type { JobStatus } from '../jobs/job-status.js';

/** Not an http(s) URL, so no configured service can share it; job keys and list members name workflows by it. */
export const WORKFLOW_SERVICE_URL = 'gateway:workflows';
export const WORKFLOW_TASK = 'workflow';
/** How workflow ids and webhook events name the "service" of workflows. */
export const WORKFLOW_SERVICE_LABEL = 'workflows';

export function workflowRef(id: string): JobRef {
  return { serviceUrl: WORKFLOW_SERVICE_URL, task: WORKFLOW_TASK, jobId: id };
}

export function isWorkflowRef(ref: JobRef): boolean {
  return ref.serviceUrl === WORKFLOW_SERVICE_URL;
}

/** A step waits for its inputs (`PENDING`), runs as a job does, or is `SKIPPED` because the chain stopped first. */
export type StepStatus = JobStatus | 'PENDING' | 'SKIPPED';

/** How an output reaches the next step: the server reads it itself (`REFERENCE`) or the gateway sends it (`VALUE`). */
export type HandOverMode = 'REFERENCE' | 'VALUE';

/** What kind of value is handed over: it decides how it can travel. */
export type HandOverKind = 'FEATURES' | 'FILE' | 'VALUE';

/** One input of a step taken from an earlier step's output, as decided at submit. */
export interface StepBinding {
  /** The receiving step's input, by GP name. */
  readonly input: string;
  readonly fromStep: string;
  /** The source step's output, by GP name. */
  readonly output: string;
  readonly kind: HandOverKind;
  readonly mode: HandOverMode;
  /** Features by value are fetched (or projected) into this spatial reference: the one the receiving task publishes. */
  readonly outSR?: number;
}

/** One step of a workflow to submit: its task, its literal parameters and its hand-overs. */
export interface StepPlan {
  readonly id: string;
  readonly serviceUrl: string;
  /** The service as job ids name it. */
  readonly serviceLabel: string;
  readonly task: string;
  readonly execution: 'synchronous' | 'asynchronous';
  /** Literal REST parameters (files already uploaded), environment settings included. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly bindings: readonly StepBinding[];
}

/** A step as the workflow runs it: its plan and how far it got. */
export interface WorkflowStep extends StepPlan {
  readonly status: StepStatus;
  /** The upstream job of an asynchronous step, once submitted. */
  readonly jobId?: string;
  readonly progress?: JobProgress;
  readonly messages: readonly JobMessage[];
  /** Output name → `paramUrl` of a succeeded asynchronous step. */
  readonly results?: Readonly<Record<string, string>>;
  /** Output values of a succeeded synchronous step (no job keeps them upstream). */
  readonly values?: Readonly<Record<string, unknown>>;
  /** Why the step failed, or why the chain stopped it. */
  readonly error?: JobFault;
  /** Milliseconds since the epoch. */
  readonly startedAt?: number;
  readonly endedAt?: number;
}

export interface WorkflowDetail {
  readonly steps: readonly WorkflowStep[];
  /** Set by a cancel (on any instance); the instance driving the workflow carries it out. */
  readonly cancelRequested?: boolean;
  /** The step that stopped the chain. */
  readonly failedStep?: string;
}

export type WorkflowState = JobState & { readonly workflow: WorkflowDetail };

export function isWorkflowState(state: JobState): state is WorkflowState {
  return state.workflow !== undefined;
}
