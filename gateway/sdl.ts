import {
  isInterfaceType,
  isUnionType,
  lexicographicSortSchema,
  printSchema,
  type GraphQLInterfaceType,
  type GraphQLSchema,
  type GraphQLUnionType,
} from 'graphql';
import { buildGatewaySchema } from '../schema/build-gateway-schema.js';
import { OFFLINE_DEPS } from '../schema/offline-deps.js';
import { loadCatalog } from './arcgis/catalog-loader.js';
import { createRestClient } from './arcgis/rest-client.js';
import { createAuthorizedClients } from './auth/authorized-clients.js';
import { GATEWAY_CREDENTIAL } from '../core/credential.js';
import { serverTokensFor } from './auth/server-tokens.js';
import { sourcesOrEmbedded } from './cli/embedded-sources.js';
import { parseOrReport } from './cli/parse-or-report.js';

/** Apollo Client's `possibleTypes`: every interface and union with the object types that can stand for it. */
function possibleTypesOf(schema: GraphQLSchema): Record<string, string[]> {
  const abstract = Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLInterfaceType | GraphQLUnionType => (isInterfaceType(type) || isUnionType(type)) && !type.name.startsWith('__'),
  );
  const entries: [string, string[]][] = abstract.map((type) => [
    type.name,
    schema
      .getPossibleTypes(type)
      .map((t) => t.name)
      .sort(),
  ]);
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)));
}

/**
 * `npm run --silent sdl -- <source flags>`: the generated SDL, sorted, on stdout; with
 * `--possible-types`, Apollo Client's `possibleTypes` as JSON instead. Failures on stderr, exit 1.
 */
async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const possibleTypes = args.includes('--possible-types');
  const cli = await parseOrReport(
    args.filter((arg) => arg !== '--possible-types'),
    process.env,
  );
  if (!cli) return 2;
  const { sources, embedded } = await sourcesOrEmbedded(cli.sources);
  try {
    const tokens = serverTokensFor(cli.serverCredentials, createRestClient({ timeoutMs: 30_000 }));
    const client = createAuthorizedClients(createRestClient({ timeoutMs: 30_000 }), tokens)(GATEWAY_CREDENTIAL);
    const catalog = await loadCatalog(sources, { client, concurrency: 8 });
    const failed = catalog.services.flatMap((s) => (s.status === 'error' ? [s] : []));
    for (const service of failed) process.stderr.write(`Cannot read ${service.url}: ${service.error}\n`);
    if (failed.length > 0 || catalog.services.length === 0) {
      if (catalog.services.length === 0) process.stderr.write('No GP service found at the given sources.\n');
      return 1;
    }
    const schema = buildGatewaySchema(catalog, { ...OFFLINE_DEPS, runDeadlineMs: cli.runDeadlineMs ?? OFFLINE_DEPS.runDeadlineMs });
    process.stdout.write(
      possibleTypes ? `${JSON.stringify(possibleTypesOf(schema), null, 2)}\n` : `${printSchema(lexicographicSortSchema(schema))}\n`,
    );
    return 0;
  } finally {
    await embedded?.close();
  }
}

process.exitCode = await main();
