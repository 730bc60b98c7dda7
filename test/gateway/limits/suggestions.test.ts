/**
 * With introspection off (access control on), no error spells out the schema by suggestion — fields,
 * arguments, types, enum values, inline fragments, input fields, in validation and in variable
 * coercion — on every door: the plain-POST door, Yoga's POST, GET and SSE, and graphql-ws.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startEmbeddedGateway } from '../../support/gateway-fixture.js';

const KEY = 'suggestions-key-0123456789';
const ACCESS = { apiKeys: [{ id: 'frontend', sha256: createHash('sha256').update(KEY).digest('hex') }] };
const POINT = { type: 'Point', coordinates: [-119.68, 36.31] };
const RESULT_AS = 'results { viewshedResult(format: $f) { data } }';

/** Each mistake graphql-js would answer with a suggestion naming part of the schema. */
const MISTAKES: [string, string, Record<string, unknown>][] = [
  ['a field', '{ servics { name } }', {}],
  ['an argument', '{ job(idd: "x") { id } }', {}],
  ['a type', 'query ($x: Strin) { services { name } }', {}],
  ['an enum literal', `{ job(id: "x") { ... on WorldViewshedJob { results { viewshedResult(format: GEOJSN) { data } } } } }`, {}],
  ['a field of an interface', '{ job(id: "x") { results } }', {}],
  [
    'an input field literal',
    `mutation { runViewshed(input: { inputObservationPointt: { geoJson: {} } }) { messages { description } } }`,
    {},
  ],
  [
    'an enum value in the variables',
    `query ($f: FeatureFormat) { job(id: "x") { ... on WorldViewshedJob { ${RESULT_AS} } } }`,
    { f: 'GEOJSN' },
  ],
  [
    'an input field in the variables',
    'mutation ($input: ViewshedInput!) { runViewshed(input: $input) { messages { description } } }',
    { input: { inputObservationPointt: { geoJson: POINT } } },
  ],
  [
    'a subscription variable',
    `subscription ($id: ID!, $f: FeatureFormat) { jobUpdates(id: $id) { ... on WorldViewshedJob { ${RESULT_AS} } } }`,
    { id: 'x', f: 'GEOJSN' },
  ],
];

type Door = (origin: string, query: string, variables: Record<string, unknown>) => Promise<string>;

const json = (body: unknown): string => JSON.stringify(body);
const post = async (url: string, headers: Record<string, string>, body: unknown): Promise<string> =>
  (
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': KEY, ...headers }, body: json(body) })
  ).text();

const DOORS: [string, Door][] = [
  ['the plain-POST door', (origin, query, variables) => post(`${origin}/graphql`, {}, { query, variables })],
  // An Origin sends the request through Yoga (CORS), as a browser's would be.
  ["Yoga's POST", (origin, query, variables) => post(`${origin}/graphql`, { origin }, { query, variables })],
  [
    "Yoga's GET",
    async (origin, query, variables) => {
      const url = new URL(`${origin}/graphql`);
      url.searchParams.set('query', query);
      url.searchParams.set('variables', json(variables));
      return (await fetch(url, { headers: { 'x-api-key': KEY, accept: 'application/json' } })).text();
    },
  ],
  ['SSE', (origin, query, variables) => post(`${origin}/graphql`, { accept: 'text/event-stream' }, { query, variables })],
  [
    'graphql-ws',
    async (origin, query, variables) => {
      const { createClient } = await import('graphql-ws');
      const { WebSocket } = await import('ws');
      const client = createClient({
        url: `${origin.replace(/^http/, 'ws')}/graphql`,
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: { apiKey: KEY },
      });
      const seen: unknown[] = [];
      try {
        for await (const event of client.iterate({ query, variables })) seen.push(event);
      } catch (error) {
        seen.push(error);
      } finally {
        await client.dispose();
      }
      return json(seen);
    },
  ],
];

describe('suggestions with introspection off', () => {
  it.each(DOORS)('should hide every suggestion on %s', async (door, send) => {
    const { origin } = await startEmbeddedGateway({ access: ACCESS, limits: { blockFieldSuggestions: false } });
    // GET cannot carry a mutation (405 before validation).
    const sent = door === "Yoga's GET" ? MISTAKES.filter(([, query]) => !query.startsWith('mutation')) : MISTAKES;
    for (const [mistake, query, variables] of sent) {
      const answer = await send(origin, query, variables);
      expect(answer, mistake).toContain('[Suggestion hidden]');
      expect(answer, mistake).not.toMatch(/did you mean/i);
    }
  });

  it('should still suggest when introspection is on, the schema being public anyway', async () => {
    const { origin } = await startEmbeddedGateway({ access: { ...ACCESS, introspection: true } });
    const send = DOORS[0]?.[1];
    for (const [mistake, query, variables] of MISTAKES) expect(await send?.(origin, query, variables), mistake).toMatch(/Did you mean/);
  });
});
