import { GraphQLError } from 'graphql';
import { ERROR_CODES } from '../../core/errors/error-codes.js';

export type LimitName = 'nesting' | 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

/**
 * The error of an operation refused by a GraphQL limit. graphql-armor words it as a "Syntax
 * Error" without a code; the gateway gives it the catalogue's code and names the limit.
 */
export function limitExceeded(limit: LimitName, armorError: GraphQLError): GraphQLError {
  const message = armorError.message.replace(/^Syntax Error: /, '');
  return new GraphQLError(message, { extensions: { code: ERROR_CODES.OPERATION_LIMIT_EXCEEDED, limit } });
}

export function tooManySubscriptions(scope: 'connection' | 'process' | 'caller', max: number): GraphQLError {
  return new GraphQLError(`Too many subscriptions: this ${scope} may run at most ${max} at once.`, {
    extensions: { code: ERROR_CODES.TOO_MANY_SUBSCRIPTIONS, scope, max },
  });
}
