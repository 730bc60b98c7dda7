import { GraphQLError, type ExecutionResult } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

/** A part of an incremental (`@defer`/`@stream`) answer: its errors sit in `incremental[]`, not at the top. */
interface IncrementalPart {
  readonly incremental?: readonly { readonly errors?: readonly GraphQLError[] }[];
}

/** Every error a result or a part of an incremental answer carries: its own, then its incremental entries'. */
export function errorsIn(result: unknown): readonly unknown[] {
  const { errors, incremental } = (result ?? {}) as {
    errors?: readonly unknown[];
    incremental?: readonly { errors?: readonly unknown[] }[];
  };
  if (!incremental) return errors ?? [];
  return [...(errors ?? []), ...incremental.flatMap((entry) => entry.errors ?? [])];
}

/** The result with each error of its incremental entries mapped; the same object when there are none. */
export function mapIncrementalErrors(result: ExecutionResult, map: (error: GraphQLError) => GraphQLError): ExecutionResult {
  const { incremental } = result as ExecutionResult & IncrementalPart;
  if (!incremental?.some((entry) => entry.errors?.length)) return result;
  return {
    ...result,
    incremental: incremental.map((entry) => (entry.errors?.length ? { ...entry, errors: entry.errors.map(map) } : entry)),
  } as ExecutionResult;
}

/**
 * Error masking for the later parts of an incremental answer. Yoga masks a result's top-level
 * `errors` only; a deferred fragment's errors travel in `incremental[].errors`, where an upstream
 * failure or an unexpected error (with its message and stack) would otherwise reach the client as is.
 */
export function useMaskedIncrementalErrors(maskError: (error: unknown, message: string) => Error): Plugin {
  const masked = (error: GraphQLError): GraphQLError => {
    const result = maskError(error, 'Unexpected error.');
    return result instanceof GraphQLError ? result : new GraphQLError(result.message);
  };
  return {
    onExecute() {
      return {
        onExecuteDone: (payload) =>
          handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
            const mapped = mapIncrementalErrors(result, masked);
            if (mapped !== result) setResult(mapped);
          }),
      };
    },
  };
}
