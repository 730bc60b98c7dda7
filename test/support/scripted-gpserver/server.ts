import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { handlers, type Reply } from './handlers.js';
import { sendFault } from '../../../gp-rest/send-fault.js';
import { errors, ScriptedRestError, sendJson } from './respond.js';
import { parseRoute, type ParsedRoute } from './routes.js';
import type { ScriptedState } from './state.js';

/** Query fields, then (POST) the form-encoded body's fields: ArcGIS accepts either. */
async function readParams(req: IncomingMessage): Promise<{ pathname: string; params: URLSearchParams }> {
  const url = new URL(req.url ?? '/', 'http://scripted');
  const chunks: Buffer[] = [];
  for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
  const params = new URLSearchParams(url.searchParams);
  for (const [key, value] of new URLSearchParams(Buffer.concat(chunks).toString('utf8'))) params.append(key, value);
  return { pathname: url.pathname, params };
}

function dispatch(state: ScriptedState, route: ParsedRoute, params: URLSearchParams): Reply {
  try {
    // One case per route: the switch narrows the route union to what each handler takes.
    switch (route.route) {
      case 'service':
        return handlers.service(state, route);
      case 'task':
        return handlers.task(state, route);
      case 'submitJob':
        return handlers.submitJob(state, route, params);
      case 'execute':
        return handlers.execute(state, route);
      case 'status':
        return handlers.status(state, route, params);
      case 'cancel':
        return handlers.cancel(state, route, params);
      case 'result':
        return handlers.result(state, route, params);
      case 'input':
        return handlers.input(state, route);
    }
  } catch (error) {
    if (error instanceof ScriptedRestError) return { body: error.toJSON() };
    throw error;
  }
}

/** Listens on 127.0.0.1, port 0; `close` ends open connections and pending delays at once. */
export async function listen(state: ScriptedState): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const closing = new AbortController();
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { pathname, params } = await readParams(req);
    const route = parseRoute(pathname);
    if (!route) {
      sendJson(res, errors.invalidUrl().toJSON());
      return;
    }
    let ended = false;
    const end = state.instruments.begin(route.route, 'jobId' in route ? route.jobId : undefined, params);
    res.once('close', () => {
      if (!ended) end();
      ended = true;
    });
    const reply = dispatch(state, route, params);
    if (reply.delayMs) await sleep(reply.delayMs, undefined, { signal: closing.signal });
    if ('fault' in reply) sendFault(req, res, reply.fault);
    else sendJson(res, reply.body);
  };
  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (closing.signal.aborted) return;
      sendJson(res, { error: { code: 500, message: String(error), details: [] } }, 500);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = async (): Promise<void> => {
    if (closing.signal.aborted) return;
    closing.abort();
    server.closeAllConnections();
    await new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  };
  return { server, port, close };
}
