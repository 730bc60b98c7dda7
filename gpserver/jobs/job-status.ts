/** The job statuses of the GP job resource (esriJobStatus), in the REST API's spelling. */
export const JOB_STATUSES = [
  'esriJobNew',
  'esriJobSubmitted',
  'esriJobWaiting',
  'esriJobExecuting',
  'esriJobSucceeded',
  'esriJobFailed',
  'esriJobTimedOut',
  'esriJobCancelling',
  'esriJobCancelled',
  'esriJobDeleting',
  'esriJobDeleted',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

const FINAL: ReadonlySet<JobStatus> = new Set([
  'esriJobSucceeded',
  'esriJobFailed',
  'esriJobTimedOut',
  'esriJobCancelled',
  'esriJobDeleted',
]);

export function isFinalStatus(status: JobStatus): boolean {
  return FINAL.has(status);
}
