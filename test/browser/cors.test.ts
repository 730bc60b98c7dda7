import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { describeChromium, openPage } from '../support/chromium.js';
import { startChild, stopChild } from '../support/child-process.js';

/**
 * A page of another origin, as a frontend's dev server would serve it, calling the gateway from the
 * browser: a GraphQL POST with JSON (a preflighted request) and a graphql-ws subscription.
 */
const PAGE = `<!doctype html><script>
window.probe = async (graphqlUrl) => {
  const out = {};
  try {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'from-the-page', 'x-esri-authorization': 'Bearer nothing' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    out.fetch = { status: response.status, body: await response.json(), requestId: response.headers.get('x-request-id') };
  } catch (error) {
    out.fetch = { error: String(error) };
  }
  out.ws = await new Promise((resolve) => {
    const socket = new WebSocket(graphqlUrl.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init' }));
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      if (message.type === 'connection_ack') socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query: '{ __typename }' } }));
      if (message.type === 'next') {
        resolve({ data: message.payload.data });
        socket.close();
      }
    };
    socket.onerror = () => resolve({ error: 'refused' });
  });
  return out;
};
</script>`;

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function servePage(): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(PAGE);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

interface Probe {
  readonly fetch: { status?: number; body?: unknown; requestId?: string | null; error?: string };
  readonly ws: { data?: unknown; error?: string };
}

describeChromium('CORS from the command line (browser, two loopback origins)', () => {
  it('should let a listed origin call the gateway over fetch and WebSocket, and refuse another', async () => {
    const allowed = await servePage();
    const other = await servePage();
    const { child, match } = await startChild(
      'gateway/main.ts',
      ['--port', '0', '--log-level', 'silent', '--cors-origin', allowed],
      /GraphQL gateway at (\S+)\n/,
    );
    try {
      const graphqlUrl = (match[1] ?? '').replace('localhost', '127.0.0.1');
      const { page } = await openPage();

      await page.goto(allowed);
      const yes = (await page.evaluate(
        async (url) => (window as unknown as { probe: (u: string) => Promise<unknown> }).probe(url),
        graphqlUrl,
      )) as Probe;
      expect(yes.fetch).toEqual({ status: 200, body: { data: { __typename: 'Query' } }, requestId: 'from-the-page' });
      expect(yes.ws).toEqual({ data: { __typename: 'Query' } });

      await page.goto(other);
      const no = (await page.evaluate(
        async (url) => (window as unknown as { probe: (u: string) => Promise<unknown> }).probe(url),
        graphqlUrl,
      )) as Probe;
      expect(no.fetch.error).toMatch(/TypeError: Failed to fetch/);
      expect(no.ws).toEqual({ error: 'refused' });
    } finally {
      await stopChild(child);
    }
  }, 60_000);
});
