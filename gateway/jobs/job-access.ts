import { credentialKey } from '../../core/credential.js';
import type { JobAccess } from '../../core/jobs/job-operations.js';
import type { UpstreamJobStatus } from '../arcgis/job-status-response.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { AccessGrants } from './access-grants.js';
import type { FetchStatusAs } from './credentialed-status.js';
import type { JobCredentials } from './job-credentials.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import { jobKey } from './job-store.js';

const DENIED: ReadonlySet<string> = new Set([
  ERROR_CODES.AUTH_REQUIRED,
  ERROR_CODES.AUTH_INVALID,
  ERROR_CODES.FORBIDDEN,
  ERROR_CODES.JOB_NOT_FOUND,
  ERROR_CODES.TOKEN_EXPIRED,
]);

export interface JobAccessCheckOptions {
  readonly fetchAs: FetchStatusAs;
  readonly credentials: JobCredentials;
  /** Shared with the other instances in scale-out mode. */
  readonly grants: AccessGrants;
  /** How long a caller found able to read a job is not asked again. Default 30 s. */
  readonly ttlMs?: number;
}

/**
 * Whether a caller may read a job: its owner may — the submitter, named by the stored state on every
 * instance, or a later reader that took over polling here —; anyone else must be able to read it
 * upstream with their own credential, checked once and then granted for `ttlMs` on every instance
 * sharing the grants. Concurrent checks of one caller and job share one upstream request, so a
 * hundred watchers of one caller cost one. A refusal and a missing job give the same answer, so an id
 * reveals nothing about jobs its holder cannot read.
 */
export class JobAccessCheck {
  readonly #options: JobAccessCheckOptions;
  readonly #checking = new Map<string, Promise<UpstreamJobStatus>>();

  constructor(options: JobAccessCheckOptions) {
    this.#options = options;
  }

  /** Resolves with the status it fetched to decide, if it fetched one. `stored`: the job's stored state, if any. */
  async ensure(ref: JobRef, access: JobAccess, stored: JobState | undefined): Promise<UpstreamJobStatus | undefined> {
    const { credentials, grants } = this.#options;
    const caller = credentialKey(access.credential);
    if (stored !== undefined && (stored.submission?.owner === caller || credentials.isOwner(ref, access.credential))) return undefined;
    const key = `${caller}\n${jobKey(ref)}`;
    if (await grants.has(key)) return undefined;
    let check = this.#checking.get(key);
    if (check === undefined) {
      check = this.#check(ref, access, key);
      this.#checking.set(key, check);
      const forget = (): void => {
        this.#checking.delete(key);
      };
      check.then(forget, forget);
    }
    return check;
  }

  async #check(ref: JobRef, access: JobAccess, key: string): Promise<UpstreamJobStatus> {
    const { fetchAs, credentials, grants } = this.#options;
    let status: UpstreamJobStatus;
    try {
      // Not the first caller's signal: the callers sharing this check must not fail when it leaves.
      status = await fetchAs(ref, access.credential, new AbortController().signal);
    } catch (error) {
      if (error instanceof GatewayError && DENIED.has(error.code)) {
        throw new GatewayError(ERROR_CODES.JOB_NOT_FOUND, `Job ${ref.jobId} does not exist or is not readable with this credential.`);
      }
      throw error;
    }
    await grants.add(key, this.#options.ttlMs ?? 30_000);
    credentials.offer(ref, access.credential);
    return status;
  }
}
