/**
 * Errors in the shape ArcGIS Server sends them: HTTP 200 with
 * `{"error":{"code":…,"message":…,"details":[…]}}` (the REST API's common error response).
 */
export class RestError extends Error {
  override readonly name = 'RestError';

  constructor(
    readonly code: number,
    message: string,
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }

  toJSON(): { error: { code: number; message: string; details: readonly string[] } } {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

const UNABLE = 'Unable to complete operation.';

export const restErrors = {
  invalidUrl: (): RestError => new RestError(400, 'Invalid URL', ['Invalid URL']),
  folderNotFound: (folder: string): RestError => new RestError(404, `Folder '${folder}' does not exist or is inaccessible.`, []),
  serviceNotFound: (name: string): RestError =>
    new RestError(400, UNABLE, [`Service '${name}' of type 'GPServer' does not exist or is inaccessible.`]),
  taskNotFound: (service: string, task: string): RestError =>
    new RestError(400, UNABLE, [`Task '${task}' does not exist in service '${service}'.`]),
  jobNotFound: (jobId: string): RestError => new RestError(400, UNABLE, [`Job '${jobId}' does not exist or is inaccessible.`]),
  paramNotFound: (kind: 'result' | 'input', name: string): RestError =>
    new RestError(400, UNABLE, [`Job ${kind} parameter '${name}' does not exist.`]),
  resultsNotReady: (jobId: string, status: string): RestError =>
    new RestError(400, UNABLE, [`Results of job '${jobId}' are not available while its status is ${status}.`]),
  wrongOperation: (operation: string, executionType: string): RestError =>
    new RestError(400, UNABLE, [
      `The requested operation '${operation}' is not supported: the service's execution type is ${executionType}.`,
    ]),
  invalidParameters: (details: readonly string[]): RestError => new RestError(400, UNABLE, details),
  cannotCancel: (jobId: string, status: string): RestError =>
    new RestError(400, UNABLE, [`Job '${jobId}' cannot be cancelled: its status is ${status}.`]),
  toolFailed: (details: readonly string[]): RestError => new RestError(500, 'Error executing tool.', details),
  tokenRequired: (): RestError => new RestError(499, 'Token Required', []),
  invalidToken: (): RestError => new RestError(498, 'Invalid Token', []),
  forbidden: (): RestError => new RestError(403, 'You do not have permissions to access this resource or perform this operation.', []),
  unableToGenerateToken: (reason: string): RestError => new RestError(400, 'Unable to generate token.', [reason]),
  /** OAuth 2.0 errors carry their code (`invalid_client`…) as the message's detail, as the portal's do. */
  invalidOAuthRequest: (error: string, description: string): RestError => new RestError(400, description, [error]),
  methodNotAllowed: (method: string): RestError => new RestError(405, `Method ${method} is not supported for this operation.`, []),
  requestTooLarge: (limit: number): RestError => new RestError(413, `Request body exceeds ${limit} bytes.`, []),
  uploadFailed: (reason: string): RestError => new RestError(400, 'Unable to upload item.', [reason]),
  itemNotFound: (itemID: string): RestError => new RestError(400, UNABLE, [`Item '${itemID}' does not exist or is inaccessible.`]),
} as const;
