import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildGatewaySchema } from '../schema/build-gateway-schema.js';
import { loadCatalog } from './arcgis/catalog-loader.js';
import { createRestClient } from './arcgis/rest-client.js';
import { sourcesOrEmbedded } from './cli/embedded-sources.js';
import { parseGatewayCli, USAGE } from './cli/gateway-cli.js';
import { createUpstreamExecute } from './upstream-execute.js';

/** `npm run --silent sdl -- <source flags>`: the generated SDL, sorted, on stdout; failures on stderr, exit 1. */
async function main(): Promise<number> {
  let cli;
  try {
    cli = await parseGatewayCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { sources, embedded } = await sourcesOrEmbedded(cli.sources);
  try {
    const client = createRestClient({ timeoutMs: 30_000 });
    const catalog = await loadCatalog(sources, { client, concurrency: 8 });
    const failed = catalog.services.filter((s) => s.status === 'error');
    for (const service of failed) {
      if (service.status === 'error') process.stderr.write(`Cannot read ${service.url}: ${service.error}\n`);
    }
    if (failed.length > 0 || catalog.services.length === 0) {
      if (catalog.services.length === 0) process.stderr.write('No GP service found at the given sources.\n');
      return 1;
    }
    const schema = buildGatewaySchema(catalog, { execute: createUpstreamExecute(client) });
    process.stdout.write(`${printSchema(lexicographicSortSchema(schema))}\n`);
    return 0;
  } finally {
    await embedded?.close();
  }
}

process.exitCode = await main();
