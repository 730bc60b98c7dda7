import type { Counter, Histogram } from 'prom-client';
import type { UpstreamCall, UpstreamCallShape } from '../arcgis/upstream-call.js';
import { upstreamEndpoint } from './upstream-endpoint.js';

/** `network`, `timeout` (the rest client's budget ran out) or `aborted` (the caller went away). */
function failureOf(error: unknown, signal: AbortSignal | null | undefined): string {
  const reason: unknown = signal?.aborted ? signal.reason : error;
  const name = reason instanceof Error ? reason.name : '';
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  return 'network';
}

/**
 * An upstream call (a `fetch` or a transport) counting each request by endpoint and HTTP status,
 * and timing it until the response headers (the body is read by the caller).
 */
export function meteredCall<A extends unknown[], R extends { readonly status: number }>(
  inner: UpstreamCall<A, R>,
  shape: UpstreamCallShape<A>,
  requests: Counter<'endpoint' | 'status'>,
  seconds: Histogram<'endpoint'>,
  now: () => number = () => performance.now(),
): UpstreamCall<A, R> {
  return async (...args) => {
    const { url, signal } = shape.describe(...args);
    const endpoint = upstreamEndpoint(url);
    const started = now();
    const done = (status: string): void => {
      requests.inc({ endpoint, status });
      seconds.observe({ endpoint }, (now() - started) / 1000);
    };
    try {
      const response = await inner(...args);
      done(String(response.status));
      return response;
    } catch (error) {
      done(failureOf(error, signal));
      throw error;
    }
  };
}
