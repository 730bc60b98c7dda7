import { createGraphQLError, type Plugin } from 'graphql-yoga';

const JSON_PARAMS = ['variables', 'extensions'] as const;

/**
 * GraphQL over HTTP GET carries `variables` and `extensions` as JSON in the query string; Yoga parses
 * them unguarded, so malformed JSON was a 500. Here it is the client's 400, naming the parameter.
 */
export function useValidGetParams(): Plugin {
  return {
    onRequestParse({ request, url }) {
      if (request.method !== 'GET') return;
      for (const name of JSON_PARAMS) {
        const value = url.searchParams.get(name);
        if (value === null || value === '') continue;
        try {
          JSON.parse(value);
        } catch {
          throw createGraphQLError(`The '${name}' query parameter is not valid JSON.`, { extensions: { http: { status: 400 } } });
        }
      }
    },
  };
}
