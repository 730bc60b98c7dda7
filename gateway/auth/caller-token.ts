/**
 * What a caller sends: its own ArcGIS token, passed through to the upstream server, and, when access
 * control is on, an API key or a JWT for the gateway itself.
 *
 * The ArcGIS token travels over HTTP as `X-Esri-Authorization: Bearer …` or, unless JWT callers are
 * configured, `Authorization: Bearer …`; over graphql-ws in the `connection_init` payload as
 * `{ token }` or either header name. With JWT callers `Authorization` (and `authorization` in
 * `connection_init`) is the caller's JWT: it is never sent upstream.
 */
const BEARER = /^Bearer\s+(\S+)$/i;

function bearer(value: unknown): string | undefined {
  return typeof value === 'string' ? BEARER.exec(value.trim())?.[1] : undefined;
}

export function tokenFromHeaders(headers: Pick<Headers, 'get'>, bearerIsCaller = false): string | undefined {
  return bearer(headers.get('x-esri-authorization')) ?? (bearerIsCaller ? undefined : bearer(headers.get('authorization')));
}

/** The `connection_init` entry of that name, whatever its case (clients copy header names as they are). */
function param(params: unknown, name: string): unknown {
  if (typeof params !== 'object' || params === null) return undefined;
  for (const [key, value] of Object.entries(params)) if (key.toLowerCase() === name) return value;
  return undefined;
}

export function tokenFromConnectionParams(params: unknown, bearerIsCaller = false): string | undefined {
  const token = param(params, 'token');
  if (typeof token === 'string' && token !== '') return token;
  return bearer(param(params, 'x-esri-authorization')) ?? (bearerIsCaller ? undefined : bearer(param(params, 'authorization')));
}

/** What a caller presents to the gateway's access control, over HTTP and SSE. */
export function presentedInHeaders(headers: Pick<Headers, 'get'>): { apiKey: string | undefined; bearer: string | undefined } {
  return { apiKey: headers.get('x-api-key') ?? undefined, bearer: bearer(headers.get('authorization')) };
}

/** The same in a graphql-ws `connection_init` payload: `{ apiKey }` or `{ authorization: 'Bearer …' }`. */
export function presentedInConnectionParams(params: unknown): { apiKey: string | undefined; bearer: string | undefined } {
  const apiKey = param(params, 'apikey');
  return { apiKey: typeof apiKey === 'string' ? apiKey : undefined, bearer: bearer(param(params, 'authorization')) };
}
