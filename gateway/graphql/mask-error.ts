import { GraphQLError } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { GatewayError } from '../../core/errors/gateway-error.js';

/** The GatewayError behind an error, through GraphQL's wrapping. */
export function gatewayErrorOf(error: unknown): GatewayError | undefined {
  if (error instanceof GatewayError) return error;
  // Duck-typed: a second copy of graphql (ESM beside CJS) makes `instanceof GraphQLError` unreliable.
  if (typeof error === 'object' && error !== null && 'originalError' in error) return gatewayErrorOf(error.originalError);
  return undefined;
}

/**
 * The GraphQL edge of the two error layers: a GatewayError becomes a GraphQLError whose
 * `extensions.code` comes from the catalogue (with the ArcGIS code and details when there are
 * some); GraphQL's own errors pass; everything else is masked by Yoga.
 */
export function maskError(error: unknown, message: string, isDev?: boolean): Error {
  const gatewayError = gatewayErrorOf(error);
  if (gatewayError) {
    const { arcgisCode, details, parameter, retryAfter, limit, wkid } = gatewayError.info;
    return new GraphQLError(gatewayError.message, {
      ...(error instanceof GraphQLError ? { nodes: error.nodes, path: error.path, source: error.source, positions: error.positions } : {}),
      extensions: {
        code: gatewayError.code,
        ...(arcgisCode !== undefined ? { arcgisCode } : {}),
        ...(details !== undefined ? { details } : {}),
        ...(parameter !== undefined ? { parameter } : {}),
        ...(limit !== undefined ? { limit } : {}),
        ...(retryAfter !== undefined ? { retryAfter } : {}),
        ...(wkid !== undefined ? { wkid } : {}),
      },
    });
  }
  // Errors without a path come from parsing, validation or variable coercion: the client's own input, safe to show.
  if (
    error instanceof GraphQLError &&
    (error.path === undefined || error.originalError === undefined || error.originalError.name === 'GraphQLError')
  ) {
    // Yoga codes syntax and validation errors on their way out; a variable that fails coercion has none.
    if (error.extensions.code !== undefined || !error.message.startsWith('Variable "$')) return error;
    return new GraphQLError(error.message, {
      nodes: error.nodes,
      source: error.source,
      positions: error.positions,
      path: error.path,
      originalError: error.originalError,
      extensions: { ...error.extensions, code: 'BAD_USER_INPUT' },
    });
  }
  return yogaMaskError(error, message, isDev);
}
