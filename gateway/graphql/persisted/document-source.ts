import { createHash } from 'node:crypto';
import { Kind, parse, type GraphQLError } from 'graphql';
import { createGraphQLError } from 'graphql-yoga';
import { ERROR_CODES } from '../../../core/errors/error-codes.js';
import type { ApqStore } from './apq-store.js';
import type { TrustedDocuments } from './trusted-documents.js';

/** A GraphQL request's parameters as any door receives them, before the document is known. */
export interface SourceParams {
  readonly query?: unknown;
  readonly documentId?: unknown;
  readonly extensions?: unknown;
}

export interface TrustedDocumentsPolicy {
  readonly documents: TrustedDocuments;
  /** Refuse every operation that is not in the manifest (but see `adHocCallers` and introspection). */
  readonly only: boolean;
  /** Callers (API key ids, `jwt:<claim>`) who may still send any operation: operators, GraphiQL. */
  readonly adHocCallers?: readonly string[];
}

export interface DocumentSourceOptions {
  readonly apq: ApqStore;
  readonly trusted?: TrustedDocumentsPolicy;
  /** Whether introspection is allowed (access rules): an introspection-only operation then passes trusted-only mode. */
  readonly introspection: boolean;
  /** Parse limit for the introspection check of an ad-hoc operation in trusted-only mode. */
  readonly maxTokens: number;
}

/**
 * Where an operation's text comes from, the same on every door: `query`; or a hash of automatic
 * persisted queries (`extensions.persistedQuery`, Apollo's protocol: unknown → PERSISTED_QUERY_NOT_FOUND,
 * then the client sends text and hash, checked and stored); or a trusted document's id (`documentId`, or
 * the APQ hash of a manifest entry). Returns the parameters with `query` filled (and `documentId` gone,
 * which GraphQL-over-HTTP does not know), or the error to answer with.
 */
export type DocumentSource = <P extends SourceParams>(params: P, caller: () => string) => Promise<Resolved<P>>;

export type Resolved<P> = { readonly params: P; readonly error?: undefined } | { readonly error: GraphQLError };

const HASH = /^[0-9a-f]{64}$/i;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

function refusal(code: string, message: string, status: number): GraphQLError {
  // The status rides in `extensions.http`, which Yoga's result processor reads and strips from the answer.
  return createGraphQLError(message, { extensions: { code, http: { status } } });
}

export const persistedQueryNotFound = (): GraphQLError =>
  // Apollo's and urql's links retry with the text on this message or code; a 200 keeps every link's retry path.
  refusal(ERROR_CODES.PERSISTED_QUERY_NOT_FOUND, 'PersistedQueryNotFound', 200);

const invalid = (message: string): GraphQLError => refusal(ERROR_CODES.PERSISTED_QUERY_INVALID, message, 400);

const onlyTrusted = (): GraphQLError =>
  refusal(
    ERROR_CODES.PERSISTED_QUERY_ONLY,
    'This gateway runs only trusted documents: send the documentId of an operation in the client build manifest.',
    400,
  );

/** The APQ hash of a request, undefined without one, or the error of a malformed one. */
function apqHash(extensions: unknown): string | undefined | GraphQLError {
  if (!isRecord(extensions) || extensions.persistedQuery === undefined || extensions.persistedQuery === null) return undefined;
  const persisted = extensions.persistedQuery;
  if (!isRecord(persisted) || persisted.version !== 1) return invalid('extensions.persistedQuery must be { version: 1, sha256Hash }.');
  const hash = typeof persisted.sha256Hash === 'string' ? persisted.sha256Hash.replace(/^sha256:/, '') : '';
  return HASH.test(hash) ? hash.toLowerCase() : invalid('extensions.persistedQuery.sha256Hash must be 64 hex digits.');
}

/** Only `__schema`, `__type` and `__typename` at the root: what GraphiQL and schema tools send. */
function isIntrospectionOnly(query: string, maxTokens: number): boolean {
  try {
    const document = parse(query, { noLocation: true, maxLexicalTokens: maxTokens });
    return document.definitions.every(
      (definition) =>
        definition.kind === Kind.FRAGMENT_DEFINITION ||
        (definition.kind === Kind.OPERATION_DEFINITION &&
          definition.selectionSet.selections.every((selection) => selection.kind === Kind.FIELD && selection.name.value.startsWith('__'))),
    );
  } catch {
    return false;
  }
}

export function createDocumentSource(options: DocumentSourceOptions): DocumentSource {
  const { apq, trusted } = options;
  const adHocCallers = new Set(trusted?.adHocCallers ?? []);
  /** Whether a document that is not in the manifest may run for this caller. */
  const mayRunAdHoc = (query: string, caller: () => string): boolean =>
    trusted?.only !== true || adHocCallers.has(caller()) || (options.introspection && isIntrospectionOnly(query, options.maxTokens));

  return async (params, caller) => {
    const hash = apqHash(params.extensions);
    if (typeof hash === 'object') return { error: hash };
    const documentId = typeof params.documentId === 'string' && params.documentId !== '' ? params.documentId : undefined;
    const { documentId: _named, ...rest } = params;
    const withQuery = (query: string): Resolved<typeof params> => ({ params: { ...rest, query } as typeof params });
    // graphql-ws requires a `query` string: a hash-only subscribe sends an empty one.
    const text = typeof params.query === 'string' && params.query !== '' ? params.query : undefined;
    const id = documentId ?? hash;
    if (text === undefined) {
      if (id === undefined) return { params };
      const manifestDocument = trusted?.documents.get(id);
      if (manifestDocument !== undefined) return withQuery(manifestDocument);
      const stored = hash === undefined ? undefined : await apq.get(hash);
      if (stored === undefined) return { error: persistedQueryNotFound() };
      return mayRunAdHoc(stored, caller) ? withQuery(stored) : { error: onlyTrusted() };
    }
    if (hash !== undefined && sha256(text) !== hash) return { error: invalid('provided sha does not match query') };
    const isTrusted =
      trusted !== undefined && (trusted.documents.hasText(text) || (id !== undefined && trusted.documents.get(id) === text));
    if (!isTrusted && !mayRunAdHoc(text, caller)) return { error: onlyTrusted() };
    if (hash !== undefined) await apq.set(hash, text);
    return documentId === undefined ? { params } : withQuery(text);
  };
}
