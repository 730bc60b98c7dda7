/**
 * Text with upstream hosts taken out, for callers who may not learn where the GPServers are
 * (`hideUpstreamUrls`): each absolute http(s) URL loses its origin and, for an ArcGIS URL, the path
 * up to `/rest/services`, so `https://gis.internal:6443/arcgis/rest/services/Tools/GPServer/Buffer`
 * reads `[upstream]/Tools/GPServer/Buffer`: still enough to tell which service and task failed.
 */
const ARCGIS_PREFIX = /https?:\/\/[^\s/"'<>]+(?:\/[^\s"'<>]*?)?\/rest\/services(?=[/\s"'<>]|$)/gi;
const ORIGIN = /https?:\/\/[^\s/"'<>]+/gi;

export function withoutUpstreamHosts(text: string): string {
  return text.replace(ARCGIS_PREFIX, '[upstream]').replace(ORIGIN, '[upstream]');
}
