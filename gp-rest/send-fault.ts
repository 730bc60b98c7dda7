import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TerminalFault } from './vocabulary.js';

/** Answers a request with a fault instead of its response; shared by the embedded and the scripted GPServer. */
export function sendFault(req: IncomingMessage, res: ServerResponse, fault: TerminalFault): void {
  if (res.destroyed || res.writableEnded) return;
  switch (fault.kind) {
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'http-status':
      res.writeHead(fault.status, { 'content-type': 'text/html' });
      res.end(fault.body ?? `<html><body>HTTP ${fault.status}</body></html>`);
      return;
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end('{"jobId":"j0","jobStatus":"esriJob');
      return;
    case 'error-body':
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: { code: fault.code, message: fault.message, details: fault.details ?? [] } }));
  }
}
