import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { errorsIn } from '../graphql/incremental-errors.js';
import { errorCodeOf, operationTypeOf } from '../graphql/operation-info.js';
import type { GatewayMetrics } from './gateway-metrics.js';

/**
 * `gpgw_graphql_requests_total` and `gpgw_graphql_errors_total`, over HTTP, SSE and graphql-ws alike
 * (all run through envelop). Each operation is counted once: at the syntax error, the validation
 * failure, or when it executes or subscribes. Errors are counted per error sent, stream events included.
 */
export function useGraphqlMetrics(metrics: GatewayMetrics): Plugin {
  const countErrors = (errors: readonly unknown[] | undefined, uncoded?: string): void => {
    for (const error of errors ?? []) metrics.graphqlErrors.inc({ code: errorCodeOf(error, uncoded) });
  };
  const countResult = (result: unknown): void => {
    countErrors(errorsIn(result));
  };
  /** A single result is counted now; a stream, event by event. */
  const countResultOrStream = (result: unknown) => {
    if (!isAsyncIterable(result)) {
      countResult(result);
      return undefined;
    }
    return {
      onNext: ({ result: next }: { result: unknown }) => {
        countResult(next);
      },
    };
  };

  return {
    onParse() {
      return ({ result }) => {
        if (result instanceof Error) {
          metrics.graphqlRequests.inc({ operation_type: 'unknown' });
          countErrors([result], 'GRAPHQL_PARSE_FAILED');
        }
      };
    },
    onValidate({ params }) {
      return ({ valid, result }) => {
        if (valid) return;
        metrics.graphqlRequests.inc({ operation_type: operationTypeOf(params.documentAST) });
        countErrors(result);
      };
    },
    onExecute({ args }) {
      metrics.graphqlRequests.inc({ operation_type: operationTypeOf(args.document, args.operationName) });
      return {
        onExecuteDone: ({ result }) => countResultOrStream(result),
      };
    },
    onSubscribe({ args }) {
      metrics.graphqlRequests.inc({ operation_type: operationTypeOf(args.document, args.operationName) });
      return {
        onSubscribeResult: ({ result }) => countResultOrStream(result),
        onSubscribeError({ error }) {
          countErrors([error]);
        },
      };
    },
  };
}
