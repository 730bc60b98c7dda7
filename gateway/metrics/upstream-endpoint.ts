/**
 * Which ArcGIS REST resource an upstream request is for, as a bounded label value (never the URL:
 * job ids and service names would make one series per job). Paths follow the GP service layout,
 * https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm.
 */
export type UpstreamEndpoint =
  'service' | 'task' | 'execute' | 'submitJob' | 'job_status' | 'job_result' | 'job_cancel' | 'token' | 'other';

export function upstreamEndpoint(url: string): UpstreamEndpoint {
  let path: string;
  try {
    path = new URL(url).pathname.replace(/\/+$/, '');
  } catch {
    return 'other';
  }
  if (/\/generateToken$/i.test(path)) return 'token';
  const gp = /\/GPServer(\/.*)?$/i.exec(path);
  if (!gp) return 'other';
  const rest = (gp[1] ?? '').split('/').filter((s) => s !== '');
  if (rest.length === 0) return 'service';
  if (rest.length === 1) return 'task';
  const [, op, , sub] = rest;
  if (rest.length === 2 && op === 'execute') return 'execute';
  if (rest.length === 2 && op === 'submitJob') return 'submitJob';
  if (op !== 'jobs' || rest.length < 3) return 'other';
  if (rest.length === 3) return 'job_status';
  if (sub === 'results') return 'job_result';
  if (sub === 'cancel' && rest.length === 4) return 'job_cancel';
  return 'other';
}
