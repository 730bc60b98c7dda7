import { childAt, invalid, isObject, rootAt } from './validate/json-reader.js';

/** `submitJob` answers `{jobId, jobStatus}` (https://developers.arcgis.com/rest/services-reference/enterprise/submit-gp-job.htm). */
export function readSubmitResponse(json: unknown, url: string): { jobId: string; jobStatus: string } {
  const at = rootAt(url, 'submitJob result');
  if (!isObject(json)) throw invalid(at, 'an object', json);
  if (typeof json.jobId !== 'string' || !/^[\w.-]+$/.test(json.jobId)) throw invalid(childAt(at, 'jobId'), 'a job id', json.jobId);
  return { jobId: json.jobId, jobStatus: typeof json.jobStatus === 'string' ? json.jobStatus : 'esriJobSubmitted' };
}
