import { rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { sendFault } from '../gp-rest/send-fault.js';
import type { FaultInjector } from './faults/fault-injector.js';
import { HANDLERS, PUBLIC_ROUTES } from './handlers/handler-table.js';
import { FileBody, ImageBody, type Handler, type ServerParts } from './handlers/handler-context.js';
import { sendFile } from './files/send-file.js';
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

export interface RequestHandlerDeps {
  readonly parts: ServerParts;
  readonly faults: FaultInjector;
  readonly counter: RequestCounter;
  readonly bodyLimitBytes: number;
}

/** Room for the fields beside the file of an upload. */
const UPLOAD_FIELDS_BYTES = 64 * 1024;

export function createRequestHandler(deps: RequestHandlerDeps): (req: IncomingMessage, res: ServerResponse) => void {
  const serve = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const route = parseRoute(new URL(req.url ?? '/', 'http://localhost').pathname);
    deps.counter.record(route);
    for (const action of deps.faults.match(route)) {
      if (action.kind === 'latency') await sleep(action.ms);
      else {
        sendFault(req, res, action);
        return;
      }
    }
    const clientGone = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) clientGone.abort();
    });
    let format = responseFormat(undefined);
    try {
      const limits =
        route.kind === 'upload'
          ? {
              bodyBytes: deps.parts.uploads.policy.maxBytes + UPLOAD_FIELDS_BYTES,
              maxFileBytes: deps.parts.uploads.policy.maxBytes,
              fileDir: deps.parts.uploads.incomingDir(),
            }
          : { bodyBytes: deps.bodyLimitBytes };
      const http = await readGpRequest(req, limits);
      try {
        format = responseFormat(http.params.get('f'));
        const username = authenticate(deps.parts, http, route);
        const handler = HANDLERS[route.kind] as Handler;
        const body = await handler(deps.parts, { http, route, username, signal: clientGone.signal });
        if (body instanceof FileBody) await sendFile(req, res, body.path);
        else if (body instanceof ImageBody) {
          res.writeHead(200, { 'content-type': body.contentType, 'content-length': body.bytes.length, 'cache-control': 'no-store' });
          res.end(body.bytes);
        } else writeDocument(res, body, format, route.kind);
      } finally {
        // A received file that did not become an item (refused, unauthenticated…) is not kept.
        await Promise.all(http.files.map((file) => rm(file.path, { force: true })));
      }
    } catch (error) {
      const restError = error instanceof RestError ? error : new RestError(500, 'Unable to complete operation.', [String(error)]);
      if (!res.headersSent && !res.destroyed) writeDocument(res, restError.toJSON(), format === 'html' ? 'json' : format, 'Error');
    }
  };
  return (req, res) => {
    void serve(req, res);
  };
}
