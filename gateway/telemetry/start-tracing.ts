import { context, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';

export interface Tracing {
  readonly tracer: Tracer;
  /** Sends the spans still buffered (the CLI calls it before exit). */
  shutdown(): Promise<void>;
}

/** `http://collector:4318` → `http://collector:4318/v1/traces`, as OTEL_EXPORTER_OTLP_ENDPOINT is read; a full traces URL stays. */
export function tracesUrl(endpoint: string): string {
  const url = new URL(endpoint);
  if (!url.pathname.endsWith('/v1/traces')) url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
  return url.href;
}

/**
 * Spans exported over OTLP/HTTP (JSON) to `endpoint`, batched. The provider is the gateway's own,
 * not registered globally, so an application that embeds the gateway keeps its own; the context
 * manager (AsyncLocalStorage) is registered once per process, because a span is found as "active"
 * across awaits only through it.
 */
export function startTracing(options: { endpoint: string; serviceName?: string; version?: string }): Tracing {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': options.serviceName ?? 'gp-graphql-gateway',
      ...(options.version ? { 'service.version': options.version } : {}),
    }),
    spanProcessors: [
      new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesUrl(options.endpoint) }), scheduledDelayMillis: 1_000 }),
    ],
  });
  return {
    tracer: provider.getTracer('gp-graphql-gateway', options.version),
    shutdown: () => provider.shutdown(),
  };
}
