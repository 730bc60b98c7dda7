import { parseGatewayCli, USAGE, type GatewayCli } from './gateway-cli.js';

/** The parsed command line, or undefined after writing what is wrong and the usage to stderr. */
export async function parseOrReport(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<GatewayCli | undefined> {
  try {
    return await parseGatewayCli(argv, env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return undefined;
  }
}
