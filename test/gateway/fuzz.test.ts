import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createGateway, type Gateway } from '../../gateway/create-gateway.js';
import { createGpServer, type GpServer } from '../../gpserver/server.js';
import { createServer, type Server } from 'node:http';

/**
 * Client input of every shape, generated: no answer of 500 or more, no masked internal error
 * ("Unexpected error."), and the gateway still serves a canary afterwards. Each property runs for a
 * bounded number of cases and time, so the suite stays quick; `npm run soak` runs the long barrage.
 */
let upstream: GpServer;
let gateway: Gateway;
let server: Server;
let graphqlUrl = '';

beforeAll(async () => {
  upstream = await createGpServer({ port: 0 });
  gateway = await createGateway({ sources: embeddedSources(upstream.servicesUrl) });
  server = createServer(gateway.handler);
  gateway.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  graphqlUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await gateway.dispose();
  await upstream.close();
});

const WORDS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '!',
  '$',
  '@',
  '...',
  '=',
  '|',
  '&',
  '"',
  '"""',
  '#',
  '\n',
  ',',
  'query',
  'mutation',
  'subscription',
  'fragment',
  'on',
  'services',
  'name',
  'tasks',
  'job',
  'jobUpdates',
  'id',
  'runViewshed',
  'runBuffer',
  'input',
  'results',
  'data',
  'format',
  'GEOJSON',
  '__typename',
  '__schema',
  'submitJob',
  'cancelJob',
  'uploadItem',
  'true',
  'null',
  '1e309',
  '-0',
  '9007199254740993',
  '"bm9wZQ"',
  '$v',
  'Int',
  'String!',
];
const PROPERTY = { numRuns: 150, plugins: [fc.interruptAfterTimeLimit(8_000)] };

/** A token soup around real operations: most are broken in interesting places. */
const documents = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { maxLength: 60 }).map((words) => words.join(' ')),
  fc.string({ maxLength: 200 }),
  fc.tuple(fc.constantFrom('{', '[', '('), fc.integer({ min: 50, max: 5_000 })).map(([open, n]) => `{ a(x: ${open.repeat(n)}) }`),
  fc
    .constantFrom(
      '{ services { name tasks { runField } } }',
      'mutation { runBuffer(input: {inputFeatures: {geoJson: {type: "Point", coordinates: [1, 2]}}, distance: {distance: 1, units: KILOMETERS}}) { messages { description } } }',
      'query Q($id: ID!) { job(id: $id) { status } }',
    )
    .chain((base) =>
      fc
        .tuple(fc.nat(base.length), fc.nat(12), fc.string({ maxLength: 8 }))
        .map(([at, cut, insert]) => base.slice(0, at) + insert + base.slice(at + cut)),
    ),
);

async function post(body: string, contentType: string): Promise<{ status: number; text: string }> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': contentType, accept: 'application/graphql-response+json, application/json', 'graphql-preflight': '1' },
    body,
  });
  return { status: response.status, text: await response.text() };
}

function clean(answer: { status: number; text: string }): boolean {
  return answer.status < 500 && !answer.text.includes('Unexpected error.');
}

describe('fuzzed client input', () => {
  it('should answer generated documents and variables without a 5xx or a masked internal error', async () => {
    await fc.assert(
      fc.asyncProperty(
        documents,
        fc.option(fc.jsonValue({ maxDepth: 4 })),
        fc.option(fc.string({ maxLength: 20 })),
        async (query, variables, operationName) => {
          const answer = await post(
            JSON.stringify({ query, variables: variables ?? undefined, operationName: operationName ?? undefined }),
            'application/json',
          );
          expect(clean(answer), `${answer.status} ${answer.text.slice(0, 200)} for ${query.slice(0, 200)}`).toBe(true);
        },
      ),
      PROPERTY,
    );
  });

  it('should answer generated bodies, content types and query strings without a 5xx', async () => {
    const contentTypes = fc.constantFrom(
      'application/json',
      'application/graphql+json',
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'multipart/form-data',
      'application/graphql',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string({ maxLength: 300 }),
          fc.json({ maxDepth: 5 }),
          fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
        ),
        contentTypes,
        async (body, type) => {
          const answer = await post(body, type);
          expect(clean(answer), `${answer.status} ${answer.text.slice(0, 200)} for ${type}: ${body.slice(0, 100)}`).toBe(true);
        },
      ),
      PROPERTY,
    );
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 100 }),
        fc.string({ maxLength: 60 }),
        fc.string({ maxLength: 60 }),
        async (query, variables, extensions) => {
          const params = new URLSearchParams({ query, variables, extensions });
          const response = await fetch(`${graphqlUrl}?${params.toString()}`, { headers: { accept: 'application/graphql-response+json' } });
          const text = await response.text();
          expect(
            clean({ status: response.status, text }),
            `${response.status} ${text.slice(0, 200)} for ${params.toString().slice(0, 200)}`,
          ).toBe(true);
        },
      ),
      PROPERTY,
    );
  });

  it('should survive generated graphql-ws frames and keep serving other connections', async () => {
    const frames = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.json({ maxDepth: 4 }),
      fc
        .record({
          type: fc.constantFrom('subscribe', 'complete', 'ping', 'pong', 'connection_init', 'next', 'error'),
          id: fc.option(fc.string({ maxLength: 5 })),
          payload: fc.option(
            fc.oneof(
              fc.jsonValue({ maxDepth: 3 }),
              documents.map((query) => ({ query })),
            ),
          ),
        })
        .map((m) => JSON.stringify(m)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frames, { minLength: 1, maxLength: 12 }), fc.boolean(), async (sent, init) => {
        const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
        await new Promise<void>((resolve) => {
          socket.once('open', () => {
            resolve();
          });
          socket.once('error', () => {
            resolve();
          });
        });
        if (init && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'connection_init' }));
        for (const frame of sent) if (socket.readyState === WebSocket.OPEN) socket.send(frame);
        await new Promise((resolve) => setTimeout(resolve, 5));
        socket.terminate();
      }),
      { numRuns: 60, plugins: [fc.interruptAfterTimeLimit(8_000)] },
    );
    const canary = await post(JSON.stringify({ query: '{ __typename }' }), 'application/json');
    expect(canary).toEqual({ status: 200, text: '{"data":{"__typename":"Query"}}' });
  });
});
