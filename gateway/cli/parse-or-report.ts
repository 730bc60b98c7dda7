import { ConfigError } from '../config/load-config.js';
import { parseGatewayCli, USAGE, type GatewayCli } from './gateway-cli.js';

/**
 * The parsed command line, or undefined after writing what is wrong to stderr (every problem of a
 * configuration, each with its flag, variable or file and the key's path; the usage for a bad flag).
 */
export async function parseOrReport(argv: readonly string[], env: NodeJS.ProcessEnv): Promise<GatewayCli | undefined> {
  try {
    return await parseGatewayCli(argv, env);
  } catch (error) {
    if (error instanceof ConfigError && !error.problems.some((problem) => /^Unknown option|^Option '/.test(problem))) {
      process.stderr.write(`The configuration cannot start the gateway:\n${error.problems.map((problem) => `  ${problem}`).join('\n')}\n`);
    } else process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return undefined;
  }
}
