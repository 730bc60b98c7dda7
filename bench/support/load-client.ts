/**
 * The load generator in its own process, so it never shares an event loop with the server it
 * measures: `node --import tsx bench/support/load-client.ts '<LoadSpec JSON>'` runs autocannon
 * (warm-up, then the measured run) and prints `RESULT <LoadResult JSON>`, then exits.
 */
import { runAutocannon, type LoadSpec } from './autocannon.js';

const spec = JSON.parse(process.argv[2] ?? '{}') as LoadSpec;
const result = await runAutocannon(spec);
process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
process.exit(0);
