import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/** How long the gateway's HTTP server waits on a client (README › Operations › Timeouts). */
export interface ServerTimeouts {
  /** To receive a request's headers: a client that sends them a byte at a time is cut (408). Default 20 s. */
  readonly headersMs: number;
  /** To receive a whole request, body included (uploads): past it the request is cut (408). Default 120 s. */
  readonly requestMs: number;
  /**
   * An idle keep-alive connection is closed after this. Longer than the idle timeouts of common load
   * balancers (60 s), so the balancer, not the gateway, closes first and never reuses a closing socket.
   * Default 65 s.
   */
  readonly keepAliveMs: number;
}

export const DEFAULT_SERVER_TIMEOUTS: ServerTimeouts = { headersMs: 20_000, requestMs: 120_000, keepAliveMs: 65_000 };

/**
 * The timeouts with the defaults filled in. Node refuses a headers timeout longer than the request
 * timeout (the headers are part of the request), so a headers timeout left to its default is at most
 * the request timeout: `--request-timeout 3` alone means 3 s for both. Two given ones that conflict
 * are left as they are, for the caller to refuse (the configuration model does, naming both options).
 */
export function effectiveTimeouts(given: Partial<ServerTimeouts>): ServerTimeouts {
  const requestMs = given.requestMs ?? DEFAULT_SERVER_TIMEOUTS.requestMs;
  return {
    headersMs: given.headersMs ?? Math.min(DEFAULT_SERVER_TIMEOUTS.headersMs, requestMs),
    requestMs,
    keepAliveMs: given.keepAliveMs ?? DEFAULT_SERVER_TIMEOUTS.keepAliveMs,
  };
}

/**
 * The `node:http` server the gateway listens with, timeouts set on purpose (Node's own: 60 s for
 * headers, 300 s per request, 5 s keep-alive, checked every 30 s, let 50 slow senders hold their
 * sockets for the whole run of a soak test). Long responses (SSE streams) and WebSockets are not
 * affected: the request timeout ends when the request has been received.
 */
export function createHttpServer(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  timeouts: Partial<ServerTimeouts> = {},
): Server {
  const { headersMs, requestMs, keepAliveMs } = effectiveTimeouts(timeouts);
  if (headersMs > requestMs)
    throw new RangeError(
      `The headers timeout (${headersMs} ms) must not exceed the request timeout (${requestMs} ms): the headers are part of the request.`,
    );
  const server = createServer(
    {
      headersTimeout: headersMs,
      requestTimeout: requestMs,
      keepAliveTimeout: keepAliveMs,
      // How often Node checks the two timeouts above: their resolution.
      connectionsCheckingInterval: Math.max(100, Math.min(1_000, headersMs / 4)),
    },
    handler,
  );
  return server;
}
