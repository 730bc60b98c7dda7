import type { IncomingMessage, ServerResponse } from 'node:http';
import { getOperationAST, OperationTypeNode, type DocumentNode, type ExecutionArgs, type GraphQLError, type GraphQLSchema } from 'graphql';
import { processRegularResult } from 'graphql-yoga';
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
  /** Extra headers of every answer (`Vary: Origin` when CORS lists origins). */
  readonly headers?: Readonly<Record<string, string>>;
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
  readonly query: string;
  readonly variables?: Record<string, unknown> | null;
  readonly operationName?: string | null;
  readonly extensions?: Record<string, unknown> | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const KEYS = new Set(['query', 'variables', 'operationName', 'extensions']);

/** The usual body, or undefined for anything Yoga answers with its own error (invalid JSON, a batch, a wrong type). */
function usualParams(text: string): Params | undefined {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(body) || typeof body.query !== 'string' || Object.keys(body).some((key) => !KEYS.has(key))) return undefined;
  const optional = (value: unknown, ok: (v: unknown) => boolean): boolean => value === undefined || value === null || ok(value);
  if (!optional(body.variables, isRecord) || !optional(body.extensions, isRecord)) return undefined;
  if (!optional(body.operationName, (v) => typeof v === 'string')) return undefined;
  return body as unknown as Params;
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

async function sendResponse(res: ServerResponse, response: Response, extra: Readonly<Record<string, string>>): Promise<void> {
  const body = await response.text();
  send(res, response.status, { ...Object.fromEntries(response.headers), ...extra }, body);
}

/** The body, or undefined when it passed `limit` (then the 413 is sent). */
async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
    if (!/^application\/json\s*(;|$)/i.test(req.headers['content-type'] ?? '')) return false;
    const media = regularMediaType(req.headers.accept);
    if (!media) return false;
    void answer(req, res, media).catch((error: unknown) => {
      if (!res.headersSent)
        send(res, 500, { 'content-type': 'application/json; charset=utf-8' }, '{"errors":[{"message":"Unexpected error."}]}');
      else res.destroy(error instanceof Error ? error : undefined);
    });
    return true;
  };

  async function answer(req: IncomingMessage, res: ServerResponse, media: (typeof REGULAR)[number]): Promise<void> {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
    const aborted = new AbortController();
    res.once('close', () => {
      if (!res.writableFinished) aborted.abort(new DOMException('The client went away', 'AbortError'));
    });
    // What the context and plugins read of a request: its method, URL, headers and lifetime.
    const request = { method: 'POST', url: `http://${headers.get('host') ?? 'localhost'}/graphql`, headers, signal: aborted.signal };
    const refused = await options.admit(request, request);
    if (refused) {
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
    const params = usualParams(text);
    if (!params) {
      await handOver(req, res, request, text);
      return;
    }
    const enveloped = options.yoga.getEnveloped({ request, params, req });
    let document: DocumentNode;
    try {
      document = enveloped.parse(params.query);
    } catch (error) {
      writeResult(res, { errors: [error] }, media, requestIdOf(await enveloped.contextFactory()));
      return;
    }
    const errors = enveloped.validate(enveloped.schema, document);
    if (errors.length > 0) {
      writeResult(res, { errors }, media, requestIdOf(await enveloped.contextFactory()));
      return;
    }
    const operation = getOperationAST(document, params.operationName);
    if (operation?.operation !== OperationTypeNode.QUERY && operation?.operation !== OperationTypeNode.MUTATION) {
      await handOver(req, res, request, text);
      return;
    }
    const contextValue = await enveloped.contextFactory();
    const result = await enveloped.execute({
      schema: enveloped.schema,
      document,
      contextValue,
      variableValues: params.variables ?? undefined,
      operationName: params.operationName ?? undefined,
      rootValue: {},
    });
    writeResult(res, result, media, requestIdOf(contextValue));
  }

  function writeResult(res: ServerResponse, result: unknown, media: string, requestId: string): void {
    const captured = processRegularResult(result as never, { Response: Captured } as never, media) as unknown as Captured;
    send(
      res,
      captured.init.status ?? 200,
      { ...captured.init.headers, ...(requestId ? { 'x-request-id': requestId } : {}), ...extra },
      captured.body ?? '',
    );
  }

  /** Yoga answers it (with the body already read); the guard does not count it twice. */
  async function handOver(req: IncomingMessage, res: ServerResponse, admitted: object, text: string): Promise<void> {
    const request = new Request(`http://${req.headers.host ?? 'localhost'}/graphql`, {
      method: 'POST',
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value] as [string, string]] : [],
      ),
      body: text,
    });
    options.carryOver(admitted, request);
    await sendResponse(res, await options.yoga.fetch(request, { req, res }), extra);
  }
}

function requestIdOf(context: unknown): string {
  const id = (context as { requestId?: unknown } | undefined)?.requestId;
  return typeof id === 'string' ? id : '';
}
