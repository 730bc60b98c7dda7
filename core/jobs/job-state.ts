import type { ErrorCode } from '../errors/error-codes.js';
import type { JobStatus } from './job-status.js';

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
  /**
   * Who submitted the job through a gateway, as a credential key (a digest, never the token): kept with
   * the state so that every instance sharing the store knows the owner without asking upstream.
   */
  readonly owner?: string;
}

/** `next` as the successor of `previous`: a state read from upstream carries no owner, the stored one keeps it. */
export function succeeding(next: JobState, previous: JobState | undefined): JobState {
  const owner = next.owner ?? previous?.owner;
  const version = (previous?.version ?? 0) + 1;
  // No `owner: undefined` key: states compare and serialise the same as before owners were kept.
  return owner === undefined ? { ...next, version } : { ...next, owner, version };
}
