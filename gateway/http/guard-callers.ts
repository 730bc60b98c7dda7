import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import type { CallerAccess, CallerCheck, RefusalReason } from '../auth/caller-access.js';
import { presentedInConnectionParams, presentedInHeaders } from '../auth/caller-token.js';
import type { CallerRateLimit, RateDecision } from '../auth/rate-limit.js';
import { SHUTTING_DOWN_ANSWER } from '../lifecycle/drain.js';
import type { Logger } from '../log/logger.js';
import type { Clock } from '../../core/clock.js';

const MESSAGES: Record<RefusalReason, string> = {
  missing:
    'Credentials are required: an API key as the x-api-key header, or a bearer JWT as the Authorization header (apiKey or authorization in connection_init over WebSocket).',
  'invalid-key': 'The API key is not valid.',
  'invalid-token': 'The bearer token is not valid',
  expired: 'The bearer token has expired: get a new one from the identity provider.',
  unverifiable: 'The bearer token cannot be checked now: the identity provider could not be reached. Try again.',
};

/** The answer to a refused caller: 401, or 503 when the identity provider is down (the caller did nothing wrong). */
export function refusedCaller(check: Extract<CallerCheck, { ok: false }>): Response {
  if (check.reason === 'unverifiable')
    return refusal(503, ERROR_CODES.AUTH_PROVIDER_UNAVAILABLE, MESSAGES.unverifiable, { 'retry-after': '5' }, { retryAfter: 5 });
  const message = check.reason === 'invalid-token' ? `${MESSAGES['invalid-token']}: ${check.detail ?? 'refused'}.` : MESSAGES[check.reason];
  return refusal(401, ERROR_CODES.UNAUTHENTICATED, message, { 'www-authenticate': 'Bearer, ApiKey header="x-api-key"' });
}

export interface CallerGuard {
  readonly access: CallerAccess;
  /** Operations per minute per caller: in this process, or shared through Redis (then its answer is awaited). */
  readonly limiter: CallerRateLimit | undefined;
  /** The GraphiQL page (HTML, no data) loads without a key when GraphiQL is on. */
  readonly graphiql: boolean;
  /** True while the instance drains: new requests and connections are refused. */
  readonly draining: () => boolean;
  readonly log: Logger;
  /** Times a WebSocket's credential out (a JWT's expiry). */
  readonly clock: Clock;
}

/** What the guard needs of a WebSocket: to close it, and to know when it closed. */
export interface GuardedSocket {
  close(code?: number, reason?: string): void;
  once(event: 'close', listener: () => void): unknown;
}

/** Close code and reason when a socket's JWT expires: graphql-ws clients reconnect on 4403, with fresh `connectionParams`. */
const TOKEN_EXPIRED_CLOSE = [4403, 'Forbidden: the token has expired'] as const;

function refusal(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
  extensions: Record<string, unknown> = {},
): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

/**
 * Every request Yoga answers (whatever its path, and `Gateway.fetch` too) passes here first: while
 * draining, 503 SHUTTING_DOWN; without a valid API key or JWT when access control is on, 401
 * UNAUTHENTICATED (503 AUTH_PROVIDER_UNAVAILABLE when a JWT's keys cannot be fetched); over the caller's rate, 429 RATE_LIMITED with `retry-after`. CORS preflights pass (a browser sends
 * no key with them), and the refusals go out through Yoga's CORS handling, so a page can read them.
 */
type HttpAdmission = Response | undefined;

/**
 * The checks of one HTTP request (a Fetch request, or the plain-POST door's): a refusal to send, or
 * undefined when admitted (its caller then remembered under `key`).
 */
function admitHttp(
  guard: CallerGuard,
  callers: WeakMap<object, string>,
  key: object,
  request: { readonly method: string; readonly headers: Pick<Headers, 'get'> },
): HttpAdmission | Promise<HttpAdmission> {
  const limited = (caller: string, rate: RateDecision | undefined): HttpAdmission => {
    if (!rate || rate.ok) return undefined;
    guard.log.info('caller rate-limited', { caller, retryAfter: rate.retryAfterSeconds });
    return refusal(
      429,
      ERROR_CODES.RATE_LIMITED,
      `Too many operations: try again in ${rate.retryAfterSeconds} s.`,
      { 'retry-after': String(rate.retryAfterSeconds) },
      { retryAfter: rate.retryAfterSeconds },
    );
  };
  const admitted = (check: CallerCheck): HttpAdmission | Promise<HttpAdmission> => {
    if (!check.ok) {
      guard.log.info('caller refused', { reason: check.reason, detail: check.detail });
      return refusedCaller(check);
    }
    callers.set(key, check.caller);
    const rate = guard.limiter?.take(check.caller);
    // Only a shared limit waits (for Redis); the process's own answers at once.
    return rate instanceof Promise ? rate.then((decided) => limited(check.caller, decided)) : limited(check.caller, rate);
  };
  if (request.method === 'OPTIONS') return undefined;
  if (guard.draining()) {
    return new Response(SHUTTING_DOWN_ANSWER.body, { status: SHUTTING_DOWN_ANSWER.status, headers: SHUTTING_DOWN_ANSWER.headers });
  }
  if (guard.graphiql && request.method === 'GET' && (request.headers.get('accept') ?? '').includes('text/html')) return undefined;
  const check = guard.access.check(presentedInHeaders(request.headers));
  // Only a JWT waits (for its signing keys); keys and open access answer at once.
  return check instanceof Promise ? check.then(admitted) : admitted(check);
}

function useCallerGuard(guard: CallerGuard, callers: WeakMap<object, string>): Plugin {
  return {
    onRequest(payload) {
      const end = (refused: HttpAdmission): void => {
        if (refused) payload.endResponse(refused);
      };
      // Handed over by the plain-POST door after it admitted the caller: not counted twice.
      if (callers.has(payload.request)) return undefined;
      const admission = admitHttp(guard, callers, payload.request, payload.request);
      if (admission instanceof Promise) return admission.then(end);
      end(admission);
      return undefined;
    },
  };
}

/**
 * A socket admitted by a JWT lives as long as the token: at its expiry the socket is closed with
 * 4403, on which a graphql-ws client reconnects (with fresh `connectionParams` when they are a
 * function) and subscribes again. The wait ends with the socket.
 */
function closeAtExpiryWith(guard: CallerGuard): (socket: GuardedSocket, untilMs: number) => void {
  return (socket, untilMs) => {
    const gone = new AbortController();
    socket.once('close', () => {
      gone.abort();
    });
    guard.clock.sleep(untilMs - guard.clock.now(), gone.signal).then(
      () => {
        guard.log.info('caller token expired: socket closed', { transport: 'graphql-ws' });
        socket.close(...TOKEN_EXPIRED_CLOSE);
      },
      () => undefined,
    );
  };
}

/** The same checks for graphql-ws: at `connection_init`, and per operation. */
function wsCallerGates(
  guard: CallerGuard,
  callers: WeakMap<object, string>,
): {
  admit: (params: unknown, socket: GuardedSocket) => boolean | Promise<boolean>;
  gate: (socket: object) => GraphQLError | undefined | Promise<GraphQLError | undefined>;
} {
  const closeAtExpiry = closeAtExpiryWith(guard);
  return {
    admit: (params, socket) => {
      const admitted = (check: CallerCheck): boolean => {
        if (!check.ok) {
          guard.log.info('caller refused', { reason: check.reason, detail: check.detail, transport: 'graphql-ws' });
          return false;
        }
        callers.set(socket, check.caller);
        if (check.untilMs !== undefined) closeAtExpiry(socket, check.untilMs);
        return true;
      };
      const check = guard.access.check(presentedInConnectionParams(params));
      return check instanceof Promise ? check.then(admitted) : admitted(check);
    },
    gate: (socket) => {
      if (guard.draining()) {
        return new GraphQLError('This gateway instance is shutting down: subscribe again.', {
          extensions: { code: ERROR_CODES.SHUTTING_DOWN },
        });
      }
      const caller = callers.get(socket) ?? 'anonymous';
      const limited = (rate: RateDecision | undefined): GraphQLError | undefined => {
        if (!rate || rate.ok) return undefined;
        guard.log.info('caller rate-limited', { caller, retryAfter: rate.retryAfterSeconds, transport: 'graphql-ws' });
        return new GraphQLError(`Too many operations: try again in ${rate.retryAfterSeconds} s.`, {
          extensions: { code: ERROR_CODES.RATE_LIMITED, retryAfter: rate.retryAfterSeconds },
        });
      };
      const rate = guard.limiter?.take(caller);
      return rate instanceof Promise ? rate.then(limited) : limited(rate);
    },
  };
}

/**
 * The guard on both transports, and who each admitted request or socket is (its key id, `anonymous`
 * without access control): checked once at the door, read by per-caller limits without a second digest.
 */
export function callerGuard(guard: CallerGuard): {
  readonly plugin: Plugin;
  readonly ws: ReturnType<typeof wsCallerGates>;
  /** The same checks for a request answered outside Yoga (the plain-POST door); `key` is its context's `request`. */
  admit(key: object, request: { readonly method: string; readonly headers: Pick<Headers, 'get'> }): HttpAdmission | Promise<HttpAdmission>;
  carryOver(admitted: object, request: Request): void;
  callerOf(request: Request | undefined, socket: unknown): string;
} {
  const callers = new WeakMap<object, string>();
  return {
    plugin: useCallerGuard(guard, callers),
    admit: (key, request) => admitHttp(guard, callers, key, request),
    carryOver: (admitted, request) => {
      const caller = callers.get(admitted);
      if (caller !== undefined) callers.set(request, caller);
    },
    ws: wsCallerGates(guard, callers),
    callerOf: (request, socket) => callers.get(request ?? (typeof socket === 'object' && socket !== null ? socket : {})) ?? 'anonymous',
  };
}
