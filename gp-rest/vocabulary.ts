/**
 * The words of the ArcGIS geoprocessing REST API that more than one side of this repository speaks: the
 * gateway reads them, the embedded GPServer and the test GPServers write them. Written once here, in
 * the API's own spelling (https://developers.arcgis.com/rest/services-reference/enterprise/gp-job.htm).
 */

/** The job resource's `jobStatus`, all eleven. */
export const ESRI_JOB_STATUSES = [
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

export type EsriJobStatus = (typeof ESRI_JOB_STATUSES)[number];

const FINAL_ESRI_JOB_STATUSES: ReadonlySet<string> = new Set<EsriJobStatus>([
  'esriJobSucceeded',
  'esriJobFailed',
  'esriJobTimedOut',
  'esriJobCancelled',
  'esriJobDeleted',
]);

/** Whether a job in this status will not change again. */
export function isFinalEsriJobStatus(status: string): boolean {
  return FINAL_ESRI_JOB_STATUSES.has(status);
}

/**
 * Output data types that become layers of a GP service's result map service (one layer each, in the
 * task's output order): geodatasets, as ArcGIS Server publishes them.
 */
export const RESULT_MAP_LAYER_TYPES: ReadonlySet<string> = new Set(['GPFeatureRecordSetLayer', 'GPRecordSet', 'GPRasterDataLayer']);

/**
 * `messages[].type` of jobs and execute results: all eight the REST API defines (the process
 * definition, start and stop messages frame a tool's run in the messages of ArcGIS Server 10.1+).
 */
export const ESRI_MESSAGE_TYPES = [
  'esriJobMessageTypeInformative',
  'esriJobMessageTypeProcessDefinition',
  'esriJobMessageTypeProcessStart',
  'esriJobMessageTypeProcessStop',
  'esriJobMessageTypeWarning',
  'esriJobMessageTypeError',
  'esriJobMessageTypeEmpty',
  'esriJobMessageTypeAbort',
] as const;

export type EsriMessageType = (typeof ESRI_MESSAGE_TYPES)[number];

/**
 * What a test server can do to one request instead of answering it (or before answering it, for
 * `latency`): the fault kinds every fault test in the repository is written in.
 */
export type FaultAction =
  | { readonly kind: 'latency'; readonly ms: number }
  | { readonly kind: 'http-status'; readonly status: number; readonly body?: string }
  /** HTTP 200 with JSON cut off mid-value. */
  | { readonly kind: 'malformed-json' }
  /** A TCP reset: the client sees ECONNRESET. */
  | { readonly kind: 'reset' }
  /** HTTP 200 with ArcGIS's error body, `{error: {code, message, details}}`. */
  | { readonly kind: 'error-body'; readonly code: number; readonly message: string; readonly details?: readonly string[] };

export type TerminalFault = Exclude<FaultAction, { readonly kind: 'latency' }>;
