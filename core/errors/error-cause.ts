import type { ErrorCode } from './error-codes.js';

/**
 * Whose doing an error is, which decides how loudly it is logged: the `client`'s (its input, its
 * credential, its limits: an answer, not an incident; debug), the `upstream`'s (a GPServer that fails
 * or is away: warn), or neither, an unexpected failure of the gateway itself (error, with its stack).
 */
export type ErrorCause = 'client' | 'upstream';

const CAUSES: Readonly<Record<ErrorCode, ErrorCause>> = {
  UPSTREAM_UNREACHABLE: 'upstream',
  UPSTREAM_TIMEOUT: 'upstream',
  UPSTREAM_HTTP_ERROR: 'upstream',
  UPSTREAM_INVALID_RESPONSE: 'upstream',
  UPSTREAM_URL_REJECTED: 'upstream',
  UNSUPPORTED_SPATIAL_REFERENCE: 'upstream',
  UPSTREAM_ERROR: 'upstream',
  SERVICE_UNAVAILABLE: 'upstream',
  TASK_FAILED: 'client',
  AUTH_REQUIRED: 'client',
  AUTH_INVALID: 'client',
  FORBIDDEN: 'client',
  TOKEN_EXPIRED: 'client',
  INVALID_INPUT: 'client',
  UPLOAD_REFUSED: 'client',
  JOB_NOT_FOUND: 'client',
  JOB_NOT_CANCELLABLE: 'client',
  OPERATION_LIMIT_EXCEEDED: 'client',
  TOO_MANY_SUBSCRIPTIONS: 'client',
  SHUTTING_DOWN: 'client',
  UNAUTHENTICATED: 'client',
  RATE_LIMITED: 'client',
  AUTH_PROVIDER_UNAVAILABLE: 'upstream',
  PERSISTED_QUERY_NOT_FOUND: 'client',
  PERSISTED_QUERY_INVALID: 'client',
  PERSISTED_QUERY_ONLY: 'client',
};

export function causeOf(code: string): ErrorCause | undefined {
  return Object.hasOwn(CAUSES, code) ? CAUSES[code as ErrorCode] : undefined;
}
