import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** A header no HTML form can set: a cross-site page can only send it after a CORS preflight. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

/**
 * Headers that prove the same for a form-like request: ours, and those GraphQL clients already send for
 * uploads (Apollo's `Apollo-Require-Preflight` and `X-Apollo-Operation-Name`, the `GraphQL-Preflight`
 * of the GraphQL-over-HTTP discussion). Any one of them will do.
 */
export const PREFLIGHT_HEADERS: readonly string[] = [
  CSRF_HEADER,
  'apollo-require-preflight',
  'x-apollo-operation-name',
  'graphql-preflight',
];

/**
 * The content types a browser sends cross-site without a CORS preflight (the CORS "safelisted"
 * request content types, https://fetch.spec.whatwg.org/#cors-safelisted-request-header).
 */
const SIMPLE_CONTENT_TYPES: readonly string[] = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];

/**
 * CSRF prevention for the requests that can mutate. A GraphQL POST must be one a cross-site page
 * cannot send without a preflight: a non-simple content type (`application/json`,
 * `application/graphql-response+json`…), or the `x-graphql-yoga-csrf` header. GET stays open:
 * Yoga refuses mutations over GET (405), so a cross-site GET can only read, and the browser keeps
 * the answer from the other origin. GraphiQL, `fetch` with JSON and graphql-ws are unaffected.
 */
export function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      if (request.method !== 'POST' || PREFLIGHT_HEADERS.some((name) => request.headers.has(name))) return;
      const contentType = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (contentType !== '' && !SIMPLE_CONTENT_TYPES.includes(contentType)) return;
      throw createGraphQLError(
        `POST requests need a JSON content type (application/json) or one of the headers ${PREFLIGHT_HEADERS.join(', ')} (file uploads): a form-like request could come from another site.`,
        { extensions: { http: { status: 403 } } },
      );
    },
  };
}
