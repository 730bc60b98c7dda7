/**
 * Text with upstream hosts taken out, for callers who may not learn where the GPServers are
 * (`hideUpstreamUrls`): each absolute http(s) URL loses its origin and, for an ArcGIS URL, the path
 * up to `/rest/services`, so `https://gis.internal:6443/arcgis/rest/services/Tools/GPServer/Buffer`
 * reads `[upstream]/Tools/GPServer/Buffer`: still enough to tell which service and task failed.
 *
 * Addresses outside a URL — an IPv4 or IPv6 literal, with or without a port, a `host.name:port` —
 * go too: the gateway's own messages never carry them, but text it passes on (an ArcGIS error's
 * details, a job's messages) might, in any of the forms Node and servers print them.
 */
const ARCGIS_PREFIX = /https?:\/\/[^\s/"'<>]+(?:\/[^\s"'<>]*?)?\/rest\/services(?=[/\s"'<>]|$)/gi;
const ORIGIN = /https?:\/\/[^\s/"'<>]+/gi;
const PORT = '(?::\\d{1,5}(?!\\d))?';
/** Eight groups, or fewer around `::` (then with at least one hex digit), optionally ending in IPv4; bracketed or not. */
const IPV6 = new RegExp(
  `\\[[0-9a-f:.]*:[0-9a-f:.]*\\]${PORT}|(?<![\\w:.])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?=[0-9a-f:.]*[0-9a-f])(?:[0-9a-f]{1,4}:)*[0-9a-f]{0,4}::(?:[0-9a-f]{1,4}:)*(?:[0-9a-f]{1,4}|\\d{1,3}(?:\\.\\d{1,3}){3})?)(?![\\w:]|\\.\\w)`,
  'gi',
);
const IPV4 = new RegExp(`(?<![\\w.])\\d{1,3}(?:\\.\\d{1,3}){3}${PORT}(?!\\w|\\.\\w)`, 'g');
/** `localhost:6080`, `gis.internal:6443`: a dotted name whose last label starts with a letter, and a port. */
const HOST_PORT = /(?<![\w.-])(?:localhost|(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]*):\d{2,5}(?!\d)/gi;

export function withoutUpstreamHosts(text: string): string {
  return text
    .replace(ARCGIS_PREFIX, '[upstream]')
    .replace(ORIGIN, '[upstream]')
    .replace(IPV6, '[upstream]')
    .replace(IPV4, '[upstream]')
    .replace(HOST_PORT, '[upstream]');
}
