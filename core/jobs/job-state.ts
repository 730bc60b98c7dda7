import type { ErrorCode } from '../errors/error-codes.js';
import type { JobStatus } from './job-status.js';
import type { WorkflowDetail } from '../workflows/workflow-state.js';

export interface JobMessage {
  readonly type: string;
  readonly description: string;
}

export interface JobProgress {
  readonly type: string;
  readonly message: string;
  readonly percent?: number;
}

/** Which upstream job: a configured service URL, one of its tasks, and the server's jobId. */
export interface JobRef {
  readonly serviceUrl: string;
  readonly task: string;
  readonly jobId: string;
}

/** An upstream fault the poller could not get past (after retries), or the job's disappearance. */
export interface JobFault {
  readonly code: ErrorCode;
  readonly message: string;
}

/** The latest known state of one job: what the store keeps and pub/sub carries. Immutable. */
export interface JobState {
  readonly ref: JobRef;
  readonly status: JobStatus;
  /** The raw upstream status (e.g. an unknown one), for logs and clients that want it. */
  readonly upstreamStatus: string;
  readonly progress: JobProgress | undefined;
  /** Every message so far, in upstream order. */
  readonly messages: readonly JobMessage[];
  /** Output parameter names with their `paramUrl`s, once succeeded. */
  readonly results: Readonly<Record<string, string>> | undefined;
  /** Set while upstream polling keeps failing, or when the job vanished upstream (then final). */
  readonly fault: JobFault | undefined;
  /** Increments on every stored change. */
  readonly version: number;
  /** True when nothing more will change: a final status, or the job vanished. */
  readonly final: boolean;
  /** What the gateway that took the submit knew of it: kept with every later state (see `succeeding`). */
  readonly submission?: JobSubmission;
  /** Present on a workflow (core/workflows/workflow-state.ts): its steps, driven by the gateway instead of polled. */
  readonly workflow?: WorkflowDetail;
}

/** Where to POST a job's events (OGC API – Processes' `subscriber`); each optional. */
export interface JobSubscriber {
  readonly successUri?: string;
  readonly failedUri?: string;
  readonly inProgressUri?: string;
}

/**
 * A job submitted through a gateway, kept with its state so that every instance sharing the store
 * knows it without asking upstream or the instance that took the submit.
 */
export interface JobSubmission {
  /** Who may read the job without an upstream check: the submitting credential's key (a digest, never the token). */
  readonly owner: string;
  /** Whose job list holds it (gateway/jobs/job-list.ts). */
  readonly lister: string;
  /** The service as job ids name it (its alias or catalog name). */
  readonly service: string;
  /** Milliseconds since the epoch. */
  readonly submittedAt: number;
  /** When the gateway cancels the job and ends it TIMED_OUT, in milliseconds since the epoch. */
  readonly deadline?: number;
  readonly subscriber?: JobSubscriber;
}

/** `next` as the successor of `previous`: a state read from upstream carries no submission, the stored one keeps it. */
export function succeeding(next: JobState, previous: JobState | undefined): JobState {
  const submission = next.submission ?? previous?.submission;
  const version = (previous?.version ?? 0) + 1;
  // No `submission: undefined` key: states of jobs submitted elsewhere compare and serialise as before.
  return submission === undefined ? { ...next, version } : { ...next, submission, version };
}
