import { ConfigError, loadGatewayConfig } from '../../gateway/config/load-config.js';

/** What the configuration model says is wrong with these flags and variables; none when it loads. */
export async function configProblems(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<readonly string[]> {
  try {
    await loadGatewayConfig(argv, env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
