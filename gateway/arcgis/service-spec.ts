/**
 * Service URLs as operators write them (`--service <url>#alias`) and as the ArcGIS directory
 * names them: `https://host/<instance>/rest/services/<folder>/<service>/GPServer`
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm).
 */

export interface ServiceSpec {
  /** Normalised: no query, no fragment, no trailing slash. */
  readonly url: string;
  readonly alias?: string;
}

/** GraphQL's Name production (https://spec.graphql.org/October2021/#Name): the alias prefixes generated names. */
const GRAPHQL_NAME = /^[_A-Za-z][_0-9A-Za-z]*$/;

/** Strips query, fragment and trailing slashes; throws on a URL that is not absolute http(s). */
export function normaliseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new Error(`Not an absolute URL: "${url.replace(/[?#].*$/s, '')}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new Error(`Only http and https service URLs are supported, got "${parsed.protocol}"`);
  }
  parsed.search = '';
  parsed.hash = '';
  return parsed.href.replace(/\/+$/, '');
}

/** `https://…/GPServer#Elev` → `{ url, alias: 'Elev' }`; throws a clear Error on a bad alias. */
export function parseServiceSpec(spec: string): ServiceSpec {
  const hash = spec.indexOf('#');
  const alias = hash === -1 ? undefined : spec.slice(hash + 1);
  const url = normaliseUrl(hash === -1 ? spec : spec.slice(0, hash));
  if (alias === undefined) return { url };
  assertAlias(alias, url);
  return { url, alias };
}

/** Throws a clear Error unless the alias can prefix GraphQL type and field names. */
export function assertAlias(alias: string, url: string): void {
  if (!GRAPHQL_NAME.test(alias)) {
    throw new Error(`Invalid alias "${alias}" for ${url}: an alias must be a GraphQL name (a letter or _ then letters, digits or _)`);
  }
}

/** Whether a normalised URL points at a GPServer resource (ArcGIS matches the type case-insensitively). */
export function isGpServerUrl(url: string): boolean {
  return /\/GPServer$/i.test(new URL(url).pathname);
}

/** 'Folder/Name' from `…/rest/services/Folder/Name/GPServer`; the last segment when the path is unusual. */
export function serviceNameFromUrl(url: string): string {
  const segments = new URL(url).pathname
    .split('/')
    .filter((s) => s !== '')
    .map(decodeSegment);
  const end = segments.findLastIndex((s) => s.toLowerCase() === 'gpserver');
  const upTo = end === -1 ? segments.length : end;
  const services = segments.findIndex((s, i) => s.toLowerCase() === 'services' && segments[i - 1]?.toLowerCase() === 'rest');
  const from = services === -1 || services >= upTo ? Math.max(upTo - 1, 0) : services + 1;
  return segments.slice(from, upTo).join('/') || url;
}

/** The GPServer URL of a service the directory lists as `{ name: 'Folder/Name', type: 'GPServer' }`. */
export function serviceUrlInRoot(rootUrl: string, qualifiedName: string, type: string): string {
  return `${rootUrl}/${qualifiedName.split('/').map(encodeURIComponent).join('/')}/${type}`;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
