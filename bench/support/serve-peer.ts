import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A benchmark peer's server on a free loopback port: prints `listening <url>`, stops on SIGTERM. */
export async function servePeer(listener: RequestListener): Promise<void> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`listening http://127.0.0.1:${port}/graphql\n`);
  process.once('SIGTERM', () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}
