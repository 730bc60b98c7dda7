/**
 * examples/urql-persisted.ts against the embedded GPServer: urql's persisted exchange registers each
 * document on PERSISTED_QUERY_NOT_FOUND and then sends the hash alone, for queries (GET), mutations
 * and subscriptions over SSE.
 */
import { describe, expect, it } from 'vitest';
import { runUrqlPersistedExample } from '../../examples/urql-persisted.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('examples/urql-persisted.ts', () => {
  it('runs a mutation, a subscription and queries as persisted queries', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const run = await runUrqlPersistedExample(graphqlUrl, () => undefined);
    expect(run.statuses.at(-1)).toBe('SUCCEEDED');
    expect(run.status).toBe('SUCCEEDED');
    // The mutation by hash, then with its text; the subscription by hash first; the query registered
    // over GET (it fits the URL), and its second run by hash alone.
    expect(run.wire.slice(0, 3)).toEqual(['POST hash', 'POST text', 'POST hash']);
    expect(run.wire.slice(-3)).toEqual(['GET hash', 'GET text', 'GET hash']);
  });
});
