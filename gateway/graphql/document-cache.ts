import type { DocumentNode } from 'graphql';
import { LruCache } from '../../core/lru-cache.js';

/** Yoga's parse and validation caches (its `parserAndValidationCache` option). */
export interface DocumentCaches {
  readonly documentCache: { get(key: string): DocumentNode | undefined; set(key: string, value: DocumentNode): void };
  readonly errorCache: { get(key: string): undefined; set(key: string, value: unknown): void };
  /** Yoga keeps validation results in a WeakMap per parsed document: they live as long as the document does. */
  readonly validationCache: true;
}

export interface DocumentCacheLimits {
  /** Approximate bytes of parsed documents kept. Default 4 MiB (a few hundred operations of ordinary size). */
  readonly maxBytes?: number;
  /** Sources longer than this are parsed every time, never kept. Default 16 KiB. */
  readonly maxSourceBytes?: number;
}

/**
 * Heap bytes a parsed document takes per character of its source (AST nodes with their locations):
 * measured 73 for a typical mutation, rounded up. (A guess of 16 let the cache hold four times its budget.)
 */
const AST_BYTES_PER_SOURCE_CHAR = 80;

/**
 * Caches that remember only what is worth remembering: parsed documents of a reasonable size, up to a
 * byte budget (Yoga's defaults keep 1,024 entries whatever their size, failed parses included, so a
 * barrage of large or broken documents stayed in memory). Failed parses are never kept: a client that
 * repeats an error pays for the parse again, a cheap price next to the memory an attacker could fill.
 */
export function documentCaches(limits: DocumentCacheLimits = {}): DocumentCaches {
  const maxSource = limits.maxSourceBytes ?? 16 * 1024;
  const maxBytes = limits.maxBytes ?? 4 * 1024 * 1024;
  const documents = new LruCache<DocumentNode>(maxBytes, (_document, source) => source.length * AST_BYTES_PER_SOURCE_CHAR);
  return {
    documentCache: {
      get: (source) => documents.get(source),
      set: (source, document) => {
        if (source.length <= maxSource) documents.set(source, document);
      },
    },
    errorCache: { get: () => undefined, set: () => undefined },
    validationCache: true,
  };
}
