import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * `/healthz`: the process answers. `/readyz`: at least one introspection brought a service up
 * (a load balancer should not send GraphQL traffic to a gateway with an empty schema).
 * Returns false when the request is for neither.
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse, isReady: () => boolean): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/healthz' && path !== '/readyz') return false;
  const ok = path === '/healthz' || isReady();
  res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: ok ? 'ok' : 'starting' }));
  return true;
}
