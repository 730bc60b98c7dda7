import type { ServerResponse } from 'node:http';

/** ArcGIS errors are HTTP 200 with `{"error": {code, message, details}}` (the REST API's common error response). */
export class ScriptedRestError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  toJSON(): object {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

const UNABLE = 'Unable to complete operation.';

export const errors = {
  invalidUrl: () => new ScriptedRestError(400, 'Invalid URL', ['Invalid URL']),
  serviceNotFound: (name: string) =>
    new ScriptedRestError(400, UNABLE, [`Service '${name}' of type 'GPServer' does not exist or is inaccessible.`]),
  taskNotFound: (service: string, task: string) =>
    new ScriptedRestError(400, UNABLE, [`Task '${task}' does not exist in service '${service}'.`]),
  jobNotFound: (jobId: string) => new ScriptedRestError(400, UNABLE, [`Job '${jobId}' does not exist or is inaccessible.`]),
  paramNotFound: (kind: 'result' | 'input', name: string) =>
    new ScriptedRestError(400, UNABLE, [`Job ${kind} parameter '${name}' does not exist.`]),
  resultsNotReady: (jobId: string, status: string) =>
    new ScriptedRestError(400, UNABLE, [`Results of job '${jobId}' are not available while its status is ${status}.`]),
  wrongOperation: (operation: string, executionType: string) =>
    new ScriptedRestError(400, UNABLE, [
      `The requested operation '${operation}' is not supported: the service's execution type is ${executionType}.`,
    ]),
  cannotCancel: (jobId: string, status: string) =>
    new ScriptedRestError(400, UNABLE, [`Job '${jobId}' cannot be cancelled: its status is ${status}.`]),
} as const;

export function sendJson(res: ServerResponse, body: unknown, status = 200): void {
  if (res.destroyed || res.writableEnded) return;
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
