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
      expect(await client.get(`gpgw:apq:${sha256(query)}`)).toBe(query);
      expect(await client.ttl(`gpgw:apq:${sha256(query)}`)).toBeGreaterThan(0);
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
});
