/**
 * The GP job resource, `<task>/jobs/<jobId>?f=json`
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-job.htm):
 * `{jobId, jobStatus, messages: [{type, description}], progress: {type, message, percent},
 * results: {<name>: {paramUrl}}, inputs: {…}}`, validated once into `UpstreamJobStatus`.
 * `messages`, `progress` and `results` are often absent (returnMessages=false, not executing, not
 * succeeded); `inputs` is not read.
 */
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobMessage, JobProgress, JobRef } from '../../core/jobs/job-state.js';
import type { RestClient } from './rest-client.js';
import {
  asArray,
  asObject,
  childAt,
  invalid,
  isObject,
  optionalNumber,
  optionalString,
  requiredString,
  rootAt,
  type At,
} from './validate/json-reader.js';

export interface UpstreamJobStatus {
  /** The raw `jobStatus` (esriJob…), unknown values included: mapping it is the poller's business. */
  readonly status: string;
  readonly progress?: JobProgress;
  readonly messages: readonly JobMessage[];
  /** Output parameter name → `paramUrl` (relative to the job URL), once the job succeeded. */
  readonly results?: Readonly<Record<string, string>>;
}

/** What the job hub polls with; `signal` aborts the request. */
export type FetchJobStatus = (ref: JobRef, signal: AbortSignal) => Promise<UpstreamJobStatus>;

function readMessages(value: unknown, at: At): JobMessage[] {
  if (value === undefined || value === null) return [];
  return asArray(value, at).map((m, i) => {
    const here = childAt(at, i);
    const message = asObject(m, here);
    // Some releases leave out `type` on informative messages.
    return {
      type: optionalString(message, 'type', here) ?? 'esriJobMessageTypeInformative',
      description: requiredString(message, 'description', here),
    };
  });
}

function readProgress(value: unknown, at: At): JobProgress | undefined {
  if (value === undefined || value === null) return undefined;
  const progress = asObject(value, at);
  const percent = optionalNumber(progress, 'percent', at);
  return {
    type: optionalString(progress, 'type', at) ?? 'default',
    message: optionalString(progress, 'message', at) ?? '',
    ...(percent === undefined ? {} : { percent }),
  };
}

function readResults(value: unknown, at: At): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const results = asObject(value, at);
  const urls: Record<string, string> = {};
  for (const [name, result] of Object.entries(results)) {
    const here = childAt(at, name);
    if (!isObject(result)) throw invalid(here, '{paramUrl}', result);
    urls[name] = requiredString(result, 'paramUrl', here);
  }
  return urls;
}

export function readJobStatus(json: unknown, url: string): UpstreamJobStatus {
  const at = rootAt(url, 'GP job');
  const job = asObject(json, at);
  // jobId is not needed (the URL names the job) but a wrong type means this is not a job resource.
  optionalString(job, 'jobId', at);
  const progress = readProgress(job.progress, childAt(at, 'progress'));
  const results = readResults(job.results, childAt(at, 'results'));
  return {
    status: requiredString(job, 'jobStatus', at),
    messages: readMessages(job.messages, childAt(at, 'messages')),
    ...(progress ? { progress } : {}),
    ...(results ? { results } : {}),
  };
}

/** `<serviceUrl>/<task>/jobs/<jobId>`, each segment encoded so an id cannot reach another resource. */
export function jobUrl(ref: JobRef): string {
  return `${ref.serviceUrl.replace(/\/+$/, '')}/${encodeURIComponent(ref.task)}/jobs/${encodeURIComponent(ref.jobId)}`;
}

/**
 * ArcGIS answers an unknown or expired job id (and an unknown task) with an HTTP-200 error body,
 * code 400 ("Job '…' does not exist or is inaccessible.") or 404 on some releases: the job is gone.
 */
function isMissingJob(error: unknown): error is GatewayError {
  return (
    error instanceof GatewayError &&
    error.code === ERROR_CODES.UPSTREAM_ERROR &&
    (error.info.arcgisCode === 400 || error.info.arcgisCode === 404)
  );
}

export function createUpstreamJobStatus(client: RestClient): FetchJobStatus {
  return async (ref, signal) => {
    const url = jobUrl(ref);
    let json: unknown;
    try {
      json = await client.getJson(url, {}, { signal });
    } catch (error) {
      if (isMissingJob(error)) {
        throw new GatewayError(
          ERROR_CODES.JOB_NOT_FOUND,
          `Job '${ref.jobId}' of task '${ref.task}' no longer exists upstream (${error.message})`,
          error.info,
          { cause: error },
        );
      }
      throw error;
    }
    return readJobStatus(json, url);
  };
}
