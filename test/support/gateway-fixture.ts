import type { AddressInfo } from 'node:net';
import { afterEach } from 'vitest';
import type { ServiceSource } from '../../gateway/arcgis/catalog-loader.js';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../gateway/create-gateway.js';
import { createHttpServer, type ServerTimeouts } from '../../gateway/http/http-server.js';
import type { GpServer } from '../../gpserver/server.js';
import { startGpServer } from './gp-server-fixture.js';

const disposers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

export interface RunningGateway {
  readonly gateway: Gateway;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  readonly graphqlUrl: string;
}

/** A gateway behind a real `node:http` server on a free loopback port, closed after the test. */
export async function startGateway(
  options: Omit<GatewayOptions, 'sources'> & { sources: readonly ServiceSource[]; timeouts?: Partial<ServerTimeouts> },
): Promise<RunningGateway> {
  const gateway = await createGateway(options);
  const server = createHttpServer(gateway.handler, options.timeouts);
  gateway.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  disposers.push(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
    await gateway.dispose();
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { gateway, origin, graphqlUrl: `${origin}/graphql` };
}

/**
 * A gateway called in process through `Gateway.fetch`, no socket of its own, disposed after the test:
 * for suites about the schema and values rather than a transport. `graphql` posts one operation.
 */
export async function inProcessGateway(options: GatewayOptions): Promise<{
  gateway: Gateway;
  graphql: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
}> {
  const gateway = await createGateway(options);
  disposers.push(() => gateway.dispose());
  return {
    gateway,
    graphql: async <T>(query: string, variables: Record<string, unknown> = {}) => {
      const response = await gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse<T>;
    },
  };
}

/** The embedded GPServer and a gateway in front of it called in process (`inProcessGateway`). */
export async function inProcessEmbeddedGateway(
  options: Partial<GatewayOptions> = {},
): Promise<Awaited<ReturnType<typeof inProcessGateway>> & { upstream: GpServer }> {
  const upstream = await startGpServer();
  return { ...(await inProcessGateway({ ...options, sources: embeddedSources(upstream.servicesUrl) })), upstream };
}

/** The embedded GPServer and a gateway in front of it, as `npm start` runs them. */
export async function startEmbeddedGateway(options: Partial<GatewayOptions> = {}): Promise<RunningGateway & { upstream: GpServer }> {
  const upstream = await startGpServer();
  const running = await startGateway({ ...options, sources: embeddedSources(upstream.servicesUrl) });
  return { ...running, upstream };
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  readonly data?: T | null;
  readonly errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[];
}

/** One operation POSTed as JSON; `headers` add to the usual ones (an `x-api-key`, a bearer token). */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResponse<T>;
}

/** The events of one subscription over graphql-ws (the real client), until it completes or `limit` events. */
export async function subscribeWs<T = Record<string, unknown>>(
  origin: string,
  query: string,
  variables: Record<string, unknown> = {},
  limit = 10_000,
): Promise<{ events: GraphQLResponse<T>[]; error?: unknown }> {
  const { createClient } = await import('graphql-ws');
  const { WebSocket } = await import('ws');
  const client = createClient({ url: `${origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const events: GraphQLResponse<T>[] = [];
  try {
    const iterator = client.iterate<T>({ query, variables });
    for await (const event of iterator) {
      events.push(event);
      if (events.length >= limit) break;
    }
    return { events };
  } catch (error) {
    return { events, error };
  } finally {
    await client.dispose();
  }
}

/**
 * The events of one subscription over SSE (`Accept: text/event-stream`), until the stream ends or
 * `options.until` holds for an event (then the stream is cancelled).
 */
export async function subscribeSse<T = Record<string, unknown>>(
  graphqlUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: { headers?: Record<string, string>; until?: (event: GraphQLResponse<T>) => boolean } = {},
): Promise<GraphQLResponse<T>[]> {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'text/event-stream', ...options.headers },
    body: JSON.stringify({ query, variables }),
  });
  const events: GraphQLResponse<T>[] = [];
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (let chunk = await reader?.read(); chunk && !chunk.done; chunk = await reader?.read()) {
    buffer += chunk.value;
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = block
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
        .join('');
      if (data === '') continue;
      const event = JSON.parse(data) as GraphQLResponse<T>;
      events.push(event);
      if (options.until?.(event)) {
        await reader?.cancel();
        return events;
      }
    }
  }
  return events;
}
