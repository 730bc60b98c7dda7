import type { Redis } from 'ioredis';
import { LruCache } from '../../../core/lru-cache.js';
import { redisCall } from '../../redis/redis-connection.js';

/** Automatic persisted queries: documents by the SHA-256 of their text, registered by clients. */
export interface ApqStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, query: string): Promise<void>;
}

export interface ApqStoreLimits {
  /** Bytes of documents kept in memory (least recently used go first). Default 4 MiB. */
  readonly maxBytes?: number;
  /** Documents larger than this are executed but never stored. Default 64 KiB. */
  readonly maxDocumentBytes?: number;
  /** How long a document stays in Redis after its last registration. Default 1 day. */
  readonly ttlSeconds?: number;
}

const DEFAULTS = { maxBytes: 4 * 1024 * 1024, maxDocumentBytes: 64 * 1024, ttlSeconds: 24 * 60 * 60 };

/**
 * In memory without Redis; in Redis (`gpgw:apq:<hash>`, expiring) in scale-out mode, so a document
 * registered on one instance is found on the next, where the load balancer sends the client's retry.
 * Either way bounded: anyone may register documents, so neither count nor size may grow unchecked.
 */
export function createApqStore(client: Redis | undefined, limits: ApqStoreLimits = {}): ApqStore {
  const { maxBytes, maxDocumentBytes, ttlSeconds } = { ...DEFAULTS, ...limits };
  const fits = (query: string): boolean => Buffer.byteLength(query) <= maxDocumentBytes;
  if (client) {
    const key = (hash: string): string => `gpgw:apq:${hash}`;
    return {
      get: async (hash) => (await redisCall('reading a persisted query', client.get(key(hash)))) ?? undefined,
      async set(hash, query) {
        if (fits(query)) await redisCall('storing a persisted query', client.set(key(hash), query, 'EX', ttlSeconds));
      },
    };
  }
  const memory = new LruCache<string>(maxBytes, (query, hash) => (query.length + hash.length) * 2);
  return {
    get: (hash) => Promise.resolve(memory.get(hash)),
    set(hash, query) {
      if (fits(query)) memory.set(hash, query);
      return Promise.resolve();
    },
  };
}
