/**
 * examples/apollo-persisted.ts against the embedded GPServer: Apollo's PersistedQueryLink sends each
 * operation as its hash first, registers it with the text on PERSISTED_QUERY_NOT_FOUND, and afterwards
 * sends the hash alone — queries as GET, mutations as POST, the subscription over graphql-ws.
 */
import { describe, expect, it } from 'vitest';
import { runApolloPersistedExample } from '../../examples/apollo-persisted.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('examples/apollo-persisted.ts', () => {
  it('registers each document once and then runs it by hash', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const run = await runApolloPersistedExample(graphqlUrl, () => undefined);
    expect(run.statuses.at(-1)).toBe('SUCCEEDED');
    expect(run.listed.length).toBeGreaterThan(0);
    expect(run.wire).toEqual([
      { method: 'POST', operationName: 'Submit', withText: false },
      { method: 'POST', operationName: 'Submit', withText: true },
      { method: 'GET', operationName: 'Jobs', withText: false },
      { method: 'POST', operationName: 'Jobs', withText: true },
      { method: 'GET', operationName: 'Jobs', withText: false },
    ]);
  });
});
