import { request } from 'node:http';
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../../gateway/cli/embedded-sources.js';
import { graphql, startEmbeddedGateway, startGateway } from '../../support/gateway-fixture.js';
import { startGpServer } from '../../support/gp-server-fixture.js';

const MUTATION = 'mutation { cancelJob(id: "bm9wZQ") { status } }';

async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> | string }> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) as Record<string, unknown> };
  } catch {
    return { status: response.status, body: text };
  }
}

describe('CSRF prevention', () => {
  it('should refuse a mutation over GET', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const response = await fetch(`${graphqlUrl}?query=${encodeURIComponent(MUTATION)}`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(405);
  });

  it('should refuse a form-encoded POST (what a cross-site form sends) without the CSRF header', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const form = await post(graphqlUrl, new URLSearchParams({ query: MUTATION }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(form.status).toBe(403);
    expect(form.body).toMatchObject({ errors: [{ message: expect.stringContaining('x-graphql-yoga-csrf') }] });
    const withHeader = await post(graphqlUrl, new URLSearchParams({ query: '{ services { name } }' }).toString(), {
      'content-type': 'application/x-www-form-urlencoded',
      'x-graphql-yoga-csrf': '1',
    });
    expect(withHeader.status).toBe(200);
  });

  it('should refuse text/plain, multipart and content-type-less POSTs', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const body = JSON.stringify({ query: MUTATION });
    expect((await post(graphqlUrl, body, { 'content-type': 'text/plain' })).status).toBe(403);
    expect((await post(graphqlUrl, body, { 'content-type': 'multipart/form-data; boundary=x' })).status).toBe(403);
    const bare = await fetch(graphqlUrl, { method: 'POST', body: new Uint8Array(Buffer.from(body)) });
    expect(bare.status).toBe(403);
  });

  it('should accept JSON POSTs and serve GraphiQL', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    expect((await graphql(graphqlUrl, '{ services { name } }')).errors).toBeUndefined();
    const page = await fetch(graphqlUrl, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('gp-graphql-gateway');
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string): Promise<Response> =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('should allow no other origin by default', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const answer = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await preflight(graphqlUrl, 'https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('should answer a configured origin, with credentials only when asked, and no other', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({
      cors: { origins: ['https://app.example', 'https://admin.example'], credentials: true },
    });
    const allowed = await preflight(graphqlUrl, 'https://app.example');
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(allowed.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(allowed.headers.get('vary')).toMatch(/Origin/);
    const other = await preflight(graphqlUrl, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const single = await startEmbeddedGateway({ cors: { origins: ['https://app.example'] } });
    const answer = await fetch(single.graphqlUrl, {
      method: 'POST',
      headers: { origin: 'https://app.example', 'content-type': 'application/json' },
      body: '{"query":"{ __typename }"}',
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://app.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
    expect(answer.headers.get('vary')).toMatch(/Origin/);
  });

  it('should never combine any origin with credentials', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ cors: { origins: ['*'], credentials: true } });
    const answer = await preflight(graphqlUrl, 'https://anyone.example');
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://anyone.example');
    expect(answer.headers.get('access-control-allow-credentials')).toBeNull();
  });
});

/** A POST with a chunked body (no content-length), written in 64 KiB pieces. */
function chunkedPost(url: string, bytes: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    const piece = ' '.repeat(64 * 1024);
    let written = 0;
    const pump = (): void => {
      while (written < bytes) {
        written += piece.length;
        if (!req.write(piece)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    req.write('{"query":"{ __typename }","pad":"');
    pump();
  });
}

describe('request body size', () => {
  it('should cut a client that sends its headers or its body too slowly with 408, and keep serving others', async () => {
    const upstream = await startGpServer();
    const { origin, graphqlUrl } = await startGateway({
      sources: embeddedSources(upstream.servicesUrl),
      timeouts: { headersMs: 400, requestMs: 800 },
    });
    const { port } = new URL(origin);
    /** Writes `parts` one per 100 ms; resolves with what the server answered before it closed the socket. */
    const trickle = (parts: readonly string[]): Promise<string> =>
      new Promise((resolve) => {
        const socket = connect(Number(port), '127.0.0.1');
        let answer = '';
        socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
        socket.on('close', () => {
          resolve(answer);
        });
        socket.on('error', () => undefined);
        let i = 0;
        const next = (): void => {
          if (socket.destroyed || i >= parts.length) return;
          socket.write(parts[i++] ?? '');
          setTimeout(next, 100);
        };
        next();
      });
    const headers = 'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n'.split('');
    expect(await trickle(headers)).toMatch(/^HTTP\/1\.1 408 /);
    const body = [
      'POST /graphql HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n',
      ...'{"query":"{ __typename }"'.split(''),
    ];
    expect(await trickle(body)).toMatch(/^HTTP\/1\.1 408 /);
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('should answer 413 with a GraphQL error for a declared body over 1 MiB, and keep serving', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const big = await post(graphqlUrl, JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1024 * 1024) } }), {
      'content-type': 'application/json',
    });
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({
      errors: [{ message: 'Request body too large: at most 1048576 bytes.', extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    });
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('should stop reading a streamed body past the limit', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ limits: { maxRequestBodyBytes: 64 * 1024 } });
    const answer = await chunkedPost(graphqlUrl, 512 * 1024).catch((error: unknown) => ({ status: 0, body: String(error) }));
    // Either the 413 arrives, or the server cut the upload short; it never parses the body.
    expect([0, 413]).toContain(answer.status);
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
  });
});
