import type { UpstreamRequest, UpstreamTransport } from './upstream-transport.js';

/**
 * What metrics and tracing need to know of an upstream call, whichever way it is sent (a `fetch`
 * for files and uploads, a transport for form and query requests): its URL, method and caller
 * signal, and how to send it with more headers. Each wrapper is written once against this.
 */
export interface UpstreamCallShape<A extends unknown[]> {
  describe(...args: A): { readonly url: string; readonly method: string; readonly signal?: AbortSignal | null };
  withHeaders(args: A, headers: Readonly<Record<string, string>>): A;
}

/** The URL a fetch is for, whichever form its input takes. */
function urlOf(input: string | URL | Request): string {
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

export type UpstreamCall<A extends unknown[], R extends { readonly status: number }> = (...args: A) => Promise<R>;

export const FETCH_CALL: UpstreamCallShape<Parameters<typeof fetch>> = {
  describe: (input, init) => ({
    url: urlOf(input),
    method: init?.method ?? (input instanceof Request ? input.method : 'GET'),
    signal: init?.signal,
  }),
  withHeaders: ([input, init], extra) => {
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(extra)) headers.set(name, value);
    return [input, { ...init, headers }];
  },
};

export const TRANSPORT_CALL: UpstreamCallShape<Parameters<UpstreamTransport>> = {
  describe: (request) => ({ url: request.url.href, method: request.method, signal: request.signal }),
  withHeaders: ([request], extra): [UpstreamRequest] => [{ ...request, headers: { ...request.headers, ...extra } }],
};
