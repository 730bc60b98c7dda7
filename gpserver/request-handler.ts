import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FaultAction, FaultInjector } from './faults/fault-injector.js';
import { HANDLERS, PUBLIC_ROUTES } from './handlers/handler-table.js';
import type { Handler, ServerParts } from './handlers/handler-context.js';
import { requestToken } from './auth/token-service.js';
import { readGpRequest, type GpRequest } from './http/read-request.js';
import type { RequestCounter } from './http/request-counter.js';
import { RestError, restErrors } from './http/rest-error.js';
import { parseRoute, type Route } from './http/route.js';
import { responseFormat, writeDocument } from './http/write-response.js';

/** Returns the token's user, or throws 499/498 as ArcGIS does. */
function authenticate(parts: ServerParts, http: GpRequest, route: Route): string | undefined {
  if (!parts.tokens || PUBLIC_ROUTES.has(route.kind)) return undefined;
  const check = parts.tokens.check(requestToken(http.params.get('token'), http.headers['x-esri-authorization']));
  if (check.ok) return check.username;
  throw check.reason === 'missing' ? restErrors.tokenRequired() : restErrors.invalidToken();
}

/** Applies a terminal fault; returns true when the response has been dealt with. */
function applyFault(action: FaultAction, req: IncomingMessage, res: ServerResponse): boolean {
  switch (action.kind) {
    case 'latency':
      return false;
    case 'reset':
      req.socket.destroy();
      return true;
    case 'http-status':
      res.writeHead(action.status, { 'content-type': 'text/html' });
      res.end(action.body ?? `<html><body>HTTP ${action.status}</body></html>`);
      return true;
    case 'malformed-json':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"jobId":"j0","jobStatus":"esriJob');
      return true;
    case 'error-body':
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(new RestError(action.code, action.message, action.details ?? [])));
      return true;
  }
}

export interface RequestHandlerDeps {
  readonly parts: ServerParts;
  readonly faults: FaultInjector;
  readonly counter: RequestCounter;
  readonly bodyLimitBytes: number;
}

export function createRequestHandler(deps: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = parseRoute(new URL(req.url ?? '/', 'http://localhost').pathname);
    deps.counter.record(route);
    for (const action of deps.faults.match(route)) {
      if (action.kind === 'latency') await sleep(action.ms);
      else if (applyFault(action, req, res)) return;
    }
    const clientGone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) clientGone.abort();
    });
    let format = responseFormat(undefined);
    try {
      const http = await readGpRequest(req, deps.bodyLimitBytes);
      format = responseFormat(http.params.get('f'));
      const username = authenticate(deps.parts, http, route);
      const handler = HANDLERS[route.kind] as Handler;
      const body = await handler(deps.parts, { http, route, username, signal: clientGone.signal });
      writeDocument(res, body, format, route.kind);
    } catch (error) {
      const restError = error instanceof RestError ? error : new RestError(500, 'Unable to complete operation.', [String(error)]);
      if (!res.headersSent && !res.destroyed) writeDocument(res, restError.toJSON(), format === 'html' ? 'json' : format, 'Error');
    }
  };
  return (req, res) => {
    void serve(req, res);
  };
}
