import type { Credential } from '../../core/credential.js';
import type { RestClient } from '../arcgis/rest-client.js';
import { createUpstreamJobStatus, type FetchJobStatus, type UpstreamJobStatus } from '../arcgis/job-status-response.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobCredentials } from './job-credentials.js';
import type { JobRef } from '../../core/jobs/job-state.js';

export type FetchStatusAs = (ref: JobRef, credential: Credential, signal: AbortSignal) => Promise<UpstreamJobStatus>;

export function statusFetcher(clients: (credential: Credential) => RestClient): FetchStatusAs {
  return (ref, credential, signal) => createUpstreamJobStatus(clients(credential))(ref, signal);
}

/**
 * The poll loop's fetch: each job is polled with the credential that submitted it. A user token that
 * expires mid-job becomes TOKEN_EXPIRED (the job's fault, at once) rather than a silent 498 loop;
 * server credentials renew themselves underneath (see auth/authorized-clients.ts).
 */
export function pollingFetcher(fetchAs: FetchStatusAs, credentials: JobCredentials): FetchJobStatus {
  return async (ref, signal) => {
    const credential = credentials.get(ref);
    try {
      return await fetchAs(ref, credential, signal);
    } catch (error) {
      if (credential.kind === 'caller' && error instanceof GatewayError && error.code === ERROR_CODES.AUTH_INVALID) {
        credentials.markExpired(ref);
        throw new GatewayError(
          ERROR_CODES.TOKEN_EXPIRED,
          `The token job ${ref.jobId} was submitted with has expired; subscribe again with a fresh token to resume watching it.`,
          {},
          { cause: error },
        );
      }
      throw error;
    }
  };
}
