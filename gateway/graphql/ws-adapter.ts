import type { IncomingMessage } from 'node:http';
import { CloseCode, handleProtocols, makeServer, type ServerOptions } from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../log/logger.js';
import { frameSender } from './frame-sender.js';

/** What each operation's context carries besides graphql-ws's own (as graphql-ws/use/ws has it). */
export interface WsExtra {
  readonly socket: WebSocket;
  readonly request: IncomingMessage;
}

/**
 * Message types only a server sends (https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md):
 * graphql-ws parses them as valid messages, then fails on them as if it had a bug.
 */
const SERVER_TYPES: ReadonlySet<string> = new Set(['connection_ack', 'next', 'error']);

const KEEP_ALIVE_MS = 12_000;

/** A frame's `type` when it is JSON with one; anything else is graphql-ws's to refuse (4400). */
function typeOf(data: string): unknown {
  try {
    const message = JSON.parse(data) as unknown;
    return typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
  } catch {
    return undefined;
  }
}

/**
 * graphql-ws's core on a `ws` server, as `graphql-ws/use/ws` does it, but with the gateway's logger and
 * one difference in what counts as the server's fault: a client that sends a server's message type
 * (`next`, `error`, `connection_ack`) made a bad request (4400, logged at debug), where the stock
 * adapter closed with 4500 and printed an internal-error stack to the console for it (seen under
 * fuzzing). Only real failures are logged as errors.
 */
export function serveGraphqlWs(
  options: ServerOptions<Record<string, unknown> | undefined, WsExtra>,
  wss: WebSocketServer,
  log: Logger,
): { dispose(): Promise<void> } {
  const server = makeServer(options);
  wss.options.handleProtocols = handleProtocols;
  wss.on('error', (error) => {
    log.error('WebSocket server error', { err: error });
  });
  wss.on('connection', (socket, request) => {
    socket.once('error', (error) => {
      log.warn('WebSocket connection error', { error: error.message });
      socket.close(CloseCode.InternalServerError, 'Internal server error');
    });
    // Keep-alive: a ping every period; a socket that has not answered the last one by the next is dropped.
    let answered = true;
    socket.on('pong', () => {
      answered = true;
    });
    let keepAlive: NodeJS.Timeout | undefined;
    const ping = (): void => {
      if (socket.readyState !== socket.OPEN) return;
      if (!answered) {
        socket.terminate();
        return;
      }
      answered = false;
      socket.ping();
      keepAlive = setTimeout(ping, KEEP_ALIVE_MS);
    };
    keepAlive = setTimeout(ping, KEEP_ALIVE_MS);
    const closed = server.opened(
      {
        protocol: socket.protocol,
        send: frameSender(socket, request.socket),
        close: (code, reason) => {
          socket.close(code, reason);
        },
        onMessage: (handle) => {
          socket.on('message', (raw: Buffer) => {
            const data = raw.toString();
            const type = typeOf(data);
            if (typeof type === 'string' && SERVER_TYPES.has(type)) {
              log.debug('graphql-ws: a client sent a server message type', { type });
              socket.close(CloseCode.BadRequest, 'Invalid message received');
              return;
            }
            handle(data).catch((error: unknown) => {
              log.error('graphql-ws: internal error while handling a message', { err: error });
              socket.close(CloseCode.InternalServerError, 'Internal server error');
            });
          });
        },
      },
      { socket, request },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(keepAlive);
      void closed(code, reason.toString());
    });
  });
  return {
    dispose: async () => {
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve) => {
        wss.close(() => {
          resolve();
        });
      });
    },
  };
}
