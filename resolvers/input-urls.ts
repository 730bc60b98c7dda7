/**
 * Where a client may tell the upstream to read from. Inputs such as `DataFileInput.url`,
 * `RasterInput.url` and `FeatureSetInput.url` hand the GPServer a URL that it fetches itself: left
 * open, a client could make the GPServer (inside the deployment's network) read its neighbours or a
 * cloud metadata endpoint (server-side request forgery through the upstream). The rules:
 * - http or https, an absolute URL without user info;
 * - on the origin of a configured service (a result of one task fed to another), whatever its host;
 * - else a public host: not `localhost` or a single-label name (only a local resolver can answer
 *   those), not an IP literal in a loopback, private, link-local, shared (CGNAT), unique-local,
 *   multicast, reserved or unspecified range (IPv4-mapped IPv6 read as IPv4).
 * A name that resolves to a private address is not caught here: the upstream resolves it.
 */
import { GatewayError } from '../core/errors/gateway-error.js';

export interface InputUrlPolicy {
  /** `value` (a converted GP input) unchanged; throws INVALID_INPUT naming `parameter` for a URL it may not hold. */
  checked<T>(value: T, parameter: string): T;
}

/** [first address, prefix length] of the IPv4 ranges a client may not point the upstream at. */
const BLOCKED_V4: readonly (readonly [string, number])[] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
];

const v4Number = (address: string): number => address.split('.').reduce((n, part) => n * 256 + Number(part), 0);

function blockedV4(address: string): boolean {
  const n = v4Number(address);
  return BLOCKED_V4.some(([first, bits]) => {
    const size = 2 ** (32 - bits);
    return n >= v4Number(first) && n < v4Number(first) + size;
  });
}

/** An IPv6 literal as the WHATWG parser writes it (compressed, lowercase, no brackets). */
function blockedV6(address: string): boolean {
  if (address === '::' || address === '::1') return true;
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(address);
  if (mapped) {
    const high = parseInt(mapped[1] ?? '0', 16);
    const low = parseInt(mapped[2] ?? '0', 16);
    return blockedV4(`${high >> 8}.${high & 255}.${low >> 8}.${low & 255}`);
  }
  const first = parseInt(address.split(':')[0] || '0', 16);
  // fc00::/7 unique local, fe80::/10 link-local, ff00::/8 multicast.
  return (first & 0xfe00) === 0xfc00 || (first & 0xffc0) === 0xfe80 || (first & 0xff00) === 0xff00;
}

function whyRefused(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https URLs, not ${url.protocol}`;
  if (url.username !== '' || url.password !== '') return 'a URL with user info';
  const host = url.hostname;
  if (host.startsWith('[')) return blockedV6(host.slice(1, -1)) ? 'a loopback, private or link-local address' : undefined;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return blockedV4(host) ? 'a loopback, private or link-local address' : undefined;
  if (host === 'localhost' || host.endsWith('.localhost')) return 'a loopback host';
  if (!host.includes('.')) return 'a single-label host name (only a local resolver knows it)';
  return undefined;
}

/** The policy for a catalog: `serviceUrls` are its services' GPServer URLs (their origins are always allowed). */
export function inputUrlPolicy(serviceUrls: readonly string[]): InputUrlPolicy {
  const ownOrigins = new Set(serviceUrls.flatMap((url) => (URL.canParse(url) ? [new URL(url).origin] : [])));
  const check = (text: string, parameter: string): void => {
    const url = URL.canParse(text) ? new URL(text) : undefined;
    const why = url === undefined ? 'not an absolute URL' : ownOrigins.has(url.origin) ? undefined : whyRefused(url);
    if (why !== undefined) {
      throw new GatewayError('INVALID_INPUT', `${parameter}: the url may not be given to the GPServer to read: ${why}.`, { parameter });
    }
  };
  const visit = (value: unknown, parameter: string): void => {
    if (Array.isArray(value)) for (const member of value) visit(member, parameter);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        if (key === 'url' && typeof member === 'string') check(member, parameter);
        else visit(member, parameter);
      }
    }
  };
  return {
    checked(value, parameter) {
      visit(value, parameter);
      return value;
    },
  };
}
