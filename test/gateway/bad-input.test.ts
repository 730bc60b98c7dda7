import { describe, expect, it } from 'vitest';
import { inProcessEmbeddedGateway } from '../support/gateway-fixture.js';

const VIEWSHED = /* GraphQL */ `
  mutation ($input: ViewshedInput!) {
    runViewshed(input: $input) {
      messages {
        description
      }
    }
  }
`;
const ECHO = /* GraphQL */ `
  mutation ($input: EchoAllTypesInput!) {
    runEchoAllTypes(input: $input) {
      messages {
        description
      }
    }
  }
`;

describe('bad input is rejected before any upstream request', () => {
  it('should name a missing required parameter', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const response = await graphql(VIEWSHED, { input: { viewshedDistance: { distance: 1, units: 'MILES' } } });
    expect(response.errors?.[0]?.message).toMatch(/inputObservationPoint/);
    expect(upstream.requests.count('execute')).toBe(0);
  });

  it('should reject a value outside a choice list', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const response = await graphql(ECHO, { input: { inLong: 1, inString: 'PURPLE' } });
    expect(response.errors?.[0]?.message).toMatch(/PURPLE/);
    expect(response.errors?.[0]?.message).toMatch(/inString/);
    expect(upstream.requests.count('execute')).toBe(0);
  });

  it('should reject malformed geometry with INVALID_INPUT naming the GP parameter', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const response = await graphql(VIEWSHED, {
      input: {
        inputObservationPoint: {
          geoJson: {
            type: 'Polygon',
            coordinates: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
        },
      },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_INPUT', parameter: 'Input_Observation_Point' });
    expect(response.errors?.[0]?.message).toMatch(/Input_Observation_Point/);
    expect(upstream.requests.count('execute')).toBe(0);
  });

  it('should reject both and neither of esriJson and geoJson (@oneOf)', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const both = await graphql(VIEWSHED, {
      input: { inputObservationPoint: { geoJson: { type: 'Point', coordinates: [0, 0] }, esriJson: { features: [] } } },
    });
    expect(both.errors?.[0]?.message).toMatch(/exactly one/i);
    const neither = await graphql(VIEWSHED, { input: { inputObservationPoint: {} } });
    expect(neither.errors?.[0]?.message).toMatch(/exactly one/i);
    expect(upstream.requests.count('execute')).toBe(0);
  });

  it('should reject a Long beyond 64 bits', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const response = await graphql(ECHO, { input: { inLong: '9223372036854775808' } });
    expect(response.errors?.[0]?.message).toMatch(/9223372036854775808/);
    expect(response.errors?.[0]?.message).toMatch(/inLong/);
    expect(upstream.requests.count('execute')).toBe(0);
  });

  it('should reject an invalid DateTime and malformed GraphQL', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const date = await graphql(ECHO, { input: { inLong: 1, inDate: 'yesterday' } });
    expect(date.errors?.[0]?.message).toMatch(/inDate/);
    const syntax = await graphql('mutation { runEchoAllTypes(input: { inLong: 1 }) { messages { description }');
    expect(syntax.errors?.[0]?.message).toMatch(/Syntax Error/);
    expect(upstream.requests.count('execute')).toBe(0);
  });
});

describe('upstream failures become coded GraphQL errors', () => {
  it('should report a tool failure as TASK_FAILED with the tool messages', async () => {
    const { graphql } = await inProcessEmbeddedGateway();
    const response = await graphql(VIEWSHED, {
      input: {
        inputObservationPoint: { geoJson: { type: 'Point', coordinates: [-119.6, 36.3] } },
        viewshedDistance: { distance: 500, units: 'KILOMETERS' },
      },
    });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'TASK_FAILED', arcgisCode: 500 });
    expect(JSON.stringify(response.errors?.[0]?.extensions?.details)).toContain('at most 50 kilometers');
  });

  it('should report an HTTP-200 error body as UPSTREAM_ERROR with its ArcGIS code', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    upstream.faults.inject({
      action: { kind: 'error-body', code: 500, message: 'Internal server error.', details: ['boom'] },
      routes: ['execute'],
    });
    const response = await graphql(ECHO, { input: { inLong: 1 } });
    expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', arcgisCode: 500, details: ['boom'] });
  });

  it('should report an upstream 5xx as UPSTREAM_HTTP_ERROR and malformed JSON as UPSTREAM_INVALID_RESPONSE', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    const fault = upstream.faults.inject({ action: { kind: 'http-status', status: 502 }, routes: ['execute'], times: 1 });
    expect((await graphql(ECHO, { input: { inLong: 1 } })).errors?.[0]?.extensions).toMatchObject({
      code: 'UPSTREAM_HTTP_ERROR',
      arcgisCode: 502,
    });
    fault.remove();
    upstream.faults.inject({ action: { kind: 'malformed-json' }, routes: ['execute'], times: 1 });
    expect((await graphql(ECHO, { input: { inLong: 1 } })).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_INVALID_RESPONSE' });
  });

  it('should report a connection reset as UPSTREAM_UNREACHABLE and a slow upstream as UPSTREAM_TIMEOUT', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway({ upstreamTimeoutMs: 300 });
    upstream.faults.inject({ action: { kind: 'reset' }, routes: ['execute'], times: 1 });
    expect((await graphql(ECHO, { input: { inLong: 1 } })).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_UNREACHABLE' });
    upstream.faults.inject({ action: { kind: 'latency', ms: 1000 }, routes: ['execute'], times: 1 });
    expect((await graphql(ECHO, { input: { inLong: 1 } })).errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_TIMEOUT' });
  });
});
