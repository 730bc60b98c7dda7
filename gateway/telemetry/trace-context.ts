import { context as otelContext, ROOT_CONTEXT, type Context } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

const propagator = new W3CTraceContextPropagator();

/** Fetch-API headers, Node's or the server adapter's own (so no `instanceof Headers`). */
type HeaderLike = Pick<Headers, 'get' | 'keys'>;
const isHeaders = (carrier: unknown): carrier is HeaderLike =>
  typeof carrier === 'object' && carrier !== null && typeof (carrier as Partial<HeaderLike>).get === 'function';

/** Reads `traceparent`/`tracestate` from headers or a graphql-ws `connection_init` payload. */
const getter = {
  keys: (carrier: unknown): string[] => (isHeaders(carrier) ? [...carrier.keys()] : Object.keys(carrier as object)),
  get: (carrier: unknown, key: string): string | undefined => {
    if (isHeaders(carrier)) return carrier.get(key) ?? undefined;
    for (const [name, value] of Object.entries(carrier as object))
      if (name.toLowerCase() === key && typeof value === 'string') return value;
    return undefined;
  },
};

/** The caller's trace (W3C Trace Context), the parent of the gateway's spans; none: a new trace. */
export function callerTraceContext(carrier: HeaderLike | Record<string, unknown> | undefined): Context {
  return carrier ? propagator.extract(ROOT_CONTEXT, carrier, getter) : ROOT_CONTEXT;
}

/** The active span as `traceparent` (and `tracestate`) headers, for an upstream request. */
export function traceHeaders(active: Context = otelContext.active()): Record<string, string> {
  const headers: Record<string, string> = {};
  propagator.inject(active, headers, {
    set: (_carrier, key, value) => {
      headers[key] = value;
    },
  });
  return headers;
}
