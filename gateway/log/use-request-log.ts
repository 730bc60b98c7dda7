import { randomUUID } from 'node:crypto';
import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { errorsIn } from '../graphql/incremental-errors.js';
import { gatewayErrorOf } from '../graphql/mask-error.js';
import { errorCodesOf, operationNameOf, operationTypeOf } from '../graphql/operation-info.js';
import type { Logger } from './logger.js';
import { causeOf } from '../../core/errors/error-cause.js';
import { causeChainText } from '../arcgis/network-failure.js';

/** Taken from the client only when it looks like an id (no log injection through it). */
const CLIENT_ID = /^[\w.:@/+=-]{1,128}$/;

interface RequestInfo {
  readonly requestId: string;
  /** Lines of this operation: the parent logger with `requestId` added per line (a child logger per operation cost more than it saves). */
  readonly log: Pick<Logger, 'info' | 'warn'>;
}

/**
 * One request id per GraphQL operation: the `x-request-id` header over HTTP and SSE when the client
 * sent a usable one, else a fresh UUID (every graphql-ws operation gets its own). It goes back in the
 * `x-request-id` response header, into the context (`requestId`) and onto every line
 * logged here: one line per operation (`graphql operation`, with its type, name, duration and error
 * codes), two per subscription (started, ended).
 */
export function useRequestLog(log: Logger): Plugin<{ requestId?: string }> & {
  /** The id given to a request's operation (for a door that writes its own response headers). */
  requestIdOf(request: object): string | undefined;
} {
  // Envelop keeps one context object per operation from parse to execution, extending it in place.
  const byContext = new WeakMap<object, RequestInfo>();
  const byRequest = new WeakMap<object, string>();
  const infoOf = (context: object): RequestInfo => {
    let info = byContext.get(context);
    if (info) return info;
    const request = (context as { request?: { headers: Pick<Headers, 'get'> } }).request;
    const header = request?.headers.get('x-request-id') ?? '';
    const requestId = CLIENT_ID.test(header) ? header : randomUUID();
    info = {
      requestId,
      log: {
        info: (message, fields) => {
          log.info(message, { requestId, ...fields });
        },
        warn: (message, fields) => {
          log.warn(message, { requestId, ...fields });
        },
      },
    };
    byContext.set(context, info);
    if (request) byRequest.set(request, requestId);
    return info;
  };
  const codes = (result: unknown, uncoded?: string): string[] => errorCodesOf(errorsIn(result), uncoded);

  return {
    requestIdOf: (request) => byRequest.get(request),
    onParse({ context }) {
      const info = infoOf(context);
      return ({ result }) => {
        if (result instanceof Error)
          info.log.info('graphql operation refused', { errors: codes({ errors: [result] }, 'GRAPHQL_PARSE_FAILED') });
      };
    },
    onValidate({ context, params }) {
      const info = infoOf(context);
      return ({ valid, result }) => {
        if (!valid)
          info.log.info('graphql operation refused', {
            operationType: operationTypeOf(params.documentAST),
            errors: codes({ errors: result }),
          });
      };
    },
    onContextBuilding({ context, extendContext }) {
      const info = infoOf(context);
      extendContext({ requestId: info.requestId });
    },
    onExecute({ args }) {
      const { log: requestLog } = infoOf(args.contextValue);
      const started = performance.now();
      const fields = {
        operationType: operationTypeOf(args.document, args.operationName),
        operationName: operationNameOf(args.operationName),
      };
      // What the answer says of an upstream failure names no host (use-private-upstream.ts): the log line
      // does, and keeps Node's own text of a failed connection (the address it tried) as `reason`.
      const logUpstream = (result: unknown): void => {
        for (const error of errorsIn(result)) {
          const failure = gatewayErrorOf(error);
          if (failure?.info.url === undefined) continue;
          const reason = causeChainText(failure.cause);
          requestLog.warn('upstream error', {
            code: failure.code,
            url: failure.info.url,
            message: failure.message,
            ...(reason === undefined ? {} : { reason }),
          });
        }
      };
      return {
        onExecuteDone({ result }) {
          const done = (errors: readonly string[], parts?: number): void => {
            const durationMs = Math.round(performance.now() - started);
            requestLog.info('graphql operation', { ...fields, durationMs, errors, ...(parts === undefined ? {} : { parts }) });
          };
          if (!isAsyncIterable(result)) {
            logUpstream(result);
            done(codes(result));
            return undefined;
          }
          // An incremental answer (@defer, @stream) is one operation, logged once its last part is sent.
          const errors = new Set<string>();
          let parts = 0;
          return {
            onNext: ({ result: part }) => {
              parts++;
              logUpstream(part);
              for (const code of codes(part)) errors.add(code);
            },
            onEnd: () => {
              done([...errors], parts);
            },
          };
        },
      };
    },
    onSubscribe({ args }) {
      const { log: requestLog } = infoOf(args.contextValue);
      const started = performance.now();
      const fields = { operationType: 'subscription', operationName: operationNameOf(args.operationName) };
      requestLog.info('subscription started', fields);
      const errors = new Set<string>();
      const ended = (): void => {
        requestLog.info('subscription ended', { ...fields, durationMs: Math.round(performance.now() - started), errors: [...errors] });
      };
      return {
        onSubscribeResult({ result }) {
          if (!isAsyncIterable(result)) {
            for (const code of codes(result)) errors.add(code);
            ended();
            return undefined;
          }
          return {
            onNext: ({ result: next }) => {
              for (const code of codes(next)) errors.add(code);
            },
            onEnd: ended,
          };
        },
        onSubscribeError({ error }) {
          const errors = errorCodesOf([error]);
          // A stream a client may not or cannot have (JOB_NOT_FOUND…) is an answer; anything else a fault.
          if (errors.every((code) => causeOf(code) === 'client')) requestLog.info('subscription refused', { ...fields, errors });
          else requestLog.warn('subscription failed', { ...fields, errors });
        },
      };
    },
    onResponse({ request, response }) {
      const requestId = byRequest.get(request);
      if (requestId !== undefined) response.headers.set('x-request-id', requestId);
    },
  };
}
