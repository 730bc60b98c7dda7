import type { AddressInfo } from 'node:net';
import { sourcesOrEmbedded } from './cli/embedded-sources.js';
import { USAGE } from './cli/gateway-cli.js';
import { parseOrReport } from './cli/parse-or-report.js';
import { printableConfig } from './config/print-config.js';
import { createGateway } from './create-gateway.js';
import { loadPlugins } from './config/load-plugins.js';
import { createLogger, logFormatFor } from './log/pino-logger.js';
import { createHttpServer } from './http/http-server.js';
import { startTracing } from './telemetry/start-tracing.js';
import { packageVersion } from './repo-root.js';

async function main(): Promise<void> {
  const cli = await parseOrReport(process.argv.slice(2), process.env);
  if (!cli) process.exit(2);
  if (cli.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (cli.printConfig) {
    process.stdout.write(`${printableConfig(cli.config)}\n`);
    return;
  }
  const log = createLogger(cli.logLevel, undefined, logFormatFor(cli.logFormat));
  const { sources, embedded } = await sourcesOrEmbedded(cli.sources);
  if (embedded) log.info('fronting the embedded GPServer', { url: embedded.servicesUrl });
  const tracing = cli.otelEndpoint === undefined ? undefined : startTracing({ endpoint: cli.otelEndpoint, version: packageVersion() });
  if (tracing) log.info('exporting traces', { endpoint: cli.otelEndpoint });
  const gateway = await createGateway({
    sources,
    log,
    tracer: tracing?.tracer,
    serverCredentials: cli.serverCredentials,
    exposeUpstreamUrls: cli.exposeUpstreamUrls,
    maxUploadBytes: cli.maxUploadBytes,
    uploadDir: cli.uploadDir,
    filesSecret: cli.filesSecret,
    redisUrl: cli.redisUrl,
    leaseMs: cli.leaseMs,
    polling: cli.pollFloorMs === undefined ? undefined : { floorMs: cli.pollFloorMs, ceilingMs: cli.pollCeilingMs ?? cli.pollFloorMs },
    refreshSeconds: cli.refreshSeconds,
    cors: cli.cors,
    runDeadlineMs: cli.runDeadlineMs,
    deadlines: cli.deadlines,
    webhooks: cli.webhooks,
    workflows: cli.workflows,
    resultCacheBytes: cli.resultCacheBytes,
    runCache: cli.runCache,
    limits: cli.limits,
    access: cli.access,
    trustedDocuments: cli.trustedDocuments,
    plugins: await loadPlugins(cli.plugins),
  });
  const server = createHttpServer(gateway.handler, cli.timeouts);
  gateway.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(cli.port, cli.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${cli.host === '127.0.0.1' ? 'localhost' : cli.host}:${port}/graphql`;
  process.stdout.write(`GraphQL gateway at ${url}\n`);
  log.info('listening', { url });
  // A second signal while draining stops at once.
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info('stopping', { signal });
    void gateway
      .drain(cli.drainTimeoutMs, cli.drainDelayMs)
      .then(async () => {
        // Responses still being written (the last SSE events) get up to 2 s; a socket goes as soon as it is
        // idle (a keep-alive socket would otherwise wait for its timeout), the rest at the end.
        const closed = new Promise<boolean>((resolve) => {
          server.close(() => {
            resolve(true);
          });
        });
        for (let waited = 0; waited < 2_000; waited += 50) {
          server.closeIdleConnections();
          if (await Promise.race([closed, new Promise<boolean>((resolve) => setTimeout(resolve, 50, false))])) break;
        }
        server.closeAllConnections();
        await gateway.dispose();
        await embedded?.close();
        // The last spans (the drain's own operations among them) go out before the exit.
        await tracing?.shutdown();
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error('stop failed', { err: error });
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
