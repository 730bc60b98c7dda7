import { deadline } from '../abort-deadline.js';

/** One form or query request to a GPServer (not a file download, not a multipart upload). */
export interface UpstreamRequest {
  readonly method: 'GET' | 'POST';
  readonly url: URL;
  readonly headers: Record<string, string>;
  /** A form, or a multipart body produced as it is sent (uploads). */
  readonly body?: string | AsyncIterable<Uint8Array>;
  /** The caller's own lifetime (a client that can go away); none: only the timeout bounds the request. */
  readonly signal?: AbortSignal;
  readonly timeoutMs: number;
}

export interface UpstreamResponse {
  readonly status: number;
  readonly statusText: string;
  /** The `location` of a redirect, which is never followed. */
  readonly location: string | undefined;
  text(): Promise<string>;
  /** Drops the body unread (an error status). */
  discard(): Promise<void>;
}

/** How the REST client sends its requests: undici by default (undici-transport.ts), or any `fetch`. */
export type UpstreamTransport = (request: UpstreamRequest) => Promise<UpstreamResponse>;

/** The error a transport throws when `timeoutMs` ran out: the name the REST client reads as UPSTREAM_TIMEOUT. */
export function timeoutError(ms: number): DOMException {
  return new DOMException(`The request did not finish within ${ms} ms`, 'TimeoutError');
}

/**
 * Requests through a `fetch` (an injected one: tests record or fault requests with it), the timeout
 * a deadline that follows the caller's signal and is released with the request.
 */
export function fetchTransport(doFetch: typeof fetch): UpstreamTransport {
  return async (request) => {
    const budget = deadline(request.timeoutMs, request.signal);
    const timedOut = (error: unknown): unknown => (budget.timedOut() ? timeoutError(request.timeoutMs) : error);
    try {
      const response = await doFetch(request.url, {
        method: request.method,
        headers: request.headers,
        // A produced body needs `duplex: 'half'` (Fetch's rule for streamed request bodies).
        ...(request.body === undefined
          ? {}
          : { body: request.body as BodyInit, ...(typeof request.body === 'string' ? {} : { duplex: 'half' }) }),
        signal: budget.signal,
        redirect: 'manual',
      });
      let read: Promise<string> | undefined;
      return {
        status: response.status,
        statusText: response.statusText,
        location: response.headers.get('location') ?? undefined,
        text: () =>
          (read ??= response.text().catch((error: unknown) => {
            throw timedOut(error);
          })).finally(() => {
            budget.release();
          }),
        discard: async () => {
          budget.release();
          await response.body?.cancel().catch(() => undefined);
        },
      };
    } catch (error) {
      budget.release();
      throw timedOut(error);
    }
  };
}
