/**
 * A `fetch` that counts requests by ArcGIS REST route and the bytes each way (request line and body
 * out, body in; headers left out on both sides alike). Given to the gateway it counts the gateway's
 * upstream traffic; used by a hand-written client it counts that client's.
 */
export type Route = 'submitJob' | 'execute' | 'status' | 'result' | 'upload' | 'file' | 'cancel' | 'other';

export interface Traffic {
  readonly requests: number;
  readonly byRoute: Readonly<Partial<Record<Route, number>>>;
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

export interface TrafficFetch {
  readonly fetch: typeof fetch;
  traffic(): Traffic;
  reset(): void;
}

function routeOf(path: string): Route {
  if (path.endsWith('/submitJob')) return 'submitJob';
  if (path.endsWith('/execute')) return 'execute';
  if (path.endsWith('/cancel')) return 'cancel';
  if (/\/jobs\/[^/]+\/results\//.test(path)) return 'result';
  if (/\/jobs\/[^/]+$/.test(path)) return 'status';
  if (path.endsWith('/uploads/upload')) return 'upload';
  if (path.includes('/rest/directories/')) return 'file';
  return 'other';
}

function bodyBytes(body: unknown): number {
  if (typeof body === 'string') return Buffer.byteLength(body);
  if (body instanceof URLSearchParams) return Buffer.byteLength(body.toString());
  if (body instanceof Uint8Array) return body.byteLength;
  return 0;
}

export function trafficFetch(inner: typeof fetch = fetch): TrafficFetch {
  let requests = 0;
  let bytesSent = 0;
  let bytesReceived = 0;
  let byRoute: Partial<Record<Route, number>> = {};
  const wrapped: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const route = routeOf(new URL(url).pathname);
    requests++;
    byRoute[route] = (byRoute[route] ?? 0) + 1;
    bytesSent += Buffer.byteLength(url) + bodyBytes(init?.body);
    const response = await inner(input, init);
    const body = new Uint8Array(await response.arrayBuffer());
    bytesReceived += body.byteLength;
    return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return {
    fetch: wrapped,
    traffic: () => ({ requests, byRoute: { ...byRoute }, bytesSent, bytesReceived }),
    reset: () => {
      requests = 0;
      bytesSent = 0;
      bytesReceived = 0;
      byRoute = {};
    },
  };
}
