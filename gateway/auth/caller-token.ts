/**
 * The caller's own ArcGIS token, passed through to the upstream server: over HTTP as
 * `Authorization: Bearer …` or `X-Esri-Authorization: Bearer …`, over graphql-ws in the
 * `connection_init` payload as `{ token }` or either header name.
 */
const BEARER = /^Bearer\s+(\S+)$/i;

function bearer(value: unknown): string | undefined {
  return typeof value === 'string' ? BEARER.exec(value.trim())?.[1] : undefined;
}

export function tokenFromHeaders(headers: Headers): string | undefined {
  return bearer(headers.get('x-esri-authorization')) ?? bearer(headers.get('authorization'));
}

export function tokenFromConnectionParams(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const record = params as Record<string, unknown>;
  if (typeof record.token === 'string' && record.token !== '') return record.token;
  for (const [key, value] of Object.entries(record)) {
    const name = key.toLowerCase();
    if (name === 'authorization' || name === 'x-esri-authorization') return bearer(value);
  }
  return undefined;
}

/** The API key a graphql-ws client sends in `connection_init` (`{ apiKey }`), for access control. */
export function apiKeyFromConnectionParams(params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const key = (params as Record<string, unknown>).apiKey;
  return typeof key === 'string' ? key : undefined;
}
