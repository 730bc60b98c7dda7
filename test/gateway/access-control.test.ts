import { createHash } from 'node:crypto';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { startEmbeddedGateway, type GraphQLResponse } from '../support/gateway-fixture.js';
import { ManualClock } from '../support/manual-clock.js';

const KEY = 'gpgw_live_3f9c1e7a52b84d06';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function post(url: string, query: string, key?: string): Promise<{ status: number; headers: Headers; body: GraphQLResponse }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'x-api-key': key }) },
    body: JSON.stringify({ query }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as GraphQLResponse };
}

describe('caller access control', () => {
  it('should let in only callers with a configured key, over HTTP, SSE and graphql-ws, and never log the key', async () => {
    const lines: string[] = [];
    const { graphqlUrl } = await startEmbeddedGateway({
      access: { apiKeys: [{ id: 'frontend', sha256: sha256(KEY) }] },
      log: createLogger('debug', (line) => lines.push(line)),
    });

    const none = await post(graphqlUrl, '{ __typename }');
    expect(none.status).toBe(401);
    expect(none.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const wrong = await post(graphqlUrl, '{ __typename }', 'gpgw_live_guessed');
    expect(wrong.status).toBe(401);
    expect(wrong.body.errors?.[0]?.message).toBe('The API key is not valid.');
    expect((await post(graphqlUrl, '{ services { name } }', KEY)).body.data).toMatchObject({ services: expect.any(Array) });

    const sse = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { jobUpdates(id: "x") { status } }' }),
    });
    expect(sse.status).toBe(401);

    const refusedClose = await new Promise<number>((resolve) => {
      const client = createClient({
        url: graphqlUrl.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        on: {
          closed: (event) => {
            resolve((event as { code: number }).code);
          },
        },
      });
      client.subscribe({ query: '{ __typename }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
    });
    expect(refusedClose).toBe(4403);
    const admitted = createClient({
      url: graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { apiKey: KEY },
    });
    const result = await new Promise<unknown>((resolve, reject) => {
      admitted.subscribe({ query: '{ __typename }' }, { next: resolve, error: reject, complete: () => undefined });
    });
    expect(result).toEqual({ data: { __typename: 'Query' } });
    await admitted.dispose();

    expect(lines.join('\n')).not.toContain(KEY);
    expect(lines.join('\n')).not.toContain('gpgw_live_guessed');
  });

  it('should turn introspection and GraphiQL off with access control, unless asked', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ access: { apiKeys: [{ id: 'frontend', sha256: sha256(KEY) }] } });
    const introspect = await post(graphqlUrl, '{ __schema { queryType { name } } }', KEY);
    expect(introspect.body.errors?.[0]?.message).toMatch(/introspection/i);
    expect((await fetch(graphqlUrl, { headers: { accept: 'text/html' } })).status).toBe(401);

    const open = await startEmbeddedGateway({ access: { apiKeys: [{ id: 'frontend', sha256: sha256(KEY) }], introspection: true } });
    expect((await post(open.graphqlUrl, '{ __schema { queryType { name } } }', KEY)).body.data).toEqual({
      __schema: { queryType: { name: 'Query' } },
    });
    expect((await fetch(open.graphqlUrl, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('should limit each caller to its operations per minute, with retryAfter, on both transports', async () => {
    const clock = new ManualClock({ start: Date.now() });
    const keys = [
      { id: 'a', sha256: sha256('key-a-0123456789') },
      { id: 'b', sha256: sha256('key-b-0123456789') },
    ];
    const { graphqlUrl } = await startEmbeddedGateway({ clock, access: { apiKeys: keys, operationsPerMinute: 3 } });
    for (let i = 0; i < 3; i++) expect((await post(graphqlUrl, '{ __typename }', 'key-a-0123456789')).status).toBe(200);
    const limited = await post(graphqlUrl, '{ __typename }', 'key-a-0123456789');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('20');
    expect(limited.body.errors?.[0]?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfter: 20 });
    // Another caller has its own budget, over WebSocket too.
    const client = createClient({
      url: graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { apiKey: 'key-b-0123456789' },
    });
    const codes: unknown[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push(
        await new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: '{ __typename }' },
            {
              next: (event) => {
                resolve(event.data ? 'ok' : undefined);
              },
              error: (error) => {
                resolve((error as { extensions?: { code?: unknown } }[])[0]?.extensions?.code);
              },
              complete: () => undefined,
            },
          );
        }),
      );
    }
    expect(codes).toEqual(['ok', 'ok', 'ok', 'RATE_LIMITED']);
    await client.dispose();
    await clock.advance(20_000);
    expect((await post(graphqlUrl, '{ __typename }', 'key-a-0123456789')).status).toBe(200);
  });

  it('should cap the jobs each caller runs at once, reading job ends only when a caller is at its cap', async () => {
    const keys = [
      { id: 'a', sha256: sha256('key-a-0123456789') },
      { id: 'b', sha256: sha256('key-b-0123456789') },
    ];
    const statusReads: string[] = [];
    const { graphqlUrl } = await startEmbeddedGateway({
      access: { apiKeys: keys, concurrentJobsPerCaller: 2 },
      fetch: (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (/\/jobs\/[^/?]+(\?|$)/.test(url)) statusReads.push(url);
        return fetch(input, init);
      },
    });
    const submit = async (key: string, stepDelayMs: number): Promise<{ id?: string; extensions?: Record<string, unknown> }> => {
      const { body } = await post(
        graphqlUrl,
        `mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: ${stepDelayMs} }) { id } }`,
        key,
      );
      return {
        id: (body.data as { submitElevationStatisticsJob?: { id: string } } | null)?.submitElevationStatisticsJob?.id,
        extensions: body.errors?.[0]?.extensions,
      };
    };
    // Three at once at a cap of two: a slot is held from the check to the answer, so exactly two pass.
    const burst = await Promise.all([0, 1, 2].map(() => submit('key-a-0123456789', 5_000)));
    expect(burst.filter((r) => r.id !== undefined)).toHaveLength(2);
    expect(burst.find((r) => r.id === undefined)?.extensions).toEqual({ code: 'RATE_LIMITED', limit: 'concurrentJobs', retryAfter: 5 });
    const readsAtCap = statusReads.length;
    // Refused again: each counted job's state is read through its poll loop, started by the first refusal and
    // still in its grace period: no request of the count's own, at most the loops' next round.
    expect((await submit('key-a-0123456789', 5_000)).extensions?.code).toBe('RATE_LIMITED');
    expect(statusReads.length - readsAtCap).toBeLessThanOrEqual(2);
    // Another caller has its own count.
    expect((await submit('key-b-0123456789', 0)).id).toBeDefined();
    // A job of a that ends (cancelled) frees its slot.
    const running = burst.find((r) => r.id !== undefined)?.id ?? '';
    const cancelled = await post(graphqlUrl, `mutation { cancelJob(id: "${running}") { status } }`, 'key-a-0123456789');
    expect(cancelled.body.errors).toBeUndefined();
    await expect.poll(async () => (await submit('key-a-0123456789', 0)).id, { timeout: 10_000, interval: 200 }).toBeDefined();
  });

  it('should cap the subscriptions of each caller, across transports, leaving other callers their own', async () => {
    const keys = [
      { id: 'a', sha256: sha256('key-a-0123456789') },
      { id: 'b', sha256: sha256('key-b-0123456789') },
    ];
    const { graphqlUrl } = await startEmbeddedGateway({ access: { apiKeys: keys, subscriptionsPerCaller: 1 } });
    const submitted = await post(
      graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 2000 }) { id } }',
      'key-a-0123456789',
    );
    const id = (submitted.body.data as { submitElevationStatisticsJob: { id: string } }).submitElevationStatisticsJob.id;
    const sse = (key: string) =>
      fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'x-api-key': key },
        body: JSON.stringify({ query: 'subscription ($id: ID!) { jobUpdates(id: $id) { status } }', variables: { id } }),
      });
    const first = await sse('key-a-0123456789');
    const reader = first.body?.getReader();
    await reader?.read();
    const client = createClient({
      url: graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { apiKey: 'key-a-0123456789' },
    });
    const refused = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: 'subscription ($id: ID!) { jobUpdates(id: $id) { status } }', variables: { id } },
        {
          next: (event) => {
            resolve(event.errors?.[0]?.extensions);
          },
          error: (error) => {
            resolve((error as { extensions?: unknown }[])[0]?.extensions);
          },
          complete: () => undefined,
        },
      );
    });
    expect(refused).toEqual({ code: 'TOO_MANY_SUBSCRIPTIONS', scope: 'caller', max: 1 });
    await client.dispose();
    const other = await sse('key-b-0123456789');
    expect(new TextDecoder().decode((await other.body?.getReader().read())?.value)).toContain('"status"');
    await reader?.cancel();
  });

  it('should guard every path the GraphQL server answers and the in-process fetch, and let a browser preflight through', async () => {
    const key = { id: 'frontend', sha256: sha256(KEY) };
    const { gateway, origin } = await startEmbeddedGateway({ access: { apiKeys: [key] }, cors: { origins: ['http://app.test'] } });
    for (const path of ['/graphql', '/graphql/', '/x/graphql']) expect((await post(`${origin}${path}`, '{ __typename }')).status).toBe(401);
    const viaFetch = await gateway.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(viaFetch.status).toBe(401);

    // A browser on an allowed origin: the preflight carries no key and passes; the refusal is readable.
    const preflight = await fetch(`${origin}/graphql`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://app.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    expect(preflight.status).toBeLessThan(300);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('x-api-key');
    const refused = await fetch(`${origin}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://app.test', 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('http://app.test');
  });
});
