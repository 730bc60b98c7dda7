import { GraphQLError, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { withoutUpstreamHosts } from '../../core/private-upstream.js';
import { mapIncrementalErrors } from './incremental-errors.js';

function hidden(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  // Only the gateway's own errors quote upstream URLs; anything else is masked whole or is the client's input.
  if (!(original instanceof GatewayError)) return error;
  const { url: _url, details, ...info } = original.info;
  const rewritten = new GatewayError(
    original.code,
    withoutUpstreamHosts(original.message),
    { ...info, ...(details ? { details: details.map(withoutUpstreamHosts) } : {}) },
    { cause: original.cause },
  );
  return new GraphQLError(rewritten.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: rewritten,
  });
}

function hideIn(result: ExecutionResult, setResult: (result: ExecutionResult) => void): void {
  const withIncremental = mapIncrementalErrors(result, hidden);
  if (withIncremental.errors?.length) setResult({ ...withIncremental, errors: withIncremental.errors.map(hidden) });
  else if (withIncremental !== result) setResult(withIncremental);
}

/**
 * The errors a caller sees lose their upstream URLs (their messages and ArcGIS details; error masking
 * then builds the answer from what is left): `[upstream]/Folder/Name/GPServer/…` still says which
 * service and task failed, the request log keeps the full URL (use-request-log.ts, `upstream error`).
 * Only the callers the deployment names as operators (`access.upstreamUrlCallers`) read them whole.
 */
export function usePrivateUpstream(): Plugin<{ upstreamInErrors?: boolean }> {
  return {
    onExecute({ args }) {
      if (args.contextValue.upstreamInErrors === true) return undefined;
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            hideIn(result, setResult);
          }),
      };
    },
    onSubscribe({ args }) {
      if (args.contextValue.upstreamInErrors === true) return undefined;
      return {
        onSubscribeResult: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            hideIn(result, setResult);
          }),
      };
    },
  };
}
