/** The codes the README promises for GraphQL's own errors (README › Errors), one of each. */
import { describe, expect, it } from 'vitest';
import { inProcessEmbeddedGateway } from '../support/gateway-fixture.js';

const BUFFER = 'mutation ($i: BufferInput!) { runBuffer(input: $i) { messages { description } } }';

describe("codes of GraphQL's own errors", () => {
  it('GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT — each with the path or place it is about', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const syntax = await graphql('{ services { name ');
    expect(syntax.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    const unknownField = await graphql('{ nope }');
    expect(unknownField.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badLiteral = await graphql(
      'mutation { runBuffer(input: { inputFeatures: { geoJson: 1 }, distance: { distance: 1, units: NOPE } }) { messages { description } } }',
    );
    expect(badLiteral.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const badVariable = await graphql(BUFFER, { i: { inputFeatures: { geoJson: 1 }, distance: { distance: 1, units: 'NOPE' } } });
    expect(badVariable.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(badVariable.errors?.[0]?.message).toMatch(/i\.distance\.units/);
    expect(upstream.requests.count('execute')).toBe(0);
  });
});
