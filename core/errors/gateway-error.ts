import type { ErrorCode } from './error-codes.js';

export interface GatewayErrorDetails {
  /** ArcGIS `error.code` of an HTTP-200 error body, or the HTTP status of a non-2xx answer. */
  readonly arcgisCode?: number;
  /** ArcGIS `error.details` or tool messages. */
  readonly details?: readonly string[];
  /** The GP parameter an input error is about. */
  readonly parameter?: string;
  /** The upstream URL without its query (never a token). */
  readonly url?: string;
  /** Seconds after which a refused request may succeed (RATE_LIMITED). */
  readonly retryAfter?: number;
  /** Which limit refused the request (`concurrentJobs`). */
  readonly limit?: string;
  /** The coordinate system id that could not be projected (UNSUPPORTED_SPATIAL_REFERENCE). */
  readonly wkid?: number;
}

/** An error inside the gateway with a stable code; the GraphQL edge turns it into a GraphQLError. */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly info: GatewayErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
