import { readFile } from 'node:fs/promises';

/**
 * The operations a client build may send, from the manifest GraphQL Code Generator's client preset
 * writes with `persistedDocuments: true` (`persisted-documents.json`: `{ "<hash>": "<document>" }`,
 * hashes `sha256:<hex>` by default). Clients name one by `documentId` or by
 * `extensions.persistedQuery.sha256Hash`, with or without the `sha256:` prefix.
 */
export interface TrustedDocuments {
  get(id: string): string | undefined;
  /** Whether this exact text is one of the manifest's documents (a client that sends the text). */
  hasText(query: string): boolean;
  readonly size: number;
}

const bare = (id: string): string => id.replace(/^sha256:/, '');

export function trustedDocuments(manifest: Readonly<Record<string, string>>): TrustedDocuments {
  const byId = new Map(Object.entries(manifest).map(([id, document]) => [bare(id), document]));
  const texts = new Set(byId.values());
  return {
    get: (id) => byId.get(bare(id)),
    hasText: (query) => texts.has(query),
    size: byId.size,
  };
}

/** Reads and checks a manifest file: a start with a broken manifest stops, naming the file. */
export async function loadTrustedDocuments(file: string): Promise<TrustedDocuments> {
  const text = await readFile(file, 'utf8');
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) {
    throw new Error(`${file}: expected an object of document hashes to documents (codegen's persisted-documents.json)`);
  }
  const documents: Record<string, string> = {};
  for (const [id, document] of Object.entries(manifest)) {
    if (typeof document !== 'string') throw new Error(`${file}: the entry ${id} is not a document string`);
    documents[id] = document;
  }
  return trustedDocuments(documents);
}
