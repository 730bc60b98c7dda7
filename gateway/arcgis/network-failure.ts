/**
 * A failed connection as a client may read it: Node's error code and a phrase for it. Never Node's own
 * text, which names the address it tried — `connect ECONNREFUSED 10.0.0.7:6443`, `getaddrinfo
 * ENOTFOUND gis.internal`, the host names of a TLS certificate — in forms no URL filter recognises.
 * That text goes to the log line of the request instead (`causeChainText`).
 */
const PHRASES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ECONNABORTED: 'connection aborted',
  EPIPE: 'connection closed while sending',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed for now',
  EAI_FAIL: 'host name lookup failed',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host down',
  UND_ERR_SOCKET: 'connection closed by the server',
  UND_ERR_CLOSED: 'connection closed',
};

/** TLS failures have many codes (`CERT_HAS_EXPIRED`, `ERR_TLS_CERT_ALTNAME_INVALID`, `DEPTH_ZERO_SELF_SIGNED_CERT`…). */
const TLS = /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_(?:VERIFY|GET)/;

/** A code as Node and undici write them; anything else is not echoed. */
const CODE = /^[A-Z][A-Z0-9_]{1,63}$/;

/** The errors behind `error`: its causes, and the attempts of an AggregateError (one per address tried). */
function* chain(error: unknown, depth = 0): Generator {
  if (depth > 4 || typeof error !== 'object' || error === null) return;
  yield error;
  if (error instanceof AggregateError) for (const inner of error.errors) yield* chain(inner, depth + 1);
  if (error instanceof Error) yield* chain(error.cause, depth + 1);
}

function codeOf(error: unknown): string | undefined {
  for (const link of chain(error)) {
    const code: unknown = (link as { code?: unknown }).code;
    if (typeof code === 'string' && CODE.test(code)) return code;
  }
  return undefined;
}

/** `connection refused (ECONNREFUSED)`, `host name not found (ENOTFOUND)`, `connection failed` when nothing says more. */
export function networkFailure(error: unknown): string {
  const code = codeOf(error);
  if (code === undefined) return 'connection failed';
  const phrase = PHRASES[code] ?? (TLS.test(code) ? 'TLS handshake failed' : 'connection failed');
  return `${phrase} (${code})`;
}

/** Node's whole text of a failure, causes included, for the log only: it names the address tried. */
export function causeChainText(error: unknown): string | undefined {
  const texts = [...chain(error)].flatMap((link) => {
    const code: unknown = (link as { code?: unknown }).code;
    const message = link instanceof Error ? link.message : '';
    if (message === '') return typeof code === 'string' ? [code] : [];
    return [typeof code === 'string' && !message.includes(code) ? `${code}: ${message}` : message];
  });
  return texts.length === 0 ? undefined : texts.join(' ← ');
}
