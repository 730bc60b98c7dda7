import { systemClock, type Clock } from '../../core/clock.js';
import { credentialKey } from '../../core/credential.js';
import type { JobAccess } from '../../core/jobs/job-operations.js';
import type { UpstreamJobStatus } from '../arcgis/job-status-response.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { FetchStatusAs } from './credentialed-status.js';
import type { JobCredentials } from './job-credentials.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { jobKey } from './job-store.js';

const DENIED: ReadonlySet<string> = new Set([
  ERROR_CODES.AUTH_REQUIRED,
  ERROR_CODES.AUTH_INVALID,
  ERROR_CODES.FORBIDDEN,
  ERROR_CODES.JOB_NOT_FOUND,
  ERROR_CODES.TOKEN_EXPIRED,
]);

/**
 * Whether a caller may read a job: the submitter may; anyone else must be able to read it upstream
 * with their own credential (checked once, then cached for `ttlMs`). A refusal and a missing job
 * give the same answer, so an id reveals nothing about jobs its holder cannot read.
 */
export class JobAccessCheck {
  private readonly granted = new Map<string, number>();

  constructor(
    private readonly fetchAs: FetchStatusAs,
    private readonly credentials: JobCredentials,
    private readonly ttlMs = 30_000,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
  ) {}

  /** Resolves with the status it fetched to decide, if it fetched one. */
  async ensure(ref: JobRef, access: JobAccess, known: boolean): Promise<UpstreamJobStatus | undefined> {
    if (known && this.credentials.isOwner(ref, access.credential)) return undefined;
    const key = `${credentialKey(access.credential)}\n${jobKey(ref)}`;
    if ((this.granted.get(key) ?? 0) > this.clock.now()) return undefined;
    let status: UpstreamJobStatus;
    try {
      status = await this.fetchAs(ref, access.credential, access.signal ?? new AbortController().signal);
    } catch (error) {
      if (error instanceof GatewayError && DENIED.has(error.code)) {
        throw new GatewayError(ERROR_CODES.JOB_NOT_FOUND, `Job ${ref.jobId} does not exist or is not readable with this credential.`);
      }
      throw error;
    }
    for (const [k, until] of this.granted) if (until <= this.clock.now()) this.granted.delete(k);
    this.granted.set(key, this.clock.now() + this.ttlMs);
    this.credentials.offer(ref, access.credential);
    return status;
  }
}
