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
 * `/healthz`: the process answers. `/readyz`: 503 while the schema is starting or the instance drains,
 * else 200 (`degraded` in the body while Redis is down in Redis mode); the body names each dependency,
 * so an operator sees which one is missing. Returns false when the request is for neither.
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
  // Redis down is reported but keeps the instance in: every instance shares it, and sync runs,
  // queries and files do not need it; taking them all out at once would help nobody.
  res.writeHead(status === 'ok' || status === 'degraded' ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status, dependencies: { schema: state.schema, redis: state.redis }, draining: state.draining }));
  return true;
}
