import type { Redis } from 'ioredis';
import { LruCache } from '../../../core/lru-cache.js';
import { silentLogger, type Logger } from '../../log/logger.js';
import { luaScript } from '../../redis/lua-script.js';
import { redisCall } from '../../redis/redis-connection.js';

/** Automatic persisted queries: documents by the SHA-256 of their text, registered by clients. */
export interface ApqStore {
  get(hash: string): Promise<string | undefined>;
  set(hash: string, query: string): Promise<void>;
}

export interface ApqStoreLimits {
  /** Bytes of documents kept in memory (least recently used go first). Default 4 MiB. */
  readonly maxBytes?: number;
  /** Documents kept in Redis, the oldest registered dropped first. Default 1,000 (at most 64 MiB with the default document size). */
  readonly maxDocuments?: number;
  /** Documents larger than this are executed but never stored. Default 64 KiB. */
  readonly maxDocumentBytes?: number;
  /** How long a document stays in Redis after its last registration. Default 1 day. */
  readonly ttlSeconds?: number;
}

const DEFAULTS = { maxBytes: 4 * 1024 * 1024, maxDocuments: 1_000, maxDocumentBytes: 64 * 1024, ttlSeconds: 24 * 60 * 60 };

/**
 * KEYS[1] the document's key, KEYS[2] the index (registration time per hash); ARGV: document, TTL ms,
 * now, hash, most documents, key prefix of documents. One slot (`{apq}`): the keys it deletes share it.
 */
const REGISTER = luaScript(`
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
redis.call('ZADD', KEYS[2], ARGV[3], ARGV[4])
local excess = redis.call('ZCARD', KEYS[2]) - tonumber(ARGV[5])
if excess > 0 then
  for _, hash in ipairs(redis.call('ZRANGE', KEYS[2], 0, excess - 1)) do redis.call('DEL', ARGV[6] .. hash) end
  redis.call('ZREMRANGEBYRANK', KEYS[2], 0, excess - 1)
end
return 1
`);

/**
 * In memory without Redis; in Redis in scale-out mode (`gpgw:{apq}:<hash>`, expiring, and an index
 * trimmed to `maxDocuments`), so a document registered on one instance is found on the next, where the
 * load balancer sends the client's retry. Either way bounded: anyone may register documents. Redis
 * failing is a miss (the client sends the text again), never an error of the operation.
 */
export function createApqStore(client: Redis | undefined, limits: ApqStoreLimits = {}, log: Logger = silentLogger): ApqStore {
  const { maxBytes, maxDocuments, maxDocumentBytes, ttlSeconds } = { ...DEFAULTS, ...limits };
  const fits = (query: string): boolean => Buffer.byteLength(query) <= maxDocumentBytes;
  if (client) {
    const prefix = 'gpgw:{apq}:';
    const warn = (what: string) => (error: unknown) => {
      log.warn(`persisted query could not be ${what}`, { error: error instanceof Error ? error.message : String(error) });
      return undefined;
    };
    return {
      get: (hash) =>
        redisCall('reading a persisted query', client.get(`${prefix}${hash}`)).then((query) => query ?? undefined, warn('read')),
      async set(hash, query) {
        if (!fits(query)) return;
        const registered = REGISTER(
          client,
          [`${prefix}${hash}`, `${prefix}index`],
          [query, ttlSeconds * 1000, Date.now(), hash, maxDocuments, prefix],
        );
        await redisCall('storing a persisted query', registered).catch(warn('stored'));
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
