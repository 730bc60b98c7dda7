import { getIntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphql, startEmbeddedGateway, subscribeWs } from '../../support/gateway-fixture.js';

const UNKNOWN_JOB = 'bm9wZQ';

function codes(response: { errors?: readonly { extensions?: Record<string, unknown> }[] }): unknown[] {
  return (response.errors ?? []).map((e) => e.extensions?.code);
}

describe('GraphQL limits', () => {
  it('should refuse a deep query with OPERATION_LIMIT_EXCEEDED naming the depth limit', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ limits: { maxDepth: 4 } });
    const response = await graphql(graphqlUrl, '{ services { tasks { parameters { choiceList { value } } } } }');
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({
      message: 'Query depth limit of 4 exceeded, found 5.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth' },
    });
  });

  it('should refuse a query deeper than the default depth of 10', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const query = `{ __type(name: "Query") { ${'ofType { '.repeat(11)}name${' }'.repeat(11)} } }`;
    const response = await graphql(graphqlUrl, query);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'depth' });
  });

  it('should refuse a query nested 3,000 levels deep before parsing it (HTTP 400 and over graphql-ws), and keep serving', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    // About 6,000 tokens: under the token limit, but enough levels to overflow the parser's stack.
    const deep = `{ ${'a { '.repeat(3_000)}b${' }'.repeat(3_000)} }`;
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
      body: JSON.stringify({ query: deep }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      errors: [
        { message: 'The document nests brackets more than 100 deep.', extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'nesting' } },
      ],
    });
    const literal = await graphql(graphqlUrl, `{ services(x: ${'['.repeat(2_000)}${']'.repeat(2_000)}) { name } }`);
    expect(literal.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'nesting' });
    const overWs = await subscribeWs(graphqlUrl.replace(/\/graphql$/, ''), deep);
    expect(overWs.error).toMatchObject([{ extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'nesting' } }]);
    // Brackets in strings and comments are not nesting.
    const quoted = await graphql(graphqlUrl, `# ${'{'.repeat(500)}\n{ services { name } __type(name: "${'['.repeat(500)}") { name } }`);
    expect(quoted.errors).toBeUndefined();
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('should answer malformed JSON in GET query parameters with 400, not 500', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    for (const params of [
      'query={__typename}&variables={}x',
      'query={__typename}&extensions={',
      'query={__typename}&variables=%7B%22a%22',
    ]) {
      const response = await fetch(`${graphqlUrl}?${params}`, { headers: { accept: 'application/graphql-response+json' } });
      expect([params, response.status]).toEqual([params, 400]);
      expect(((await response.json()) as { errors: { message: string }[] }).errors[0]?.message).toMatch(
        /^The '(variables|extensions)' query parameter is not valid JSON\.$/,
      );
    }
  });

  it('should refuse an alias bomb', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const aliases = Array.from({ length: 200 }, (_, i) => `s${i}: services { name }`).join(' ');
    const response = await graphql(graphqlUrl, `{ ${aliases} }`);
    expect(response.data).toBeUndefined();
    expect(response.errors?.[0]).toMatchObject({
      message: 'Aliases limit of 30 exceeded, found 200.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'aliases' },
    });
  });

  it('should refuse a token flood before validating it', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const response = await graphql(graphqlUrl, `{ services { ${'name '.repeat(12_000)}} }`);
    expect(response.errors).toHaveLength(1);
    expect(response.errors?.[0]).toMatchObject({
      message: 'Token limit of 10000 exceeded.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' },
    });
  });

  it('should refuse a directive flood', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const response = await graphql(graphqlUrl, `{ services { name ${'@include(if: true) '.repeat(60)}} }`);
    expect(response.errors?.[0]).toMatchObject({
      message: 'Directives limit of 50 exceeded, found 60.',
      extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'directives' },
    });
  });

  it('should refuse an operation over the cost limit', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ limits: { maxCost: 20 } });
    const response = await graphql(
      graphqlUrl,
      '{ services { name url status tasks { name executionType runField parameters { name fieldName dataType required } } } }',
    );
    expect(response.errors?.[0]?.message).toMatch(/^Query Cost limit of 20 exceeded, found \d+/);
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', limit: 'cost' });
  });

  it("should answer GraphiQL's introspection query in full", async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const query = getIntrospectionQuery({
      descriptions: true,
      specifiedByUrl: true,
      directiveIsRepeatable: true,
      schemaDescription: true,
      inputValueDeprecation: true,
      oneOf: true,
    });
    const response = await graphql<{ __schema: { types: unknown[] } }>(graphqlUrl, query);
    expect(response.errors).toBeUndefined();
    expect(response.data?.__schema.types.length).toBeGreaterThan(50);
  });

  it('should answer the services overview of GraphiQL', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const response = await graphql<{ services: unknown[] }>(
      graphqlUrl,
      'query Services { services { name status error tasks { name executionType runField parameters { name fieldName dataType required } } } }',
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.services.length).toBeGreaterThan(0);
  });

  it('should pass a results selection with several aliases of the same output to execution', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const response = await graphql(
      graphqlUrl,
      `
        query ($id: ID!) {
          job(id: $id) {
            id
            status
            ... on WorldViewshedJob {
              results {
                esri: viewshedResult(format: ESRI_JSON) {
                  format
                  featureCount
                  spatialReference {
                    wkid
                  }
                  data
                }
                geo: viewshedResult(format: GEOJSON) {
                  format
                  featureCount
                  data
                }
                mercator: viewshedResult(outSR: 3857) {
                  spatialReference {
                    wkid
                  }
                }
                withZ: viewshedResult(returnZ: true) {
                  featureCount
                  fields {
                    name
                    type
                  }
                }
              }
            }
          }
        }
      `,
      { id: UNKNOWN_JOB },
    );
    // Validation let it through: the resolver ran and found no such job.
    expect(codes(response)).toEqual(['JOB_NOT_FOUND']);
  });

  it('should pass a job subscription with fragments over graphql-ws', async () => {
    const { origin } = await startEmbeddedGateway();
    const { events, error } = await subscribeWs(
      origin,
      `subscription ($id: ID!) { jobUpdates(id: $id) { ...Status ... on WorldViewshedJob { results { viewshedResult(format: GEOJSON) { data } } } } }
       fragment Status on GPJob { id status final progress { percent message } newMessages { description } fault { code message } }`,
      { id: UNKNOWN_JOB },
    );
    expect(error).toBeUndefined();
    expect(events.flatMap((e) => codes(e))).toEqual(['JOB_NOT_FOUND']);
  });

  it('should refuse a limit over graphql-ws with an error message and keep the socket', async () => {
    const { origin } = await startEmbeddedGateway({ limits: { maxTokens: 20 } });
    const { error } = await subscribeWs(origin, `{ services { ${'name '.repeat(30)}} }`);
    expect(error).toMatchObject([
      { message: 'Token limit of 20 exceeded.', extensions: { code: 'OPERATION_LIMIT_EXCEEDED', limit: 'tokens' } },
    ]);
  });
});

describe('field suggestions', () => {
  const TYPO = '{ services { nmae } }';

  it('should suggest field names outside production', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ limits: { blockFieldSuggestions: false } });
    const response = await graphql(graphqlUrl, TYPO);
    expect(response.errors?.[0]?.message).toMatch(/Did you mean "name"\?/);
  });

  it('should hide them in production mode', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ limits: { blockFieldSuggestions: true } });
    const response = await graphql(graphqlUrl, TYPO);
    expect(response.errors?.[0]?.message).toBe('Cannot query field "nmae" on type "GPService". [Suggestion hidden]');
  });
});
