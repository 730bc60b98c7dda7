import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { withoutQuery } from '../arcgis/safe-url.js';
import { upstreamEndpoint, urlOf } from '../metrics/upstream-endpoint.js';
import { traceHeaders } from './trace-context.js';

/**
 * `fetch` with a client span per upstream request (child of whatever span is active: the GraphQL
 * operation, or a job poll), the W3C `traceparent` sent on to the GPServer, and the URL recorded
 * without its query (which may hold a token). The span ends at the response headers, as the
 * request metrics do; the body is the caller's.
 */
export function tracedFetch(inner: typeof fetch, tracer: Tracer): typeof fetch {
  return async (input, init) => {
    const url = urlOf(input);
    const method = init?.method ?? (input instanceof Request ? input.method : 'GET');
    const endpoint = upstreamEndpoint(url);
    const span = tracer.startSpan(`${method} ${endpoint}`, {
      kind: SpanKind.CLIENT,
      attributes: { 'http.request.method': method, 'url.full': withoutQuery(url), 'gpgw.upstream.endpoint': endpoint },
    });
    try {
      const address = new URL(url);
      span.setAttributes({
        'server.address': address.hostname,
        'server.port': Number(address.port) || (address.protocol === 'https:' ? 443 : 80),
      });
    } catch {
      // An invalid URL fails in the inner fetch, which the span records.
    }
    const headers = new Headers(init?.headers);
    for (const [name, value] of Object.entries(traceHeaders(trace.setSpan(context.active(), span)))) headers.set(name, value);
    try {
      const response = await inner(input, { ...init, headers });
      span.setAttribute('http.response.status_code', response.status);
      if (response.status >= 400) span.setStatus({ code: SpanStatusCode.ERROR, message: `HTTP ${response.status}` });
      return response;
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
      throw error;
    } finally {
      span.end();
    }
  };
}
