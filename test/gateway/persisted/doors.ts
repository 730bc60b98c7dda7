/**
 * One GraphQL request sent through each door of the gateway, answered as one result: the plain-POST
 * door, Yoga's POST (a browser's, with `Origin`) and GET, SSE, multipart subscriptions and graphql-ws.
 */
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

export interface DoorRequest {
  readonly query?: string;
  readonly documentId?: string;
  readonly variables?: Record<string, unknown>;
  readonly extensions?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

export interface DoorResult {
  /** HTTP status; 0 over WebSocket. */
  readonly status: number;
  readonly data?: unknown;
  readonly errors?: readonly { readonly message: string; readonly extensions?: { readonly code?: string } }[];
}

export type Door = 'plain POST' | 'Yoga POST' | 'Yoga GET' | 'SSE' | 'multipart' | 'graphql-ws';
export const DOORS: readonly Door[] = ['plain POST', 'Yoga POST', 'Yoga GET', 'SSE', 'multipart', 'graphql-ws'];
/** The doors that only stream (a subscription), the others take a query. */
export const STREAMING: ReadonlySet<Door> = new Set(['SSE', 'multipart', 'graphql-ws']);

const body = (request: DoorRequest): string =>
  JSON.stringify({ query: request.query, documentId: request.documentId, variables: request.variables, extensions: request.extensions });

/** The first result of a streamed answer: SSE `data:` lines or multipart parts (heartbeats skipped). */
function firstResult(contentType: string, text: string): Omit<DoorResult, 'status'> {
  if (contentType.startsWith('application/')) return JSON.parse(text) as DoorResult;
  const chunks = contentType.startsWith('text/event-stream')
    ? [...text.matchAll(/^data: (.+)$/gm)].map((m) => m[1] ?? '')
    : [...text.matchAll(/\r\n\r\n(\{.*\})/g)].map((m) => m[1] ?? '');
  for (const chunk of chunks) {
    const parsed = JSON.parse(chunk) as DoorResult & { payload?: DoorResult };
    const result = parsed.payload ?? parsed;
    if (result.data !== undefined || result.errors !== undefined) return result;
  }
  throw new Error(`no result in ${text}`);
}

async function overHttp(url: string, init: RequestInit): Promise<DoorResult> {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, ...firstResult(response.headers.get('content-type') ?? '', text) };
}

function overWebSocket(graphqlUrl: string, request: DoorRequest): Promise<DoorResult> {
  const client = createClient({
    url: graphqlUrl.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    // An API key travels in `connection_init` over WebSocket.
    connectionParams: request.headers?.['x-api-key'] === undefined ? undefined : { apiKey: request.headers['x-api-key'] },
    retryAttempts: 0,
  });
  return new Promise<DoorResult>((resolve, reject) => {
    let first: DoorResult | undefined;
    // graphql-ws requires a `query` string: a hash-only request sends an empty one.
    const payload = { query: request.query ?? '', variables: request.variables, extensions: request.extensions };
    client.subscribe(payload, {
      next: (value) => {
        first ??= { status: 0, ...(value as Omit<DoorResult, 'status'>) };
      },
      error: (error: unknown) => {
        if (Array.isArray(error)) resolve({ status: 0, errors: error as DoorResult['errors'] });
        else reject(error instanceof Error ? error : new Error(JSON.stringify(error, ['code', 'reason', 'message'])));
      },
      complete: () => {
        if (first) resolve(first);
        else reject(new Error('completed without a result'));
      },
    });
  }).finally(() => client.dispose());
}

/** Sends the request through the door and returns its first result. */
export function send(door: Door, graphqlUrl: string, request: DoorRequest): Promise<DoorResult> {
  const json = { 'content-type': 'application/json', ...request.headers };
  const origin = new URL(graphqlUrl).origin;
  switch (door) {
    case 'plain POST':
      return overHttp(graphqlUrl, { method: 'POST', headers: { ...json, accept: 'application/json' }, body: body(request) });
    case 'Yoga POST':
      // A browser's request (an `Origin`) is Yoga's, not the plain door's.
      return overHttp(graphqlUrl, { method: 'POST', headers: { ...json, origin, accept: 'application/json' }, body: body(request) });
    case 'Yoga GET': {
      const url = new URL(graphqlUrl);
      if (request.query !== undefined) url.searchParams.set('query', request.query);
      if (request.documentId !== undefined) url.searchParams.set('documentId', request.documentId);
      if (request.variables) url.searchParams.set('variables', JSON.stringify(request.variables));
      if (request.extensions) url.searchParams.set('extensions', JSON.stringify(request.extensions));
      return overHttp(url.href, { headers: { accept: 'application/json', ...request.headers } });
    }
    case 'SSE':
      return overHttp(graphqlUrl, { method: 'POST', headers: { ...json, accept: 'text/event-stream' }, body: body(request) });
    case 'multipart':
      return overHttp(graphqlUrl, {
        method: 'POST',
        headers: { ...json, accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json' },
        body: body(request),
      });
    case 'graphql-ws':
      return overWebSocket(graphqlUrl, request);
  }
}
