import type { Credential } from '../credential.js';
import type { JobRef, JobState, JobSubscriber } from './job-state.js';
import type { JobStatus } from './job-status.js';

/** Who asks, and until when: every upstream call of a request carries both. */
export interface JobAccess {
  readonly credential: Credential;
  readonly signal?: AbortSignal;
  /** Who called, by access control's identity (`anonymous` without it): per-caller limits count by it. */
  readonly caller?: string;
}

export interface SubmitRequest extends JobAccess {
  readonly serviceUrl: string;
  readonly task: string;
  /** REST parameters: inputs by GP name plus environment settings. */
  readonly params: Readonly<Record<string, unknown>>;
  /** A retried submit with the same key returns the same job. */
  readonly idempotencyKey?: string;
  /** The service as job ids name it (its alias or catalog name): webhook events and lists carry it. */
  readonly serviceLabel: string;
  /** Where to POST the job's events. */
  readonly subscriber?: JobSubscriber;
  /** Seconds after which the gateway cancels the job and ends it TIMED_OUT. */
  readonly deadlineSeconds?: number;
}

export interface JobListFilter {
  /** true: jobs still running; false: jobs that ended. */
  readonly running?: boolean;
  readonly statuses?: readonly JobStatus[];
  readonly serviceUrls?: ReadonlySet<string>;
  readonly task?: string;
  /** Milliseconds since the epoch, both exclusive. */
  readonly submittedAfter?: number;
  readonly submittedBefore?: number;
  /** Only jobs submitted with this credential key (`JobSubmission.owner`). */
  readonly owner?: string;
}

export interface JobListRequest {
  readonly first: number;
  /** A cursor of an earlier page's edge. */
  readonly after?: string;
  readonly filter?: JobListFilter;
}

export interface JobListEdge {
  readonly cursor: string;
  readonly state: JobState;
  readonly submittedAt: number;
}

export interface JobListPage {
  readonly edges: readonly JobListEdge[];
  readonly hasNextPage: boolean;
}

/**
 * What the job resolvers need from the gateway's job hub and REST client. Every operation on an
 * existing job first checks that the caller's credential can read it upstream; a caller that
 * cannot gets JOB_NOT_FOUND, the same answer as for a job that does not exist.
 */
export interface JobOperations {
  submit(request: SubmitRequest): Promise<JobState>;
  /** Forwards `cancel`; idempotent once cancelling or cancelled; JOB_NOT_CANCELLABLE once finished otherwise. */
  cancel(ref: JobRef, access: JobAccess): Promise<JobState>;
  /**
   * The latest state, polling once when the hub has none; JOB_NOT_FOUND for a job the server does not know.
   * A running job's state is no older than its poll interval: a read joins the job's shared poll loop.
   */
  current(ref: JobRef, access: JobAccess): Promise<JobState>;
  /** The access check of `current` and the state as stored, without waiting for a poll (before `updates`, which polls). */
  check(ref: JobRef, access: JobAccess): Promise<JobState>;
  /** Current state at once, then each change; completes after a final state. */
  updates(ref: JobRef, access: JobAccess): AsyncIterableIterator<JobState>;
  /** Waits for a final state, or returns the latest state once `deadlineMs` has passed. */
  settle(ref: JobRef, deadlineMs: number, access: JobAccess): Promise<JobState>;
  /** The caller's own jobs (submitted through any instance), newest first. */
  list(access: JobAccess, request: JobListRequest): Promise<JobListPage>;
}
