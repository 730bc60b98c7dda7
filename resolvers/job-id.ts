import { GatewayError } from '../core/errors/gateway-error.js';

const PREFIX = 'gpjob';

/** What a job id names: the service (by alias, 'Folder/Name', or GPServer URL), the task and the upstream jobId. */
export interface JobIdParts {
  readonly service: string;
  readonly task: string;
  readonly jobId: string;
}

/**
 * `GPJob.id`: base64url of `gpjob\n<service>\n<task>\n<upstream jobId>`. Opaque to clients, but
 * formable by hand to re-attach to a job submitted elsewhere (README, "Jobs"). The gateway writes the
 * service by its catalog name or alias, so an id does not disclose the upstream host; ids naming
 * the GPServer URL (those of earlier versions, or formed by hand) are read as well. Decoding checks
 * only the shape; the job registry checks the service against the configured ones.
 */
export function encodeJobId(parts: JobIdParts): string {
  return Buffer.from([PREFIX, parts.service, parts.task, parts.jobId].join('\n'), 'utf8').toString('base64url');
}

export function decodeJobId(id: string): JobIdParts {
  const parts = Buffer.from(id, 'base64url').toString('utf8').split('\n');
  const [prefix, service, task, jobId] = parts;
  if (parts.length !== 4 || prefix !== PREFIX || !service || !task || !jobId || !/^[\w.-]+$/.test(jobId)) {
    throw new GatewayError('JOB_NOT_FOUND', `'${id.slice(0, 80)}' is not a job id of this gateway.`);
  }
  return { service, task, jobId };
}
