/**
 * The soak's server process: the gateway and the embedded GPServer, nothing else, so that the heap the
 * soak reads is theirs alone (its load clients run in the parent). Prints `READY <graphql url>`, then
 * answers IPC messages: `heap` (after a forced GC, MB of heap + external), `fault` (inject one upstream
 * fault), `stop`.
 */
import { createServer } from 'node:http';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createGateway } from '../../gateway/create-gateway.js';
import type { FaultAction } from '../../gp-rest/vocabulary.js';
import { createGpServer } from '../../gpserver/server.js';

const finishedCap = Number(process.argv[2] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc || !process.send) throw new Error('run as a child process with --expose-gc');
const send = process.send.bind(process);

// GPServer jobs are forgotten after 5 s so that its memory does not stand for the gateway's.
const upstream = await createGpServer({ jobRetentionMs: 5_000, maxConcurrentJobs: 4 });
const gateway = await createGateway({
  sources: embeddedSources(upstream.servicesUrl),
  jobStore: { maxFinished: finishedCap },
  polling: { floorMs: 100, ceilingMs: 500 },
});
const server = createServer(gateway.handler);
gateway.attachWebSockets(server);
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

process.on('message', (message: { type: 'heap' } | { type: 'fault'; action: FaultAction } | { type: 'stop' }) => {
  if (message.type === 'heap') {
    // Twice, a turn apart: finalization callbacks run after the first collection (Node's fetch frees a
    // request's abort listener in one), and what they release goes in the second.
    gc();
    setImmediate(() => {
      gc();
      const m = process.memoryUsage();
      send({ type: 'heap', mb: (m.heapUsed + m.external + m.arrayBuffers) / 1e6 });
    });
  } else if (message.type === 'fault') {
    upstream.faults.inject({ action: message.action, routes: ['jobStatus', 'execute'], times: 3 });
  } else {
    server.closeAllConnections();
    server.close();
    void gateway
      .dispose()
      .then(() => upstream.close())
      .then(() => process.exit(0));
  }
});
send({ type: 'ready', url: `http://127.0.0.1:${(server.address() as { port: number }).port}/graphql` });
