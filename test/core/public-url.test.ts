/**
 * The one policy for URLs a caller gives that the gateway or the GPServer will fetch: every spelling of
 * a non-public address is refused with one and the same reason, public addresses and names pass.
 */
import { describe, expect, it } from 'vitest';
import { isPublicAddress, NOT_PUBLIC_HOST, whyNotPublic } from '../../core/public-url.js';

/** [URL, what it is]: all refused as not public. */
const NOT_PUBLIC: readonly (readonly [string, string])[] = [
  ['http://[64:ff9b::10.0.0.1]/file.csv', 'NAT64 of 10.0.0.1'],
  ['http://[2002:a00:1::]/file.csv', '6to4 of 10.0.0.1'],
  ['http://[::10.0.0.1]/file.csv', 'IPv4-compatible 10.0.0.1'],
  ['http://[fec0::1]/file.csv', 'site-local'],
  ['http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', 'NAT64 of the cloud metadata address'],
  ['http://[64:ff9b:1::a00:1]/file.csv', 'NAT64 local-use prefix'],
  ['http://[64:ff9b::8.8.8.8]/file.csv', 'NAT64 of a public address (the block is refused whole)'],
  ['http://[2002:808:808::1]/file.csv', '6to4 of a public address (the block is refused whole)'],
  ['http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/file.csv', 'Teredo'],
  ['http://[::ffff:10.0.0.1]/file.csv', 'IPv4-mapped 10.0.0.1'],
  ['http://[0:0:0:0:0:FFFF:A9FE:A9FE]/file.csv', 'IPv4-mapped metadata address, long uppercase spelling'],
  ['http://[::ffff:0:10.0.0.1]/file.csv', 'IPv4-translated (SIIT)'],
  ['http://[::ffff:0:8.8.8.8]/file.csv', 'IPv4-translated public address (the block is refused whole)'],
  ['http://[::8.8.8.8]/file.csv', 'IPv4-compatible public address (deprecated, outside 2000::/3)'],
  ['http://[::1]:8080/file.csv', 'IPv6 loopback'],
  ['http://[::]/file.csv', 'IPv6 unspecified'],
  ['http://[fe80::1]/file.csv', 'IPv6 link-local'],
  ['http://[fd00::5]/file.csv', 'unique local'],
  ['http://[ff02::1]/file.csv', 'IPv6 multicast'],
  ['http://[2001:db8::1]/file.csv', 'IPv6 documentation'],
  ['http://[3fff::1]/file.csv', 'IPv6 documentation (3fff::/20)'],
  ['http://[2001:2::1]/file.csv', 'IPv6 benchmarking'],
  ['http://[2001:10::1]/file.csv', 'ORCHID'],
  ['http://[2001:20::1]/file.csv', 'ORCHIDv2'],
  ['http://[2001:1::1]/file.csv', 'IETF protocol assignment (port control anycast)'],
  ['http://[100::1]/file.csv', 'discard-only'],
  ['http://[100:0:0:1::1]/file.csv', 'dummy prefix'],
  ['http://[5f00::1]/file.csv', 'SRv6 SIDs'],
  ['http://[4000::1]/file.csv', 'outside the global unicast allocation'],
  ['http://127.0.0.1/file.csv', 'IPv4 loopback'],
  ['http://2130706433/file.csv', 'loopback in decimal'],
  ['http://0x7f000001/file.csv', 'loopback in hex'],
  ['http://0177.0.0.1/file.csv', 'loopback in octal'],
  ['http://0x7f.1/file.csv', 'loopback, short hex form'],
  ['http://%31%32%37.0.0.1/file.csv', 'loopback, percent-encoded'],
  ['http://10.1/file.csv', 'private, short form'],
  ['http://169.254.169.254/latest/meta-data/', 'cloud metadata (link-local)'],
  ['http://172.16.0.1/file.csv', 'private 172.16/12'],
  ['http://192.168.1.1/file.csv', 'private 192.168/16'],
  ['http://100.64.0.1/file.csv', 'shared address space (CGNAT)'],
  ['http://0/file.csv', 'this network (0.0.0.0/8)'],
  ['http://192.0.0.9/file.csv', 'IETF protocol assignments (192.0.0.0/24)'],
  ['http://192.0.2.1/file.csv', 'IPv4 documentation'],
  ['http://198.18.0.1/file.csv', 'IPv4 benchmarking'],
  ['http://224.0.0.1/file.csv', 'IPv4 multicast'],
  ['http://240.0.0.1/file.csv', 'reserved (240.0.0.0/4)'],
  ['http://255.255.255.255/file.csv', 'limited broadcast'],
  ['http://localhost:9000/file.csv', 'localhost'],
  ['http://localhost./file.csv', 'localhost, fully qualified'],
  ['http://api.localhost/file.csv', 'a name under localhost'],
  ['http://\uff4c\uff4f\uff43\uff41\uff4c\uff48\uff4f\uff53\uff54/file.csv', 'localhost in full-width letters'],
  ['http://intranet/file.csv', 'a single-label name'],
  ['http://intranet./file.csv', 'a single-label name, fully qualified'],
  ['http://printer.local/file.csv', 'mDNS'],
  ['http://nas.home.arpa/file.csv', 'home network'],
  ['http://metadata.google.internal/computeMetadata/v1/', 'private-use top-level domain'],
];

const PUBLIC: readonly (readonly [string, string])[] = [
  ['http://8.8.8.8/file.csv', 'public IPv4'],
  ['http://134744072/file.csv', 'public IPv4 in decimal'],
  ['https://1.1.1.1/file.csv', 'public IPv4'],
  ['http://[2606:4700::1111]/file.csv', 'public IPv6'],
  ['http://[2001:4860:4860::8888]/file.csv', 'public IPv6 beside the 2001::/23 assignments'],
  ['http://[::ffff:8.8.8.8]/file.csv', 'IPv4-mapped public address'],
  ['https://services.arcgis.com/abc/arcgis/rest/services/Parcels/FeatureServer/0', 'a public name'],
  ['https://example.com./file.csv', 'a public name, fully qualified'],
  ['https://data.example.org:8443/file.csv', 'a public name on another port'],
];

const OTHER: readonly (readonly [string, RegExp])[] = [
  ['file:///etc/passwd', /only http and https/],
  ['ftp://example.com/file.csv', /only http and https/],
  ['https://user:secret@example.com/file.csv', /user info/],
  ['http://example.com@10.0.0.1/file.csv', /user info/],
];

describe('public URLs', () => {
  it('should be checked against at least 40 spellings', () => {
    expect(NOT_PUBLIC.length + PUBLIC.length + OTHER.length).toBeGreaterThanOrEqual(40);
  });

  it.each(NOT_PUBLIC)('should refuse %s (%s) as not public', (url) => {
    expect(whyNotPublic(new URL(url))).toBe(NOT_PUBLIC_HOST);
  });

  it.each(PUBLIC)('should accept %s (%s)', (url) => {
    expect(whyNotPublic(new URL(url))).toBeUndefined();
  });

  it.each(OTHER)('should refuse %s for its form', (url, why) => {
    expect(whyNotPublic(new URL(url))).toMatch(why);
  });

  it('should class resolved addresses as a connecting client finds them', () => {
    expect(['8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8'].map(isPublicAddress)).toEqual([true, true, true]);
    expect(['10.0.0.1', 'fe80::1%eth0', '64:ff9b::a00:1', '::a00:1', 'example.com', ''].map(isPublicAddress)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
