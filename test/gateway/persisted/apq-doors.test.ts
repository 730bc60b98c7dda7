/**
 * Automatic persisted queries as Apollo defines them, the same on every door: an unknown hash is
 * PERSISTED_QUERY_NOT_FOUND (HTTP 200, so the client sends the text), text and hash are checked and
 * stored, the hash alone then runs, and a hash that is not the text's is refused.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { graphql, startEmbeddedGateway } from '../../support/gateway-fixture.js';
import { DOORS, send, STREAMING, type Door } from './doors.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const persisted = (hash: string): Record<string, unknown> => ({ persistedQuery: { version: 1, sha256Hash: hash } });

/** A document of the door's kind, unique per door so its hash is unknown until that door stores it. */
function documentFor(door: Door): string {
  return STREAMING.has(door)
    ? `subscription Updates($id: ID!) { jobUpdates(id: $id) { status final } } # ${door}`
    : `query Services { services { name } } # ${door}`;
}

describe('automatic persisted queries on every door', () => {
  it.each(DOORS)('%s: not found, registered, run by hash, mismatch refused', async (door) => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
      graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 1, stepDelayMs: 0 }) { id } }',
    );
    const variables = STREAMING.has(door) ? { id: submitted.data?.submitElevationStatisticsJob.id } : undefined;
    const query = documentFor(door);
    const hash = sha256(query);
    const http = door === 'graphql-ws' ? 0 : 200;

    const unknown = await send(door, graphqlUrl, { variables, extensions: persisted(hash) });
    expect(unknown).toMatchObject({
      status: http,
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });

    const registered = await send(door, graphqlUrl, { query, variables, extensions: persisted(hash) });
    expect(registered.errors).toBeUndefined();
    expect(registered).toMatchObject({ status: http, data: expect.any(Object) as object });

    const byHash = await send(door, graphqlUrl, { variables, extensions: persisted(hash) });
    expect(byHash.errors).toBeUndefined();
    expect(byHash).toMatchObject({ status: http, data: expect.any(Object) as object });

    const mismatch = await send(door, graphqlUrl, { query: `${query} `, variables, extensions: persisted(hash) });
    expect(mismatch).toMatchObject({
      status: door === 'graphql-ws' ? 0 : 400,
      errors: [{ extensions: { code: 'PERSISTED_QUERY_INVALID' } }],
    });
  });

  it('refuses a malformed persistedQuery and lets a request without one alone', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const bad = await send('plain POST', graphqlUrl, { extensions: { persistedQuery: { version: 2, sha256Hash: 'x' } } });
    expect(bad).toMatchObject({ status: 400, errors: [{ extensions: { code: 'PERSISTED_QUERY_INVALID' } }] });
    const none = await send('Yoga POST', graphqlUrl, {});
    expect(none).toMatchObject({ errors: [{ message: 'Must provide query string.' }] });
  });
});
