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
 * (a GatewayError gives its catalogue code, anything unexpected Yoga's `INTERNAL_SERVER_ERROR`);
 * `NONE` for GraphQL's own syntax, validation and coercion errors, which carry no code.
 */
export function errorCodeOf(error: unknown): string {
  const masked = maskError(error, 'Unexpected error.') as Error & { extensions?: { code?: unknown } };
  const code = masked.extensions?.code;
  return typeof code === 'string' ? code : 'NONE';
}

export function errorCodesOf(errors: readonly unknown[] | undefined): string[] {
  return (errors ?? []).map(errorCodeOf);
}
