import type { Plugin } from 'graphql-yoga';
import type { DocumentSource } from './document-source.js';

/**
 * The document source on Yoga's doors (GET, POST, SSE, multipart): it fills `query` from a persisted
 * query or a trusted document before Yoga checks the parameters ("Must provide query string."); a
 * missing or refused document is answered with its error, at the status the error carries.
 */
export function useDocumentSource(source: DocumentSource, callerOf: (request: Request) => string): Plugin {
  return {
    async onParams({ params, request, setParams }) {
      // Yoga's GET parser knows only the four standard parameters.
      const documentId = request.method === 'GET' ? new URL(request.url).searchParams.get('documentId') : null;
      const named = documentId === null ? params : { ...params, documentId };
      const resolved = await source(named as typeof params & { documentId?: unknown }, () => callerOf(request));
      // Thrown, not set as the result: the hooks after this one (Yoga's parameter check) would still run.
      if (resolved.error) throw resolved.error;
      if (resolved.params !== named) setParams(resolved.params);
    },
  };
}
