/**
 * Whether a URL a caller gives may be contacted or handed on: the one policy for every URL that the
 * gateway, or a server it calls, will fetch on a caller's word. Input URLs the GPServer reads go
 * through it (resolvers/input-urls.ts), and so must webhook URLs the gateway posts to; a URL that
 * skips it can make a server inside the deployment's network read its neighbours or a cloud
 * metadata endpoint (server-side request forgery).
 *
 * A URL passes when it is http or https, carries no user info (other parsers split
 * `http://a@b@c/` differently) and names a public host:
 * - an IPv4 address, in whatever spelling the WHATWG parser normalises (`2130706433`, `0x7f.1`,
 *   `0177.0.0.1`), that ipaddr.js classes as plain unicast: not loopback, private, link-local,
 *   CGNAT, multicast, broadcast, documentation, benchmarking, reserved, AS112 or AMT;
 * - an IPv6 address inside 2000::/3, IANA's only global unicast allocation (everything outside it,
 *   IPv4-compatible `::a.b.c.d` and the dummy prefix 100:0:0:1::/64 included, is reserved or
 *   special), that ipaddr.js classes as plain unicast. IPv4-mapped `::ffff:a.b.c.d` is read as its
 *   IPv4 address (a dual-stack socket connects to exactly that); the other blocks that carry an IPv4
 *   address are refused whole, public or not: NAT64 (64:ff9b::/96, local-use 64:ff9b:1::/48), 6to4,
 *   Teredo (whose client address is obfuscated) and SIIT-translated ::ffff:0:a.b.c.d reach an IPv4
 *   host through a translator or relay chosen by the network the request leaves from, and a caller
 *   has no reason to use them rather than the IPv4 address or a name;
 * - a name of at least two labels outside the zones only a local resolver answers.
 * A name is not resolved here. Where the gateway connects itself (webhooks), it should also check
 * each address the name resolves to with `isPublicAddress`, at connection time.
 */
import ipaddr from 'ipaddr.js';

/**
 * The one reason given for every host that is not public, whatever its address, spelling or port:
 * a caller probing the network behind the gateway learns nothing from which refusal it gets.
 */
export const NOT_PUBLIC_HOST = 'its host is not public';

const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/** RFC 6761 `localhost`, RFC 6762 `local` (mDNS), RFC 8375 `home.arpa`, ICANN's private-use `internal`. */
const LOCAL_ZONES: readonly string[] = ['localhost', 'local', 'home.arpa', 'internal'];

/** Whether an IP address (IPv6 without brackets) is public unicast; false for anything that is not an address. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4') return parsed.range() === 'unicast';
  const v6 = ipaddr.IPv6.parse(address);
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().range() === 'unicast';
  return v6.match(GLOBAL_UNICAST_V6) && v6.range() === 'unicast';
}

/** A host name without the trailing dots that make it fully qualified (`localhost.` is `localhost`). */
export function withoutRootDot(hostname: string): string {
  return hostname.replace(/\.+$/, '');
}

/** `hostname` as the WHATWG parser leaves it: IPv4 as four decimals, IPv6 in brackets, names lowercased. */
function isPublicHost(hostname: string): boolean {
  if (hostname.startsWith('[')) return isPublicAddress(hostname.slice(1, -1));
  if (ipaddr.IPv4.isValidFourPartDecimal(hostname)) return isPublicAddress(hostname);
  const name = withoutRootDot(hostname);
  // A single label is completed by the resolver's search domains: only the local network knows it.
  if (!name.includes('.')) return false;
  return !LOCAL_ZONES.some((zone) => name === zone || name.endsWith(`.${zone}`));
}

/** Why `url` may not be contacted or handed on for a caller; undefined when it may. */
export function whyNotPublic(url: URL): string | undefined {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `only http and https URLs, not ${url.protocol}`;
  if (url.username !== '' || url.password !== '') return 'a URL with user info';
  return isPublicHost(url.hostname) ? undefined : NOT_PUBLIC_HOST;
}
