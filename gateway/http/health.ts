import type { IncomingMessage, ServerResponse } from 'node:http';

/** What `/readyz` reports: each dependency's state, and whether this instance is draining. */
export interface Readiness {
  /** At least one introspection brought a service up (an empty schema serves nothing). */
  readonly schema: 'ready' | 'starting';
  /** In Redis mode, whether Redis answers (job state and notices live there). */
  readonly redis: 'ready' | 'down' | 'unused';
  readonly draining: boolean;
}

/**
 * `/healthz`: the process answers. `/readyz`: 200 when the schema is ready, Redis (in Redis mode) is
 * up and the instance is not draining, else 503; the body names each dependency, so an operator sees
 * which one holds it back. Returns false when the request is for neither.
 */
export function serveHealth(req: IncomingMessage, res: ServerResponse, readiness: () => Readiness): boolean {
  const path = (req.url ?? '/').split('?')[0];
  if (path !== '/healthz' && path !== '/readyz') return false;
  if (path === '/healthz') {
    res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify({ status: 'ok' }));
    return true;
  }
  const state = readiness();
  const status = state.draining ? 'draining' : state.schema !== 'ready' ? 'starting' : state.redis === 'down' ? 'degraded' : 'ok';
  res.writeHead(status === 'ok' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status, dependencies: { schema: state.schema, redis: state.redis }, draining: state.draining }));
  return true;
}
