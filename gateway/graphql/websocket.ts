import type { Server } from 'node:http';
import { GraphQLError, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer, type WebSocket } from 'ws';
import { silentLogger, type Logger } from '../log/logger.js';
import type { DocumentSource } from './persisted/document-source.js';
import { tooManySubscriptions } from './limit-error.js';
import { serveGraphqlWs } from './ws-adapter.js';

interface Enveloped {
  readonly execute: (args: ExecutionArgs) => unknown;
  readonly subscribe: (args: ExecutionArgs) => unknown;
}

/** What envelop hands one operation (typed here: Yoga's generic signature leaves it `any`). */
interface EnvelopedOperation extends Enveloped {
  readonly schema: GraphQLSchema;
  readonly contextFactory: () => unknown;
  readonly parse: (source: string) => DocumentNode;
  readonly validate: (schema: GraphQLSchema, document: DocumentNode) => readonly GraphQLError[];
}

export interface WebSocketOptions {
  /** A socket that sends no `connection_init` by then is closed with 4408. Default 3 s. */
  readonly connectionInitWaitTimeoutMs?: number;
  /** Operations running at once on one connection; more get `TOO_MANY_SUBSCRIPTIONS`. Default 100. */
  readonly maxSubscriptionsPerConnection?: number;
  /** Largest message in bytes; a larger one closes the socket with 1009. Default 1 MiB. */
  readonly maxPayloadBytes?: number;
  /** Whether a handshake's `Origin` may connect (cross-site WebSocket hijacking); all when absent. */
  readonly isOriginAllowed?: (origin: string | undefined, host: string | undefined) => boolean;
  /** Whether a connection may open, from its `connection_init` payload (access control); all when absent. */
  readonly admit?: (connectionParams: unknown, socket: WebSocket) => boolean | Promise<boolean>;
  /** An error for an operation the connection may not run now (a rate limit), or undefined. */
  readonly gate?: (socket: object) => GraphQLError | undefined | Promise<GraphQLError | undefined>;
  /** While true, WebSocket handshakes are refused with 503 (the instance drains). */
  readonly refuseConnections?: () => boolean;
  /** Where an operation's text comes from (`payload.extensions.persistedQuery`, a trusted document's `documentId`). */
  readonly documentSource?: DocumentSource;
  /** The caller admitted on the socket (for trusted-only mode's exceptions). */
  readonly callerOf?: (socket: object) => string;
  readonly log?: Logger;
}

function parseOrError(parse: (source: string) => DocumentNode, source: string): DocumentNode | GraphQLError {
  try {
    return parse(source);
  } catch (error) {
    // A syntax error (or the token limit) is the client's: an `error` message, not a closed socket.
    if (error instanceof GraphQLError) return error;
    throw error;
  }
}

/** A validation rule may throw its error rather than report it (graphql-armor's do): an answer too, as over HTTP. */
function validateOrError(validate: EnvelopedOperation['validate'], schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[] {
  try {
    return validate(schema, document);
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
}

/**
 * GraphQL over WebSocket (`graphql-transport-ws`) on the GraphQL path, through Yoga's envelop so
 * both transports share one schema, context factory, validation and error masking.
 * https://github.com/enisdenjo/graphql-ws/blob/master/PROTOCOL.md
 */
export function attachGraphqlWs<S extends object, U extends object>(
  server: Server,
  yoga: YogaServerInstance<S, U>,
  options: WebSocketOptions = {},
): () => Promise<void> {
  const maxPerConnection = options.maxSubscriptionsPerConnection ?? 100;
  const allowed = options.isOriginAllowed;
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: options.maxPayloadBytes ?? 1024 * 1024,
    verifyClient: (
      info: { origin?: string; req: { headers: { host?: string } } },
      done: (ok: boolean, code?: number, message?: string) => void,
    ) => {
      // A draining instance takes no new socket: the client's retry goes to another instance.
      if (options.refuseConnections?.()) done(false, 503, 'Shutting down');
      else if (allowed && !allowed(info.origin, info.req.headers.host)) done(false, 403, 'Origin not allowed');
      else done(true);
    },
  });
  const disposable = serveGraphqlWs(
    {
      connectionInitWaitTimeout: options.connectionInitWaitTimeoutMs ?? 3_000,
      // false closes the socket with 4403 Forbidden.
      onConnect: (ctx) => options.admit?.(ctx.connectionParams, ctx.extra.socket) ?? true,
      execute: (args) => (args.rootValue as Enveloped).execute(args) as never,
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args) as never,
      onSubscribe: async (ctx, _id, message) => {
        // graphql-ws's own record of the connection's operations (this one included) is the count: it
        // drops an id on every path (completed, failed, refused, cancelled first by the client), where a
        // count of our own missed the operations a client cancelled before their error was sent.
        if (Object.keys(ctx.subscriptions).length > maxPerConnection) return [tooManySubscriptions('connection', maxPerConnection)];
        const refused = await options.gate?.(ctx.extra.socket);
        if (refused) return [refused];
        const resolved = options.documentSource
          ? await options.documentSource(message, () => options.callerOf?.(ctx.extra.socket) ?? 'anonymous')
          : { params: message };
        if (resolved.error) return [resolved.error];
        const payload = resolved.params;
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        }) as EnvelopedOperation;
        const document = parseOrError(parse, payload.query);
        if (document instanceof GraphQLError) return [document];
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName ?? null,
          document,
          variableValues: payload.variables ?? null,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies Enveloped,
        };
        const errors = validateOrError(validate, args.schema, args.document);
        return errors.length > 0 ? errors : args;
      },
    },
    wss,
    options.log ?? silentLogger,
  );
  return () => disposable.dispose();
}
