import { createHash } from 'node:crypto';
import { Agent, request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

const KEY = 'door-key-0123456789';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: string;
  readonly requestId: boolean;
}

const REQUESTS: readonly [string, string, Record<string, string>?][] = [
  ['a query', '{"query":"{ services { name status } }"}'],
  [
    'a query with variables and a name',
    '{"query":"query Q($id: ID!) { job(id: $id) { status } }","variables":{"id":"bm90"},"operationName":"Q"}',
  ],
  ['a mutation', '{"query":"mutation { runElevationStatistics(input: { bandCount: 2, stepDelayMs: 0 }) { status } }"}'],
  ['a validation error', '{"query":"{ servic }"}'],
  ['a syntax error', '{"query":"{ services "}'],
  ['invalid JSON', '{"query":'],
  ['a batch', '[{"query":"{ __typename }"}]'],
  ['a body of another shape', '{"query":1}'],
  ['an unknown key', '{"query":"{ __typename }","extra":1}'],
  ['two operations without a name', '{"query":"query A { __typename } query B { __typename }"}'],
  ['a subscription over plain POST', '{"query":"subscription { jobUpdates(id: \\"x\\") { status } }"}'],
  ['too many aliases', JSON.stringify({ query: `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: __typename`).join(' ')} }` })],
  ['introspection (off with access control)', '{"query":"{ __schema { queryType { name } } }"}'],
  ['no key', '{"query":"{ __typename }"}', { 'x-api-key': '' }],
  ['a wrong key', '{"query":"{ __typename }"}', { 'x-api-key': 'wrong' }],
  ['JSON accepted only', '{"query":"{ servic }"}', { accept: 'application/json' }],
  ['a content type in capitals', '{"query":"{ __typename }"}', { 'content-type': 'Application/JSON' }],
  ['a content type with a space', '{"query":"{ __typename }"}', { 'content-type': 'application/json ; charset=utf-8' }],
  ['an unknown key set to null', '{"query":"{ __typename }","extra":null}'],
];

async function ask(url: string, body: string, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      'x-api-key': KEY,
      ...headers,
    },
    body,
  });
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    body: (await response.text()).replace(/"(jobId|id)":"[^"]*"/g, '"$1":"…"'),
    requestId: response.headers.has('x-request-id'),
  };
}

/** A chunked POST (no Content-Length) on a keep-alive agent, then a second request on the same socket. */
async function chunked(url: string, body: string): Promise<{ first: number; second: number; sockets: number }> {
  // One socket at most: the second request reuses the first's connection, or fails with it.
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const sockets = new Set<unknown>();
  const post = (payload: string, chunkedBody: boolean): Promise<number> =>
    new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': KEY } }, (res) => {
        res.resume();
        res.once('end', () => {
          resolve(res.statusCode ?? 0);
        });
      });
      req.once('socket', (socket) => sockets.add(socket));
      req.once('error', reject);
      if (chunkedBody) for (let i = 0; i < payload.length; i += 500) req.write(payload.slice(i, i + 500));
      req.end(chunkedBody ? undefined : payload);
    });
  const first = await post(body, true);
  const second = await post('{"query":"{ __typename }"}', false);
  agent.destroy();
  return { first, second, sockets: sockets.size };
}

describe('the plain-POST door', () => {
  it('should answer every kind of JSON POST exactly as Yoga alone does', async () => {
    const access = { apiKeys: [{ id: 'door', sha256: sha256(KEY) }] };
    const door = await startEmbeddedGateway({ access });
    const yoga = await startEmbeddedGateway({ access, plainPostDoor: false });
    for (const [name, body, headers] of REQUESTS) {
      const [viaDoor, viaYoga] = await Promise.all([ask(door.graphqlUrl, body, headers), ask(yoga.graphqlUrl, body, headers)]);
      // Invalid JSON is Yoga's answer on both, its parser's message aside.
      const comparable = (answer: Answer): Answer => ({ ...answer, body: answer.body.replace(/"originalError":\{.*\}\}/, '') });
      expect(comparable(viaDoor), name).toEqual(comparable(viaYoga));
    }
    // The door did answer (the hand-overs aside), and the other gateway's never did.
    const answered = async (origin: string, door: string): Promise<number> =>
      Number(
        new RegExp(`gpgw_http_requests_total\\{door="${door}"\\} (\\d+)`).exec(await (await fetch(`${origin}/metrics`)).text())?.[1] ?? 0,
      );
    // 11 answered by the door itself; 6 it found unusual after admitting them and handed to Yoga (invalid JSON,
    // a batch, other shapes and keys, a subscription); 2 never its own (content types Yoga refuses).
    expect(await answered(door.origin, 'plain')).toBe(11);
    expect(await answered(door.origin, 'yoga')).toBe(8);
    expect(await answered(yoga.origin, 'plain')).toBe(0);
  });

  it('should refuse a body over the limit with 413 before reading the rest, as Yoga does', async () => {
    const limits = { maxRequestBodyBytes: 1_000 };
    const door = await startEmbeddedGateway({ limits });
    const yoga = await startEmbeddedGateway({ limits, plainPostDoor: false });
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(2_000)}` });
    const [viaDoor, viaYoga] = await Promise.all([ask(door.graphqlUrl, body), ask(yoga.graphqlUrl, body)]);
    expect(viaDoor.status).toBe(413);
    expect(viaDoor).toEqual(viaYoga);
  });

  it('should refuse a chunked body over the limit with 413, as Yoga does, and keep the connection usable', async () => {
    const limits = { maxRequestBodyBytes: 1_000 };
    const access = { apiKeys: [{ id: 'door', sha256: sha256(KEY) }] };
    const door = await startEmbeddedGateway({ limits, access });
    const yoga = await startEmbeddedGateway({ limits, access, plainPostDoor: false });
    const body = JSON.stringify({ query: `{ __typename } # ${'x'.repeat(5_000)}` });
    expect(await chunked(door.graphqlUrl, body)).toEqual({ first: 413, second: 200, sockets: 1 });
    // Yoga answers the same 413 but leaves the rest of the body unread: that socket is lost to the next request.
    await expect(chunked(yoga.graphqlUrl, body)).rejects.toThrow(/socket hang up/);
  });
});
