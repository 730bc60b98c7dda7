import { context, SpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { getOperationAST, type ExecutionArgs, type ExecutionResult } from 'graphql';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { callerTraceContext } from './trace-context.js';

/** What the GraphQL context offers to find the caller's trace: the HTTP request, or the graphql-ws payloads. */
interface TraceCarriers {
  readonly request?: Request;
  readonly connectionParams?: unknown;
  readonly params?: { readonly extensions?: unknown };
  readonly caller?: string;
}

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};

function operationSpan(tracer: Tracer, args: ExecutionArgs): Span {
  const carriers = args.contextValue as TraceCarriers;
  // Over WebSocket: `traceparent` in the operation's extensions, else in connection_init.
  const parent = callerTraceContext(
    carriers.request ? carriers.request.headers : { ...record(carriers.connectionParams), ...record(carriers.params?.extensions) },
  );
  const operation = getOperationAST(args.document, args.operationName);
  const type = operation?.operation ?? 'query';
  const name = operation?.name?.value;
  return tracer.startSpan(
    name ? `${type} ${name}` : type,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'graphql.operation.type': type,
        ...(name ? { 'graphql.operation.name': name } : {}),
        ...(carriers.caller ? { 'gpgw.caller': carriers.caller } : {}),
      },
    },
    parent,
  );
}

const codeOf = (error: unknown): string | undefined => (error instanceof GatewayError ? error.code : undefined);

function noteErrors(span: Span, result: ExecutionResult): void {
  if (!result.errors?.length) return;
  // Seen before error masking: a gateway error's code is still on the original error.
  const codes = [
    ...new Set(
      result.errors.map((error) => {
        const code = error.extensions.code;
        return typeof code === 'string' ? code : (codeOf(error.originalError) ?? 'INTERNAL');
      }),
    ),
  ];
  span.setAttribute('gpgw.error.codes', codes);
  span.setStatus({ code: SpanStatusCode.ERROR, message: codes.join(', ') });
}

/** Ends the span with the result, or, for a stream, when it ends (completed, failed or cancelled). */
function settle(span: Span, result: ExecutionResult | AsyncIterable<ExecutionResult>) {
  if (!isAsyncIterable(result)) {
    noteErrors(span, result);
    span.end();
    return undefined;
  }
  let events = 0;
  return {
    onNext: ({ result: event }: { result: ExecutionResult }) => {
      events += 1;
      noteErrors(span, event);
    },
    onEnd: () => {
      span.setAttribute('gpgw.events', events);
      span.end();
    },
  };
}

/** `fn` run with `active` as the active context (envelop types execute's result `any`: kept as it is). */
function inContext<F extends (args: ExecutionArgs) => unknown>(active: Context, fn: F): F {
  return ((args: ExecutionArgs): unknown => context.with(active, () => fn(args))) as F;
}

/**
 * A server span per GraphQL operation, child of the caller's W3C `traceparent` (HTTP header, or
 * graphql-ws `connection_init`/operation extensions), active while it executes, so each upstream
 * request it makes is its child. A subscription's span lasts until its stream ends and counts its
 * events. Operations that fail carry their error codes.
 */
export function useTracing(tracer: Tracer): Plugin {
  return {
    onExecute({ args, executeFn, setExecuteFn }) {
      const span = operationSpan(tracer, args);
      const active = trace.setSpan(context.active(), span);
      setExecuteFn(inContext(active, executeFn));
      return { onExecuteDone: ({ result }) => settle(span, result) };
    },
    onSubscribe({ args, subscribeFn, setSubscribeFn }) {
      const span = operationSpan(tracer, args);
      const active = trace.setSpan(context.active(), span);
      setSubscribeFn(inContext(active, subscribeFn));
      return { onSubscribeResult: ({ result }) => settle(span, result) };
    },
  };
}
