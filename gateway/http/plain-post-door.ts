import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, GraphQLError, OperationTypeNode, type DocumentNode, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import { processRegularResult } from 'graphql-yoga';
import type { Logger } from '../log/logger.js';
import type { DocumentSource } from '../graphql/persisted/document-source.js';
import { tooLarge } from './use-request-body-limit.js';

/** What the door needs of Yoga: its envelop (the same plugins as every other request) and, for anything unusual, Yoga itself. */
export interface DoorYoga {
  getEnveloped(initialContext: Record<string, unknown>): {
    readonly schema: GraphQLSchema;
    parse(source: string): DocumentNode;
    validate(schema: GraphQLSchema, document: DocumentNode): readonly GraphQLError[];
    contextFactory(): unknown;
    execute(args: ExecutionArgs): unknown;
  };
  fetch(request: Request, serverContext: { req: IncomingMessage; res: ServerResponse }): Response | Promise<Response>;
}

export interface PlainPostDoorOptions {
  readonly yoga: DoorYoga;
  /** The caller guard's HTTP checks (guard-callers.ts): a refusal, or undefined when admitted under `key`. */
  readonly admit: (
    key: object,
    request: { readonly method: string; readonly headers: Pick<Headers, 'get'> },
  ) => Response | undefined | Promise<Response | undefined>;
  /** Marks a request handed to Yoga as admitted already (the guard then does not count it twice). */
  readonly carryOver: (admitted: object, request: Request) => void;
  readonly maxBodyBytes: number;
  /** Where the operation's text comes from (a persisted query, a trusted document), as on every door. */
  readonly documentSource: DocumentSource;
  /** The caller the guard admitted under the request (for trusted-only mode's exceptions). */
  readonly callerOf: (request: object) => string;
  /** Extra headers of every answer (`Vary: Origin` when CORS lists origins). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The request id the request log gave the operation (its `x-request-id`). */
  readonly requestIdOf: (request: object) => string | undefined;
  /** Yoga's error masking, for an error thrown outside execution (as Yoga's error handler applies it). */
  readonly maskError: (error: unknown, message: string) => Error;
  readonly log: Pick<Logger, 'error'>;
  /** Counts each request by the door that answered it. */
  readonly count: (door: 'plain' | 'yoga') => void;
}

/** The media types of the regular (non-streaming) result processor, in Yoga's order. */
const REGULAR = ['application/graphql-response+json', 'application/json'] as const;

/**
 * The answer's media type as Yoga's result processor would choose it (the first acceptable in the
 * `Accept` header), or undefined when the request asks for anything else (SSE, multipart, HTML):
 * those go to Yoga.
 */
function regularMediaType(accept: string | undefined): (typeof REGULAR)[number] | undefined {
  let chosen: (typeof REGULAR)[number] | undefined;
  const asked = (accept ?? '*/*').replace(/\s/g, '').toLowerCase().split(',').reverse();
  for (const entry of asked) {
    const [type = '', ...params] = entry.split(';');
    if (params.some((p) => p.startsWith('charset=') && p !== 'charset=utf-8')) continue;
    if (type !== '*/*' && type !== 'application/*' && !(REGULAR as readonly string[]).includes(type)) return undefined;
    for (const media of REGULAR) if (type === '*/*' || type === 'application/*' || type === media) chosen = media;
  }
  return chosen;
}

interface Params {
  readonly query?: string;
  readonly documentId?: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
  readonly extensions?: Record<string, unknown> | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const KEYS = new Set(['query', 'documentId', 'variables', 'operationName', 'extensions']);

/** The usual body, or undefined for anything Yoga answers with its own error (invalid JSON, a batch, a wrong type). */
function usualParams(text: string): Params | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || Object.keys(body).some((key) => !KEYS.has(key))) return undefined;
  const optional = (value: unknown, ok: (v: unknown) => boolean): boolean => value === undefined || value === null || ok(value);
  // Without a text, a persisted query or a trusted document names it.
  const named = typeof body.documentId === 'string' || (isRecord(body.extensions) && body.extensions.persistedQuery !== undefined);
  if (typeof body.query !== 'string' && !(body.query === undefined && named)) return undefined;
  if (!optional(body.documentId, (v) => typeof v === 'string')) return undefined;
  if (!optional(body.variables, isRecord) || !optional(body.extensions, isRecord)) return undefined;
  if (!optional(body.operationName, (v) => typeof v === 'string')) return undefined;
  return body;
}

/** A `Response`-shaped capture: the result processor's answer, written to the socket without the Fetch API. */
class Captured {
  constructor(
    readonly body: string | null,
    readonly init: { status?: number; headers?: Record<string, string> } = {},
  ) {}
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string): void {
  res.writeHead(status, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

/** A Fetch-API answer (a refusal of the caller guard, Yoga's) written to `node:http`. */
export async function sendResponse(res: ServerResponse, response: Response, extra: Readonly<Record<string, string>> = {}): Promise<void> {
  const body = await response.text();
  send(res, response.status, { ...Object.fromEntries(response.headers), ...extra }, body);
}

/**
 * The body, or undefined once it passed `limit`: the rest is then drained unread (the 413 goes out on a
 * connection that stays usable, as Yoga's does), never buffered.
 */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) {
        chunks.push(chunk);
        return;
      }
      req.off('data', onData);
      req.off('end', onEnd);
      req.resume();
      resolve(undefined);
    };
    const onEnd = (): void => {
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', reject);
  });
}

/**
 * GraphQL's most common request — a JSON `POST /graphql` from a server or script (no `Origin`) asking
 * for JSON — answered on `node:http` without Yoga's Fetch-API request and response, through the same
 * envelop as every other request (`yoga.getEnveloped`: schema, limits, validation and parse caches,
 * masking, logs, metrics, tracing, private upstream URLs) and the same caller guard; the answer comes
 * from Yoga's own result processor, so status codes and bodies are Yoga's. Anything else — an `Origin`
 * (a browser: CORS), SSE, multipart, GET, a batch, invalid JSON, a subscription — is Yoga's, and a
 * request found unusual after the guard admitted it is handed to Yoga already admitted.
 * Returns false when the request is not for this door.
 */
export function plainPostDoor(options: PlainPostDoorOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const extra = options.headers ?? {};
  return (req, res) => {
    if (req.method !== 'POST' || req.url !== '/graphql' || req.headers.origin !== undefined) return false;
    // Yoga's own test of the type: `application/json`, optionally with parameters, nothing else.
    const type = (req.headers['content-type'] ?? '').split(',')[0] ?? '';
    if (type !== 'application/json' && !type.startsWith('application/json;')) return false;
    const media = regularMediaType(req.headers.accept);
    // The URL as the server adapter builds it (the Host, else the socket's address); one it cannot build is Yoga's to refuse.
    const url = `http://${req.headers.host ?? `${req.socket.localAddress ?? 'localhost'}:${String(req.socket.localPort ?? '')}`}/graphql`;
    if (!media || !URL.canParse(url)) return false;
    void answer(req, res, media, url).catch((error: unknown) => {
      if (!res.headersSent) writeResult(res, { errors: [failure(error)] }, media, '');
      else res.destroy(error instanceof Error ? error : undefined);
    });
    return true;
  };

  /** An error thrown outside execution, logged and masked as Yoga's error handler does. */
  function failure(error: unknown): Error {
    options.log.error('graphql request failed', { err: error });
    return options.maskError(error, 'Unexpected error.');
  }

  async function answer(req: IncomingMessage, res: ServerResponse, media: (typeof REGULAR)[number], url: string): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    // Aborted as the server adapter aborts a request: the response failed, or closed before it was sent.
    const aborted = new AbortController();
    const abort = (): void => {
      if (!res.writableFinished) aborted.abort(res.errored ?? new DOMException('This operation was aborted', 'AbortError'));
    };
    res.once('close', abort);
    res.once('error', abort);
    // What the context and plugins read of a request: its method, URL, headers and lifetime.
    const request = { method: 'POST', url, headers, signal: aborted.signal };
    const refused = await options.admit(request, request);
    if (refused) {
      options.count('plain');
      await sendResponse(res, refused, extra);
      return;
    }
    const declared = req.headers['content-length'];
    const text = declared !== undefined && Number(declared) > options.maxBodyBytes ? undefined : await readBody(req, options.maxBodyBytes);
    if (text === undefined) {
      req.resume();
      writeResult(res, { errors: [tooLarge(options.maxBodyBytes)] }, media, '');
      return;
    }
    const usual = usualParams(text);
    if (!usual) {
      await handOver(req, res, request, text, aborted.signal);
      return;
    }
    const resolved = await options.documentSource(usual, () => options.callerOf(request));
    if (resolved.error) {
      writeResult(res, { errors: [resolved.error] }, media, '');
      return;
    }
    const { params } = resolved;
    const { query } = params;
    // Incremental delivery answers in parts (multipart or SSE): Yoga's. A false match only costs the door.
    if (query === undefined || query.includes('@defer') || query.includes('@stream')) {
      await handOver(req, res, request, JSON.stringify(params), aborted.signal);
      return;
    }
    const enveloped = options.yoga.getEnveloped({ req, res, request, params });
    const id = (): string => options.requestIdOf(request) ?? '';
    let result: unknown;
    try {
      let document: DocumentNode;
      try {
        document = enveloped.parse(query);
      } catch (error) {
        // A syntax error (or a parse-time limit) is the client's: an answer, as Yoga gives it.
        writeResult(res, { errors: [error] }, media, id());
        return;
      }
      let errors: readonly GraphQLError[];
      try {
        errors = enveloped.validate(enveloped.schema, document);
      } catch (error) {
        // A rule that throws its error (graphql-armor's) rather than reporting it: the client's too.
        if (!(error instanceof GraphQLError)) throw error;
        errors = [error];
      }
      if (errors.length > 0) {
        writeResult(res, { errors }, media, id());
        return;
      }
      const operation = getOperationAST(document, params.operationName);
      if (operation?.operation !== OperationTypeNode.QUERY && operation?.operation !== OperationTypeNode.MUTATION) {
        await handOver(req, res, request, JSON.stringify(params), aborted.signal);
        return;
      }
      result = await enveloped.execute({
        schema: enveloped.schema,
        document,
        contextValue: await enveloped.contextFactory(),
        variableValues: params.variables ?? undefined,
        operationName: params.operationName ?? undefined,
      });
    } catch (error) {
      result = { errors: [failure(error)] };
    }
    writeResult(res, result, media, id());
  }

  function writeResult(res: ServerResponse, result: unknown, media: string, requestId: string): void {
    options.count('plain');
    const captured = processRegularResult(result as never, { Response: Captured } as never, media) as unknown as Captured;
    send(
      res,
      captured.init.status ?? 200,
      { ...captured.init.headers, ...(requestId ? { 'x-request-id': requestId } : {}), ...extra },
      captured.body ?? '',
    );
  }

  /** Yoga answers it (with the body already read); the guard does not count it twice. */
  async function handOver(
    req: IncomingMessage,
    res: ServerResponse,
    admitted: { readonly url: string; readonly headers: Headers },
    text: string,
    signal: AbortSignal,
  ): Promise<void> {
    options.count('yoga');
    const request = new Request(admitted.url, { method: 'POST', signal, headers: admitted.headers, body: text });
    options.carryOver(admitted, request);
    await sendResponse(res, await options.yoga.fetch(request, { req, res }), extra);
  }
}
