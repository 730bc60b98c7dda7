import type { Counter, Histogram } from 'prom-client';
import { upstreamEndpoint, urlOf } from './upstream-endpoint.js';

/** `network`, `timeout` (the rest client's budget ran out) or `aborted` (the caller went away). */
function failureOf(error: unknown, signal: AbortSignal | null | undefined): string {
  const reason: unknown = signal?.aborted ? signal.reason : error;
  const name = reason instanceof Error ? reason.name : '';
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  return 'network';
}

/**
 * `fetch` counting each upstream request by endpoint and HTTP status, and timing it until the
 * response headers (the body is read by the caller). Wraps the fetch the gateway was given.
 */
export function meteredFetch(
  inner: typeof fetch,
  requests: Counter<'endpoint' | 'status'>,
  seconds: Histogram<'endpoint'>,
  now: () => number = () => performance.now(),
): typeof fetch {
  return async (input, init) => {
    const endpoint = upstreamEndpoint(urlOf(input));
    const started = now();
    const done = (status: string): void => {
      requests.inc({ endpoint, status });
      seconds.observe({ endpoint }, (now() - started) / 1000);
    };
    try {
      const response = await inner(input, init);
      done(String(response.status));
      return response;
    } catch (error) {
      done(failureOf(error, init?.signal));
      throw error;
    }
  };
}
