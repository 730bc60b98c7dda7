import type { IncomingMessage, ServerResponse } from 'node:http';
import { createYoga } from 'graphql-yoga';
import { buildGatewaySchema } from '../schema/build-gateway-schema.js';
import type { GatewayContext } from '../schema/context.js';
import { loadCatalog, type ServiceSource } from './arcgis/catalog-loader.js';
import { createRestClient } from './arcgis/rest-client.js';
import { graphiqlTabs } from './graphql/graphiql-tabs.js';
import { maskError } from './graphql/mask-error.js';
import { serveHealth } from './http/health.js';
import { LiveSchema } from './live-schema.js';
import { silentLogger, type Logger } from './log/logger.js';
import { createUpstreamExecute } from './upstream-execute.js';

export interface GatewayOptions {
  readonly sources: readonly ServiceSource[];
  /** Re-introspect every N seconds and swap in the new schema; off when absent. */
  readonly refreshSeconds?: number;
  /** Budget of one upstream request. Default 60 s (synchronous tasks may compute for a while). */
  readonly upstreamTimeoutMs?: number;
  /** Introspection requests in flight at once. Default 8. */
  readonly introspectionConcurrency?: number;
  /** First retry delay for services that failed introspection (doubling up to 60 s). Default 2 s. */
  readonly retryMs?: number;
  readonly fetch?: typeof fetch;
  readonly log?: Logger;
}

export interface Gateway {
  /** A `node:http` request listener: `/graphql` (GraphiQL, HTTP, SSE), `/healthz`, `/readyz`. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  readonly live: LiveSchema;
  dispose(): Promise<void>;
}

/** Introspects the sources once (never failing on a bad one) and returns the gateway's handler. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const log = options.log ?? silentLogger;
  const client = createRestClient({ timeoutMs: options.upstreamTimeoutMs ?? 60_000, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const deps = { execute: createUpstreamExecute(client) };
  const live = new LiveSchema({
    load: () =>
      loadCatalog(options.sources, {
        client,
        concurrency: options.introspectionConcurrency ?? 8,
        log: { info: (m) => log.info(m), warn: (m) => log.warn(m) },
      }),
    build: (catalog) => buildGatewaySchema(catalog, deps),
    log,
    ...(options.refreshSeconds !== undefined ? { refreshMs: options.refreshSeconds * 1000 } : {}),
    retryMs: options.retryMs ?? 2_000,
    maxRetryMs: 60_000,
  });
  await live.refresh();
  const yoga = createYoga<{ req: IncomingMessage; res: ServerResponse }, GatewayContext>({
    schema: () => live.schema,
    graphqlEndpoint: '/graphql',
    landingPage: false,
    maskedErrors: { maskError },
    context: ({ request }) => ({ signal: request.signal }),
    graphiql: () => ({ title: 'gp-graphql-gateway', defaultTabs: graphiqlTabs(live.schema) }),
    logging: {
      debug: (...args: unknown[]) => log.debug(args.map(String).join(' ')),
      info: (...args: unknown[]) => log.info(args.map(String).join(' ')),
      warn: (...args: unknown[]) => log.warn(args.map(String).join(' ')),
      error: (...args: unknown[]) => log.error(args.map(String).join(' ')),
    },
  });
  return {
    handler: (req, res) => {
      if (serveHealth(req, res, () => live.ready)) return;
      void yoga.requestListener(req, res);
    },
    live,
    dispose: async () => {
      live.dispose();
      await yoga.dispose();
    },
  };
}
