import { getOperationAST, Kind, type DocumentNode } from 'graphql';
import { maskError } from './mask-error.js';

export type OperationType = 'query' | 'mutation' | 'subscription' | 'unknown';

/** Takes envelop's loosely typed arguments (`any`) as they come. */
export function operationTypeOf(document: unknown, operationName?: unknown): OperationType {
  if (typeof document !== 'object' || document === null || !('kind' in document) || document.kind !== Kind.DOCUMENT) return 'unknown';
  return getOperationAST(document as DocumentNode, operationNameOf(operationName))?.operation ?? 'unknown';
}

export function operationNameOf(operationName: unknown): string | undefined {
  return typeof operationName === 'string' ? operationName : undefined;
}

/**
 * The `extensions.code` the client gets for `error`: the same masking the responses go through
 * (a GatewayError gives its catalogue code, a variable that fails coercion `BAD_USER_INPUT`, anything
 * unexpected Yoga's `INTERNAL_SERVER_ERROR`); a GraphQL error still without one is what Yoga codes on
 * its way out: `uncoded` (`GRAPHQL_PARSE_FAILED` at parsing, `GRAPHQL_VALIDATION_FAILED` otherwise).
 */
export function errorCodeOf(error: unknown, uncoded = 'GRAPHQL_VALIDATION_FAILED'): string {
  const masked = maskError(error, 'Unexpected error.') as Error & { extensions?: { code?: unknown } };
  const code = masked.extensions?.code;
  return typeof code === 'string' ? code : uncoded;
}

export function errorCodesOf(errors: readonly unknown[] | undefined, uncoded?: string): string[] {
  return (errors ?? []).map((error) => errorCodeOf(error, uncoded));
}
