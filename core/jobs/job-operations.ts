import type { Credential } from '../credential.js';
import type { JobRef, JobState } from './job-state.js';

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
}
