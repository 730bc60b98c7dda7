/**
 * Automatic persisted queries in scale-out mode: a document registered on one instance runs by hash
 * on another (a client's retry may land anywhere), stored as `gpgw:apq:<hash>` with a TTL, and a
 * document over the size bound runs but is not kept.
 */
import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { beforeAll, expect, it } from 'vitest';
import { createApqStore } from '../../../gateway/graphql/persisted/apq-store.js';
import { startEmbeddedGateway, startGateway } from '../../support/gateway-fixture.js';
import { describeRedis, startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { send } from '../persisted/doors.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describeRedis('automatic persisted queries in Redis', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });

  it('runs a document registered on one instance by hash on another', async () => {
    const first = await startEmbeddedGateway({ redisUrl: server.url });
    const second = await startGateway({ sources: [], redisUrl: server.url });
    const query = '{ __typename } # shared';
    const extensions = { persistedQuery: { version: 1, sha256Hash: sha256(query) } };
    expect((await send('plain POST', first.graphqlUrl, { query, extensions })).data).toEqual({ __typename: 'Query' });
    expect(await send('Yoga GET', second.graphqlUrl, { extensions })).toMatchObject({ status: 200, data: { __typename: 'Query' } });
    const client = new Redis(server.url);
    try {
      expect(await client.get(`gpgw:{apq}:${sha256(query)}`)).toBe(query);
      expect(await client.ttl(`gpgw:{apq}:${sha256(query)}`)).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });

  it('keeps no document over the size bound', async () => {
    const client = new Redis(server.url);
    try {
      const store = createApqStore(client, { maxDocumentBytes: 10, ttlSeconds: 60 });
      await store.set('a'.repeat(64), '{ __typename }');
      await store.set('b'.repeat(64), '{ a }');
      expect(await store.get('a'.repeat(64))).toBeUndefined();
      expect(await store.get('b'.repeat(64))).toBe('{ a }');
    } finally {
      client.disconnect();
    }
  });

  it('keeps at most maxDocuments, dropping the oldest registered, and answers a miss while Redis fails', async () => {
    const client = new Redis(server.url);
    try {
      const store = createApqStore(client, { maxDocuments: 3, ttlSeconds: 60 });
      const hashes = ['1', '2', '3', '4', '5'].map((digit) => digit.repeat(64));
      for (const [i, hash] of hashes.entries()) {
        await store.set(hash, `{ n${i} }`);
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      expect(await Promise.all(hashes.map((hash) => store.get(hash)))).toEqual([undefined, undefined, '{ n2 }', '{ n3 }', '{ n4 }']);
      expect(await client.zcard('gpgw:{apq}:index')).toBe(3);
    } finally {
      client.disconnect();
    }
    const broken = new Redis(server.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 0 });
    const failing = createApqStore(broken);
    await expect(failing.get('6'.repeat(64))).resolves.toBeUndefined();
    await expect(failing.set('6'.repeat(64), '{ x }')).resolves.toBeUndefined();
  });
});
