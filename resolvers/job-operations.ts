import type { JobRef, JobState } from '../gateway/jobs/job-state.js';

export interface SubmitRequest {
  readonly serviceUrl: string;
  readonly task: string;
  /** REST parameters: inputs by GP name plus environment settings. */
  readonly params: Readonly<Record<string, unknown>>;
  /** A retried submit with the same key returns the same job. */
  readonly idempotencyKey?: string;
  readonly signal?: AbortSignal;
}

/** What the job resolvers need from the gateway's job hub and REST client. */
export interface JobOperations {
  submit(request: SubmitRequest): Promise<JobState>;
  /** Forwards `cancel`; idempotent once cancelling or cancelled; JOB_NOT_CANCELLABLE once finished otherwise. */
  cancel(ref: JobRef, signal?: AbortSignal): Promise<JobState>;
  /** The latest state, polling once when the hub has none; JOB_NOT_FOUND for a job the server does not know. */
  current(ref: JobRef, signal?: AbortSignal): Promise<JobState>;
  /** Current state at once, then each change; completes after a final state. */
  updates(ref: JobRef, signal?: AbortSignal): AsyncIterableIterator<JobState>;
  /** Waits for a final state, or returns the latest state once `deadlineMs` has passed. */
  settle(ref: JobRef, deadlineMs: number, signal?: AbortSignal): Promise<JobState>;
}
