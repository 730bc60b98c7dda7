import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GatewayMetrics } from './gateway-metrics.js';

/** Answers `GET /metrics` in the Prometheus text format (`text/plain; version=0.0.4`); false for any other request. */
export function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: GatewayMetrics): boolean {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/metrics') return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return true;
  }
  metrics.registry.metrics().then(
    (text) => {
      res.writeHead(200, { 'content-type': metrics.registry.contentType, 'cache-control': 'no-store' });
      res.end(req.method === 'HEAD' ? undefined : text);
    },
    (error: unknown) => {
      res
        .writeHead(500, { 'content-type': 'text/plain' })
        .end(`metrics failed: ${error instanceof Error ? error.message : String(error)}\n`);
    },
  );
  return true;
}
