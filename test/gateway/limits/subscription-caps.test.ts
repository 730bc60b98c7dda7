import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createClient, type Client } from 'graphql-ws';
import { createSchema, createYoga } from 'graphql-yoga';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { SubscriptionBudget } from '../../../gateway/graphql/subscription-budget.js';
import { useSubscriptionBudget } from '../../../gateway/graphql/use-subscription-budget.js';
import { attachGraphqlWs } from '../../../gateway/graphql/websocket.js';

const disposers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

/** Yoga with one endless subscription (`ticks`, every 20 ms), the gateway's budget plugin and WebSocket adapter. */
async function startTicker(limits: {
  perConnection: number;
  process: number;
}): Promise<{ url: string; wsUrl: string; budget: SubscriptionBudget }> {
  const budget = new SubscriptionBudget(limits.process);
  const schema = createSchema({
    typeDefs: 'type Query { hello: String } type Subscription { ticks: Int }',
    resolvers: {
      Subscription: {
        ticks: {
          subscribe: async function* () {
            for (let i = 0; ; i++) {
              yield { ticks: i };
              await new Promise((resolve) => setTimeout(resolve, 20));
            }
          },
        },
      },
    },
  });
  const yoga = createYoga({ schema, plugins: [useSubscriptionBudget(budget)], logging: false });
  const server = createServer((req, res) => {
    void yoga(req, res);
  });
  const close = attachGraphqlWs(server, yoga, { maxSubscriptionsPerConnection: limits.perConnection });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  disposers.push(async () => {
    await close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, wsUrl: url.replace(/^http/, 'ws'), budget };
}

interface Outcome {
  readonly firstTick: Promise<unknown>;
  readonly dispose: () => void;
}

/** One `ticks` subscription: resolves with its first event (data or error). */
function tick(client: Client): Outcome {
  let dispose = (): void => undefined;
  const firstTick = new Promise((resolve) => {
    dispose = client.subscribe({ query: 'subscription { ticks }' }, { next: resolve, error: resolve, complete: () => undefined });
  });
  return {
    firstTick,
    dispose: () => {
      dispose();
    },
  };
}

function wsClient(wsUrl: string): Client {
  const client = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
  disposers.push(async () => {
    await client.dispose();
  });
  return client;
}

/** An SSE subscription: its first event, and an abort that ends it. */
async function sse(url: string): Promise<{ first: unknown; abort: () => void }> {
  const controller = new AbortController();
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
    body: JSON.stringify({ query: 'subscription { ticks }' }),
    signal: controller.signal,
  });
  const reader = response.body?.getReader();
  let text = '';
  while (reader && !/data: .*\n/.test(text)) {
    const { value, done } = await reader.read();
    if (done) break;
    text += new TextDecoder().decode(value);
  }
  const data = /data: (.*)\n/.exec(text)?.[1] ?? 'null';
  return {
    first: JSON.parse(data),
    abort: () => {
      controller.abort();
    },
  };
}

describe('subscription caps', () => {
  it('should refuse a connection its subscription past the cap with TOO_MANY_SUBSCRIPTIONS, others unaffected', async () => {
    const { wsUrl } = await startTicker({ perConnection: 2, process: 100 });
    const client = wsClient(wsUrl);
    const [a, b, c] = [tick(client), tick(client), tick(client)];
    expect(await a.firstTick).toEqual({ data: { ticks: 0 } });
    expect(await b.firstTick).toEqual({ data: { ticks: 0 } });
    expect(await c.firstTick).toMatchObject([{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', scope: 'connection', max: 2 } }]);
    // Another connection has its own allowance; a freed slot can be used again.
    expect(await tick(wsClient(wsUrl)).firstTick).toEqual({ data: { ticks: 0 } });
    a.dispose();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await tick(client).firstTick).toEqual({ data: { ticks: 0 } });
  });

  it('should keep serving a connection after 150 operations that failed and were cancelled at once', async () => {
    const { wsUrl } = await startTicker({ perConnection: 100, process: 10_000 });
    const socket = new WebSocket(wsUrl, 'graphql-transport-ws');
    disposers.push(async () => {
      socket.close();
      await Promise.resolve();
    });
    const messages: { id?: string; type: string; payload?: unknown }[] = [];
    socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
    await new Promise((resolve) => socket.once('open', resolve));
    socket.send(JSON.stringify({ type: 'connection_init' }));
    await expect.poll(() => messages.some((m) => m.type === 'connection_ack')).toBe(true);
    // A link that retries failing operations: an unparsable or invalid document, cancelled at once.
    for (let i = 0; i < 150; i++) {
      const query = i % 2 === 0 ? '{ hello' : '{ nope }';
      socket.send(JSON.stringify({ id: `bad-${i}`, type: 'subscribe', payload: { query } }));
      socket.send(JSON.stringify({ id: `bad-${i}`, type: 'complete' }));
    }
    socket.send(JSON.stringify({ id: 'ok', type: 'subscribe', payload: { query: '{ hello }' } }));
    await expect.poll(() => messages.find((m) => m.id === 'ok' && m.type !== 'complete'), { timeout: 5_000 }).toBeDefined();
    expect(messages.find((m) => m.id === 'ok')).toEqual({ id: 'ok', type: 'next', payload: { data: { hello: null } } });
  });

  it('should cap the process across graphql-ws and SSE, and free slots when streams end', async () => {
    const { url, wsUrl, budget } = await startTicker({ perConnection: 100, process: 2 });
    const ws = tick(wsClient(wsUrl));
    expect(await ws.firstTick).toEqual({ data: { ticks: 0 } });
    const stream = await sse(url);
    expect(stream.first).toEqual({ data: { ticks: 0 } });
    expect(budget.active).toBe(2);
    expect((await sse(url)).first).toMatchObject({
      errors: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', scope: 'process', max: 2 } }],
    });
    expect(await tick(wsClient(wsUrl)).firstTick).toMatchObject({
      errors: [{ extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', scope: 'process' } }],
    });
    stream.abort();
    ws.dispose();
    await expect.poll(() => budget.active, { timeout: 2_000 }).toBe(0);
    expect((await sse(url)).first).toEqual({ data: { ticks: 0 } });
  });
});
