import { ESRI_JOB_STATUSES, isFinalEsriJobStatus, type EsriJobStatus } from '../../gp-rest/vocabulary.js';

/**
 * The job statuses of the GP job resource
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-job.htm), all eleven, and
 * their GraphQL names. A status the table does not know is `UNKNOWN`: the job keeps being polled.
 */
export const JOB_STATUS_BY_ESRI = {
  esriJobNew: 'NEW',
  esriJobSubmitted: 'SUBMITTED',
  esriJobWaiting: 'WAITING',
  esriJobExecuting: 'EXECUTING',
  esriJobSucceeded: 'SUCCEEDED',
  esriJobFailed: 'FAILED',
  esriJobTimedOut: 'TIMED_OUT',
  esriJobCancelling: 'CANCELLING',
  esriJobCancelled: 'CANCELLED',
  esriJobDeleting: 'DELETING',
  esriJobDeleted: 'DELETED',
} as const satisfies Record<EsriJobStatus, string>;

export type JobStatus = (typeof JOB_STATUS_BY_ESRI)[EsriJobStatus] | 'UNKNOWN';

export const JOB_STATUSES: readonly JobStatus[] = [...Object.values(JOB_STATUS_BY_ESRI), 'UNKNOWN'];

const FINAL: ReadonlySet<JobStatus> = new Set(ESRI_JOB_STATUSES.filter(isFinalEsriJobStatus).map((status) => JOB_STATUS_BY_ESRI[status]));

export function isFinal(status: JobStatus): boolean {
  return FINAL.has(status);
}

export function jobStatusFromEsri(value: string): JobStatus {
  return Object.hasOwn(JOB_STATUS_BY_ESRI, value) ? JOB_STATUS_BY_ESRI[value as EsriJobStatus] : 'UNKNOWN';
}
