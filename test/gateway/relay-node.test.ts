/** Relay's object identification: jobs implement `Node`, and `node(id:)` refetches them (null for unknown ids). */
import { describe, expect, it } from 'vitest';
import { inProcessEmbeddedGateway } from '../support/gateway-fixture.js';

describe('Query.node', () => {
  it('refetches a job by its global id as a Node, and answers null for an id that names no job', async () => {
    const { graphql } = await inProcessEmbeddedGateway();
    const run = await graphql<{ runElevationStatistics: { id: string } }>(
      'mutation { runElevationStatistics(input: { bandCount: 1, stepDelayMs: 0 }) { id } }',
    );
    const id = run.data?.runElevationStatistics.id ?? '';
    const node = await graphql<{ node: { __typename: string; id: string; status?: string } | null }>(
      'query ($id: ID!) { node(id: $id) { __typename id ... on GPJob { status } } }',
      { id },
    );
    expect(node.errors).toBeUndefined();
    expect(node.data?.node).toEqual({ __typename: 'ElevationStatisticsJob', id, status: 'SUCCEEDED' });
    const unknown = await graphql<{ node: unknown }>('query { node(id: "bm90IGEgam9i") { id } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data?.node).toBeNull();
  });
});
