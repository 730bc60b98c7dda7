import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createGateway, type Gateway, type GatewayOptions } from '../../gateway/create-gateway.js';
import { createGpServer, type GpServer } from '../../gpserver/server.js';
import { countingFetch, type UpstreamCounts } from './counting-fetch.js';

export interface BenchGateway {
  readonly upstream: GpServer;
  readonly gateway: Gateway;
  readonly counts: UpstreamCounts;
  readonly graphqlUrl: string;
  readonly wsUrl: string;
  close(): Promise<void>;
}

/** The embedded GPServer and a gateway in front of it, in this process, on loopback. */
export async function startBenchGateway(
  options: Partial<GatewayOptions> = {},
  upstreamOptions: Parameters<typeof createGpServer>[0] = {},
): Promise<BenchGateway> {
  const upstream = await createGpServer({ port: 0, ...upstreamOptions });
  const counts = countingFetch();
  const gateway = await createGateway({ ...options, sources: embeddedSources(upstream.servicesUrl), fetch: counts.fetch });
  const server: Server = createServer(gateway.handler);
  gateway.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    upstream,
    gateway,
    counts,
    graphqlUrl: `http://127.0.0.1:${port}/graphql`,
    wsUrl: `ws://127.0.0.1:${port}/graphql`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      });
      await gateway.dispose();
      await upstream.close();
    },
  };
}

export async function gql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** A job that stays EXECUTING for the whole benchmark (one band, then a very long pause). */
export async function submitLongJob(url: string): Promise<string> {
  const data = await gql<{ submitElevationStatisticsJob: { id: string } }>(
    url,
    'mutation { submitElevationStatisticsJob(input: { bandCount: 1000, stepDelayMs: 60000 }) { id } }',
  );
  return data.submitElevationStatisticsJob.id;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
