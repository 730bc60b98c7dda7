/**
 * The ArcGIS Server REST layout this server answers, parsed from a path
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm and its children).
 */
export type Route =
  | { readonly kind: 'info' }
  | { readonly kind: 'generateToken' }
  | { readonly kind: 'oauth2Token' }
  | { readonly kind: 'portalGenerateToken' }
  | { readonly kind: 'directory'; readonly folder: string }
  | { readonly kind: 'service'; readonly service: string }
  | { readonly kind: 'task'; readonly service: string; readonly task: string }
  | { readonly kind: 'execute' | 'submitJob'; readonly service: string; readonly task: string }
  | { readonly kind: 'jobStatus' | 'jobCancel'; readonly service: string; readonly task: string; readonly jobId: string }
  | {
      readonly kind: 'jobResult' | 'jobInput';
      readonly service: string;
      readonly task: string;
      readonly jobId: string;
      readonly param: string;
    }
  | { readonly kind: 'uploads' | 'uploadsInfo' | 'upload'; readonly service: string }
  | { readonly kind: 'uploadItem' | 'uploadDelete'; readonly service: string; readonly itemID: string }
  /** A file under `rest/directories/` (arcgisjobs, arcgisoutput), by its decoded path segments. */
  | { readonly kind: 'directoryFile'; readonly segments: readonly string[] }
  | { readonly kind: 'resultMap' | 'resultMapExport'; readonly service: string; readonly jobId: string }
  | { readonly kind: 'notFound' };

export type RouteKind = Route['kind'];

const SERVICES_PREFIX = ['arcgis', 'rest', 'services'];

function segmentsOf(pathname: string): string[] | undefined {
  try {
    return pathname
      .split('/')
      .filter((s) => s !== '')
      .map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

function jobRoute(service: string, task: string, rest: readonly string[]): Route {
  const [jobs, jobId, sub, param, ...extra] = rest;
  if (jobs !== 'jobs' || jobId === undefined || extra.length > 0) return { kind: 'notFound' };
  if (sub === undefined) return { kind: 'jobStatus', service, task, jobId };
  if (sub === 'cancel' && param === undefined) return { kind: 'jobCancel', service, task, jobId };
  if ((sub === 'results' || sub === 'inputs') && param !== undefined) {
    return { kind: sub === 'results' ? 'jobResult' : 'jobInput', service, task, jobId, param };
  }
  return { kind: 'notFound' };
}

/** `<resultMapServerName>/MapServer/jobs/<jobId>[/export]`: a job's result map service. */
function resultMapRoute(service: string, rest: readonly string[]): Route {
  const [jobs, jobId, operation, ...extra] = rest;
  if (jobs?.toLowerCase() !== 'jobs' || jobId === undefined || extra.length > 0) return { kind: 'notFound' };
  if (operation === undefined) return { kind: 'resultMap', service, jobId };
  return operation.toLowerCase() === 'export' ? { kind: 'resultMapExport', service, jobId } : { kind: 'notFound' };
}

/** `<service>/GPServer/uploads/…` (https://developers.arcgis.com/rest/services-reference/enterprise/uploads.htm). */
function uploadsRoute(service: string, rest: readonly string[]): Route {
  const [item, operation, ...more] = rest;
  if (more.length > 0) return { kind: 'notFound' };
  if (item === undefined) return { kind: 'uploads', service };
  if (operation === undefined && item === 'info') return { kind: 'uploadsInfo', service };
  if (operation === undefined && item === 'upload') return { kind: 'upload', service };
  if (operation === undefined) return { kind: 'uploadItem', service, itemID: item };
  return operation === 'delete' ? { kind: 'uploadDelete', service, itemID: item } : { kind: 'notFound' };
}

function gpRoute(service: string, rest: readonly string[]): Route {
  const [task, operation, ...more] = rest;
  if (task?.toLowerCase() === 'uploads') return uploadsRoute(service, rest.slice(1));
  if (task === undefined) return { kind: 'service', service };
  if (operation === undefined) return { kind: 'task', service, task };
  if (more.length === 0 && (operation === 'execute' || operation === 'submitJob')) {
    return { kind: operation, service, task };
  }
  return jobRoute(service, task, [operation, ...more]);
}

export function parseRoute(pathname: string): Route {
  const segments = segmentsOf(pathname);
  if (!segments) return { kind: 'notFound' };
  // The instance name and the fixed segments match in any case, as ArcGIS Server's do (`/ArcGIS/rest/services/…`).
  const fixed = segments.join('/').toLowerCase();
  if (fixed === 'arcgis/rest/info') return { kind: 'info' };
  if (fixed === 'arcgis/tokens/generatetoken') return { kind: 'generateToken' };
  if (fixed === 'arcgis/sharing/rest/oauth2/token') return { kind: 'oauth2Token' };
  if (fixed === 'arcgis/sharing/rest/generatetoken') return { kind: 'portalGenerateToken' };
  if (fixed.startsWith('arcgis/rest/directories/') && segments.length > 4) return { kind: 'directoryFile', segments: segments.slice(3) };
  if (!SERVICES_PREFIX.every((s, i) => segments[i]?.toLowerCase() === s)) return { kind: 'notFound' };
  const rest = segments.slice(SERVICES_PREFIX.length);
  const mapIndex = rest.findIndex((s) => s.toLowerCase() === 'mapserver');
  if (mapIndex > 0 && mapIndex <= 2) return resultMapRoute(rest.slice(0, mapIndex).join('/'), rest.slice(mapIndex + 1));
  const typeIndex = rest.findIndex((s) => s.toLowerCase() === 'gpserver');
  if (typeIndex === -1) {
    return rest.length <= 1 ? { kind: 'directory', folder: rest[0] ?? '' } : { kind: 'notFound' };
  }
  if (typeIndex === 0 || typeIndex > 2) return { kind: 'notFound' };
  return gpRoute(rest.slice(0, typeIndex).join('/'), rest.slice(typeIndex + 1));
}

/** The route of one kind (an intersection, since some members carry two kinds). */
export type RouteOf<K extends RouteKind> = Route & { readonly kind: K };
