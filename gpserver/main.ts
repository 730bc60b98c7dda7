import { parseCli, USAGE } from './cli-options.js';
import { createGpServer } from './server.js';
import { EMBEDDED_SERVICES } from './services/embedded-services.js';
import { qualifiedServiceName } from './model/service.js';

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const server = await createGpServer(parsed.options);
  process.stdout.write(`Embedded GPServer at ${server.servicesUrl}\n`);
  for (const service of EMBEDDED_SERVICES) {
    process.stdout.write(
      `  ${server.servicesUrl}/${qualifiedServiceName(service)}/GPServer (${service.executionType.replace('esriExecutionType', '').toLowerCase()})\n`,
    );
  }
  const stop = (): void => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

await main();
