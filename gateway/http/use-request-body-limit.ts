import { createGraphQLError, type Plugin } from 'graphql-yoga';

/** The answer to a body over the limit (HTTP 413), on either door. */
export function tooLarge(limit: number): Error {
  return createGraphQLError(`Request body too large: at most ${limit} bytes.`, {
    extensions: { http: { status: 413 }, code: 'REQUEST_ENTITY_TOO_LARGE' },
  });
}

/** The body, failing once more than `limit` bytes have passed (a chunked body has no Content-Length to check). */
function limitedRequest(request: Request, limit: number): Request {
  if (!request.body) return request;
  let read = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        read += chunk.byteLength;
        if (read > limit) controller.error(tooLarge(limit));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, {
    method: request.method,
    headers: request.headers,
    signal: request.signal,
    body,
    duplex: 'half',
  } as RequestInit);
}

/**
 * Yoga's one body limit, made two: GraphQL bodies get `limit(request)` bytes as they always did, while
 * multipart requests (uploads) get room for their files. A declared Content-Length over the limit is
 * refused before anything is read; a body without one (chunked) is cut when it passes the limit. Register it after
 * every request parser: it wraps the one chosen.
 */
export function useRequestBodyLimit(limitFor: (request: Request) => number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser }) {
      const limit = limitFor(request);
      const declared = request.headers.get('content-length');
      if (declared !== null && (!/^\d+$/.test(declared) || Number(declared) > limit)) {
        if (!/^\d+$/.test(declared))
          throw createGraphQLError('Content-Length header is invalid.', { extensions: { http: { status: 400 }, code: 'BAD_REQUEST' } });
        throw tooLarge(limit);
      }
      // A declared length within the limit is all Node's parser delivers: only a chunked body is counted
      // as it comes (the count pipes the body through a stream: ~180 µs a request, not paid for JSON posts).
      if (declared !== null || !requestParser || !request.body) return;
      setRequestParser((req) => requestParser(limitedRequest(req, limit)));
    },
  };
}
