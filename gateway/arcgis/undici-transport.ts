import { Readable } from 'node:stream';
import { Agent, errors, request as undiciRequest } from 'undici';
import { timeoutError, type UpstreamTransport } from './upstream-transport.js';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/**
 * Requests through undici's `request()` on a keep-alive pool per origin: no Fetch-API Request and
 * Response objects, no web streams, no per-request AbortSignal or timer (undici's own header and
 * body timeouts are the budget; the caller's signal is passed only when it has one). On the echo
 * benchmark this alone took the gateway from 360 to about 600 requests/s (bench/REPORT.md, B1).
 * Redirects are not followed (`request()` never does). Its timeouts tick at about 0.5 s: a budget of
 * 100 ms fires within a second, which only tests notice (the gateway's is 60 s).
 */
export function undiciTransport(): UpstreamTransport & { close(): Promise<void> } {
  // Idle sockets close after 4 s, before any server's keep-alive (Node's default is 5 s): a pooled
  // socket is never reused just as the server closes it.
  const agent = new Agent({ keepAliveTimeout: 4_000, keepAliveMaxTimeout: 4_000, pipelining: 1 });
  const send: UpstreamTransport = async (req) => {
    let response: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      response = await undiciRequest(req.url, {
        dispatcher: agent,
        method: req.method,
        headers: req.headers,
        body: typeof req.body === 'string' || req.body === undefined ? req.body : Readable.from(req.body),
        signal: req.signal,
        headersTimeout: req.timeoutMs,
        bodyTimeout: req.timeoutMs,
      });
    } catch (error) {
      throw asTimeout(error, req.timeoutMs);
    }
    const location = response.headers.location;
    return {
      status: response.statusCode,
      statusText: '',
      location: typeof location === 'string' ? location : undefined,
      text: async () => {
        try {
          return await response.body.text();
        } catch (error) {
          throw asTimeout(error, req.timeoutMs);
        }
      },
      discard: async () => {
        await response.body.dump().catch(() => undefined);
      },
    };
  };
  return Object.assign(send, { close: () => agent.close() });
}

function asTimeout(error: unknown, ms: number): unknown {
  return error instanceof errors.UndiciError && TIMEOUT_CODES.has(error.code) ? Object.assign(timeoutError(ms), { cause: error }) : error;
}
