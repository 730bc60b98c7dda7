import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import type { CallerAccess } from '../auth/caller-access.js';
import type { RateLimiter } from '../auth/rate-limit.js';

function refuse(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): true {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
  return true;
}

const MESSAGES = {
  missing: 'An API key is required: send it as the x-api-key header (apiKey in connection_init over WebSocket).',
  invalid: 'The API key is not valid.',
} as const;

export interface CallerGuard {
  readonly access: CallerAccess;
  readonly limiter: RateLimiter | undefined;
  /** The GraphiQL page (HTML, no data) loads without a key when GraphiQL is on. */
  readonly graphiql: boolean;
}

/**
 * Answers a GraphQL request over HTTP (and SSE) that may not run: no or an unknown API key (401
 * UNAUTHENTICATED), or over the caller's rate (429 RATE_LIMITED with `retry-after`). Returns true when
 * it answered.
 */
export function refuseCaller(req: IncomingMessage, res: ServerResponse, guard: CallerGuard, graphqlPath: string): boolean {
  if ((req.url ?? '/').split('?')[0] !== graphqlPath) return false;
  if (guard.graphiql && req.method === 'GET' && (req.headers.accept ?? '').includes('text/html')) return false;
  const header = req.headers['x-api-key'];
  const check = guard.access.check(Array.isArray(header) ? header[0] : header);
  if (!check.ok)
    return refuse(res, 401, ERROR_CODES.UNAUTHENTICATED, MESSAGES[check.reason], { 'www-authenticate': 'ApiKey header="x-api-key"' });
  if (req.method === 'OPTIONS' || !guard.limiter) return false;
  const rate = guard.limiter.take(check.caller);
  if (rate.ok) return false;
  return refuse(
    res,
    429,
    ERROR_CODES.RATE_LIMITED,
    `Too many operations: try again in ${rate.retryAfterSeconds} s.`,
    { 'retry-after': String(rate.retryAfterSeconds) },
    { retryAfter: rate.retryAfterSeconds },
  );
}

/** The same two checks for graphql-ws: at `connection_init`, and per operation. */
export function wsCallerGates(guard: CallerGuard): {
  admit: (params: unknown, socket: object) => boolean;
  gate: (socket: object) => GraphQLError | undefined;
} {
  const callers = new WeakMap<object, string>();
  return {
    admit: (params, socket) => {
      const key = typeof params === 'object' && params !== null ? (params as Record<string, unknown>).apiKey : undefined;
      const check = guard.access.check(typeof key === 'string' ? key : undefined);
      if (check.ok) callers.set(socket, check.caller);
      return check.ok;
    },
    gate: (socket) => {
      const rate = guard.limiter?.take(callers.get(socket) ?? 'anonymous');
      if (!rate || rate.ok) return undefined;
      return new GraphQLError(`Too many operations: try again in ${rate.retryAfterSeconds} s.`, {
        extensions: { code: ERROR_CODES.RATE_LIMITED, retryAfter: rate.retryAfterSeconds },
      });
    },
  };
}
