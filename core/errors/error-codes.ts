/**
 * The one catalogue of `extensions.code` values the gateway puts on GraphQL errors.
 * README.md documents every code (a test checks that it does).
 */
export const ERROR_CODES = {
  /** The upstream server could not be reached: DNS, connection refused or reset, TLS. */
  UPSTREAM_UNREACHABLE: 'UPSTREAM_UNREACHABLE',
  /** The upstream server did not answer within the request timeout. */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The upstream server answered with a non-2xx HTTP status. */
  UPSTREAM_HTTP_ERROR: 'UPSTREAM_HTTP_ERROR',
  /** The upstream answer was not the JSON the REST API promises (malformed or of the wrong shape). */
  UPSTREAM_INVALID_RESPONSE: 'UPSTREAM_INVALID_RESPONSE',
  /**
   * An output asked for as GeoJSON (WGS84 by definition) is in a coordinate system that cannot be
   * projected: its wkid is in neither the EPSG nor the Esri list; `extensions.wkid` names it.
   * Ask for the output as Esri JSON, or with `outSR: 4326` so the server projects it.
   */
  UNSUPPORTED_SPATIAL_REFERENCE: 'UNSUPPORTED_SPATIAL_REFERENCE',
  /**
   * A URL outside the configured services (another origin, a path out of the service or job, user info,
   * a dot segment in any encoding) was refused before any request: typically a job's `paramUrl`.
   */
  UPSTREAM_URL_REJECTED: 'UPSTREAM_URL_REJECTED',
  /** The upstream answered HTTP 200 with an ArcGIS error body; `extensions.arcgisCode` and `details` carry it. */
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  /** The task ran and failed (ArcGIS "Error executing tool."); `details` carry the tool's messages. */
  TASK_FAILED: 'TASK_FAILED',
  /** The upstream requires a token and none was sent (ArcGIS 499). */
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  /** The token sent upstream is invalid or has expired (ArcGIS 498). */
  AUTH_INVALID: 'AUTH_INVALID',
  /** The credential may not use this resource (ArcGIS 403). */
  FORBIDDEN: 'FORBIDDEN',
  /** The user token a job was submitted with has expired while the job runs; watch it again with a fresh token. */
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  /** The GraphQL input failed validation before any upstream call; `extensions.parameter` names the GP parameter. */
  INVALID_INPUT: 'INVALID_INPUT',
  /**
   * A file upload was refused: over the gateway's or the service's size limit, a file type the service
   * does not take, or a malformed multipart request; `details` say which. Nothing of it is kept.
   */
  UPLOAD_REFUSED: 'UPLOAD_REFUSED',
  /** The service is configured but could not be introspected; it is retried in the background. */
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** The job id is malformed, names no configured service or task, or the job no longer exists upstream. */
  JOB_NOT_FOUND: 'JOB_NOT_FOUND',
  /** The job has already finished (succeeded, failed or timed out) and cannot be cancelled. */
  JOB_NOT_CANCELLABLE: 'JOB_NOT_CANCELLABLE',
  /** The operation exceeds a GraphQL limit (depth, aliases, tokens, directives or cost); `extensions.limit` names it. */
  OPERATION_LIMIT_EXCEEDED: 'OPERATION_LIMIT_EXCEEDED',
  /** The connection or the process already runs as many subscriptions as it may; others are unaffected. */
  TOO_MANY_SUBSCRIPTIONS: 'TOO_MANY_SUBSCRIPTIONS',
  /**
   * This instance is shutting down (a deploy): a new operation is refused, a subscription ends with
   * this error. Send it again or subscribe again (to another instance); the job goes on upstream.
   */
  SHUTTING_DOWN: 'SHUTTING_DOWN',
  /**
   * Access control is on and the request carried neither an API key nor a bearer JWT, or one the
   * gateway does not accept (unknown key; bad signature, issuer, audience; expired); HTTP 401.
   */
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  /** The identity provider's signing keys (JWKS) could not be fetched, so a JWT could not be checked; HTTP 503, try again. */
  AUTH_PROVIDER_UNAVAILABLE: 'AUTH_PROVIDER_UNAVAILABLE',
  /** The caller sent more operations than its rate allows; `extensions.retryAfter` says in how many seconds to try again (HTTP 429). */
  RATE_LIMITED: 'RATE_LIMITED',
  /**
   * Automatic persisted queries: the request named a document by its hash (`extensions.persistedQuery`)
   * and this gateway does not know it (any more). Send it again with `query`: Apollo's and urql's
   * persisted-query links do so on this code (message `PersistedQueryNotFound`, HTTP 200).
   */
  PERSISTED_QUERY_NOT_FOUND: 'PERSISTED_QUERY_NOT_FOUND',
  /**
   * A persisted query that cannot be taken: `extensions.persistedQuery` is not `{ version: 1,
   * sha256Hash: <64 hex digits> }`, or the hash is not the SHA-256 of the `query` sent with it; HTTP 400.
   */
  PERSISTED_QUERY_INVALID: 'PERSISTED_QUERY_INVALID',
  /**
   * The gateway runs only trusted documents (`trustedDocuments.only`) and the operation is not in the
   * manifest; send its `documentId` from the client build's manifest instead of the text; HTTP 400.
   */
  PERSISTED_QUERY_ONLY: 'PERSISTED_QUERY_ONLY',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];
