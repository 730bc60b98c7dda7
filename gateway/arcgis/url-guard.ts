/**
 * Where upstream requests may go: only under the configured GP services and services roots, so
 * nothing an upstream answers (a job's `paramUrl`, a directory listing) nor anything a client sends
 * can point the gateway at another host or another resource (SSRF).
 *
 * Every URL is parsed once with the WHATWG parser (the one `fetch` uses, so what is checked is what
 * is requested): host names are lowercased, IP literals normalised (`2130706433`, `0x7f.1` →
 * `127.0.0.1`), default ports dropped, `\` read as `/`, `.`/`..` and `%2e` segments resolved. On top
 * of that, a URL is refused when its text holds a dot segment in any encoding (`..`, `%2e%2E`,
 * `%252e`…) or a segment that decodes to a slash, since a server that decodes once more would
 * climb out of the scope; and when it has user info or is not http(s).
 */
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { ServiceSource } from './catalog-loader.js';
import { withoutQuery } from './safe-url.js';

export interface UrlGuard {
  /** Whether `url` lies under a configured service or services root. */
  allows(url: string): boolean;
  /** The parsed, normalised URL to request; throws `UPSTREAM_URL_REJECTED` otherwise. `what` names it in the message. */
  check(url: string, what: string): URL;
}

/** A place requests may go: an origin and a path (no trailing slash) that the URL's path must equal or extend. */
interface Scope {
  readonly origin: string;
  readonly path: string;
}

/** How often a segment is percent-decoded when looking for a hidden dot segment or slash. */
const DECODE_ROUNDS = 4;

function rejected(url: string, what: string, why: string): GatewayError {
  const safe = withoutQuery(url);
  return new GatewayError(ERROR_CODES.UPSTREAM_URL_REJECTED, `${what} ${safe} was not requested: ${why}`, { url: safe });
}

/** Decodes until stable (or `DECODE_ROUNDS`); a malformed escape stops decoding (the text is kept). */
function decodeFully(segment: string): string {
  let text = segment;
  for (let i = 0; i < DECODE_ROUNDS; i++) {
    let next: string;
    try {
      next = decodeURIComponent(text);
    } catch {
      return text;
    }
    if (next === text) return text;
    text = next;
  }
  return text;
}

/**
 * Whether the path part of a URL text (absolute or relative) holds a segment that is, once decoded
 * however many times, `.` or `..`, or that hides a `/` or `\`. The text is first stripped of what
 * the WHATWG parser strips (tabs, newlines, surrounding spaces and controls), so `.\n.` counts.
 */
export function hasHostileSegment(urlText: string): boolean {
  const text = urlText
    .replace(/[\t\n\r]/g, '')
    // eslint-disable-next-line no-control-regex -- the C0 controls and spaces the URL parser trims
    .replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '')
    .replace(/[?#].*$/s, '')
    .replace(/^[a-z][a-z\d+.-]*:/i, '');
  return text.split(/[/\\]/).some((segment) => {
    const decoded = decodeFully(segment);
    // `...` and `.. ` count too: Windows (where ArcGIS Server often runs) trims trailing dots and spaces.
    return /^[.\s]*\.[.\s]*$/.test(decoded) || /[/\\]/.test(decoded);
  });
}

/** Parses and vets the form of a URL (scheme, user info, segments); the reason when it is refused. */
function parse(url: string): URL | string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'it is not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return `the scheme ${parsed.protocol} is not http or https`;
  if (parsed.username !== '' || parsed.password !== '') return 'it carries user info';
  if (hasHostileSegment(url) || hasHostileSegment(parsed.pathname)) return 'its path holds a dot segment or an encoded slash';
  return parsed;
}

function isUnder(pathname: string, base: string): boolean {
  return pathname === base || pathname.startsWith(`${base}/`);
}

function scopeOf(configured: string): Scope {
  const parsed = parse(configured.replace(/#.*$/s, ''));
  if (typeof parsed === 'string') throw new TypeError(`Cannot guard ${withoutQuery(configured)}: ${parsed}`);
  return { origin: parsed.origin, path: parsed.pathname.replace(/\/+$/, '') };
}

/**
 * The server directories that hold file results of a service's runs, beside `rest/services`:
 * `rest/directories/arcgisjobs` (jobs) and `rest/directories/arcgisoutput` (synchronous runs).
 */
function resultDirectories(scope: Scope): Scope[] {
  const at = scope.path.toLowerCase().indexOf('/rest/services');
  if (at === -1) return [];
  const prefix = `${scope.path.slice(0, at)}/rest/directories`;
  return [
    { origin: scope.origin, path: `${prefix}/arcgisjobs` },
    { origin: scope.origin, path: `${prefix}/arcgisoutput` },
  ];
}

/**
 * A guard allowing exactly the URLs under the given GP service URLs (`…/GPServer`: the service, its
 * tasks, their jobs and results) and services roots (`…/rest/services`: the crawl of its folders and
 * everything under them): same origin after normalisation, path equal to or under the configured
 * path, plus the result directories of the same server (resultDirectories). Query and fragment of a configured URL are ignored; an unusable one throws a TypeError.
 */
export function createUrlGuard(serviceUrls: Iterable<string>, servicesRootUrls: Iterable<string> = []): UrlGuard {
  const configured = [...serviceUrls, ...servicesRootUrls].map(scopeOf);
  const scopes = [...configured, ...configured.flatMap(resultDirectories)];
  const vet = (url: string): URL | string => {
    const parsed = parse(url);
    if (typeof parsed === 'string') return parsed;
    if (!scopes.some((s) => s.origin === parsed.origin && isUnder(parsed.pathname, s.path))) return 'it is outside the configured services';
    return parsed;
  };
  return {
    allows: (url) => typeof vet(url) !== 'string',
    check: (url, what) => {
      const parsed = vet(url);
      if (typeof parsed === 'string') throw rejected(url, what, parsed);
      return parsed;
    },
  };
}

/**
 * The guard of a gateway's sources: explicit services (their `#alias` stripped) and services roots.
 * A source whose URL cannot be parsed is left out (the catalog loader reports it as a broken
 * service, and nothing under it can be requested).
 */
export function guardForSources(sources: readonly ServiceSource[]): UrlGuard {
  const usable = (url: string): boolean => {
    try {
      scopeOf(url);
      return true;
    } catch {
      return false;
    }
  };
  const services = sources.filter((s) => s.kind === 'service').map((s) => s.url.trim());
  const roots = sources.filter((s) => s.kind === 'services-root').map((s) => s.url.trim());
  return createUrlGuard(services.filter(usable), roots.filter(usable));
}

/**
 * A job output's URL: its `paramUrl` from the job status (normally relative, `results/<name>`)
 * resolved against `<jobUrl>/`, required to stay under `<jobUrl>/results/` on the job's origin.
 * Query and fragment are dropped (the client sets its own). Throws `UPSTREAM_URL_REJECTED` for an
 * absolute URL elsewhere, `//host/…`, a climb out (`../`, `%2e%2e/`, `results/../../x`) or a job URL
 * that is itself not plain.
 */
export function resolveParamUrl(jobUrl: string, paramUrl: string): URL {
  const job = parse(jobUrl.replace(/\/+$/, ''));
  if (typeof job === 'string') throw rejected(jobUrl, 'Job URL', job);
  const base = new URL(`${job.pathname.replace(/\/+$/, '')}/`, job);
  const what = `Result paramUrl ${JSON.stringify(withoutQuery(paramUrl).slice(0, 200))} of job`;
  if (hasHostileSegment(paramUrl)) throw rejected(jobUrl, what, 'it holds a dot segment or an encoded slash');
  let resolved: URL;
  try {
    resolved = new URL(paramUrl, base);
  } catch {
    throw rejected(jobUrl, what, 'it does not resolve to a URL');
  }
  const resultsPath = `${base.pathname}results`;
  if (
    resolved.origin !== base.origin ||
    resolved.username !== '' ||
    resolved.password !== '' ||
    !resolved.pathname.startsWith(`${resultsPath}/`) ||
    resolved.pathname.length === resultsPath.length + 1
  ) {
    throw rejected(jobUrl, what, `it resolves outside ${withoutQuery(base.href)}results/`);
  }
  resolved.search = '';
  resolved.hash = '';
  return resolved;
}
