import { GatewayError } from '../core/errors/gateway-error.js';
import type { JobRef } from '../core/jobs/job-state.js';

const PREFIX = 'gpjob';

/**
 * `GPJob.id`: base64url of `gpjob\n<GPServer URL>\n<task>\n<upstream jobId>`. Opaque to clients,
 * but formable by hand to re-attach to a job submitted elsewhere (README, "Jobs"). Decoding checks
 * only the shape; the caller checks the service against the configured ones.
 */
export function encodeJobId(ref: JobRef): string {
  return Buffer.from([PREFIX, ref.serviceUrl, ref.task, ref.jobId].join('\n'), 'utf8').toString('base64url');
}

export function decodeJobId(id: string): JobRef {
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('\n');
  const [prefix, serviceUrl, task, jobId] = parts;
  if (parts.length !== 4 || prefix !== PREFIX || !serviceUrl || !task || !jobId || !/^[\w.-]+$/.test(jobId)) {
    throw new GatewayError('JOB_NOT_FOUND', `'${id.slice(0, 80)}' is not a job id of this gateway.`);
  }
  return { serviceUrl, task, jobId };
}
