import type { GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/**
 * Each operation gets the schema current when it starts (HTTP, SSE and WebSocket alike); a schema
 * swapped in later serves the next operation, while running ones and open subscriptions keep theirs.
 * Yoga's own schema factory needs a fetch Request, which graphql-ws operations do not have.
 */
export function useLiveSchema(current: () => GraphQLSchema): Plugin {
  return {
    onEnveloped({ setSchema }) {
      setSchema(current());
    },
  };
}
