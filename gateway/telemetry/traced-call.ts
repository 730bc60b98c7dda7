import { context, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import type { UpstreamCall, UpstreamCallShape } from '../arcgis/upstream-call.js';
import { withoutQuery } from '../arcgis/safe-url.js';
import { upstreamEndpoint } from '../metrics/upstream-endpoint.js';
import { traceHeaders } from './trace-context.js';

/**
 * An upstream call (a `fetch` or a transport) with a client span per request (child of whatever
 * span is active: the GraphQL operation, or a job poll), the W3C `traceparent` sent on to the
 * GPServer, and the URL recorded without its query (which may hold a token). The span ends at the
 * response headers, as the request metrics do; the body is the caller's.
 */
export function tracedCall<A extends unknown[], R extends { readonly status: number }>(
  inner: UpstreamCall<A, R>,
  shape: UpstreamCallShape<A>,
  tracer: Tracer,
): UpstreamCall<A, R> {
  return async (...args) => {
    const { url, method } = shape.describe(...args);
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
      // An invalid URL fails in the inner call, which the span records.
    }
    try {
      const response = await inner(...shape.withHeaders(args, traceHeaders(trace.setSpan(context.active(), span))));
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
