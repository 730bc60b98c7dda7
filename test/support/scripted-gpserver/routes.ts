import type { ScriptedRoute } from './instruments.js';

interface TaskFields {
  readonly service: string;
  readonly task: string;
}
interface JobFields extends TaskFields {
  readonly jobId: string;
}
interface ParamFields extends JobFields {
  readonly param: string;
}
interface FieldsByRoute {
  service: { readonly service: string };
  task: TaskFields;
  submitJob: TaskFields;
  execute: TaskFields;
  status: JobFields;
  cancel: JobFields;
  result: ParamFields;
  input: ParamFields;
}

export type RouteOf<R extends ScriptedRoute> = { readonly route: R } & FieldsByRoute[R];

/** A request under `/arcgis/rest/services/[<Folder>/]<Service>/GPServer`, by the route names tests count. */
export type ParsedRoute = { [R in ScriptedRoute]: RouteOf<R> }[ScriptedRoute];

export const SERVICES_PATH = '/arcgis/rest/services';

export function parseRoute(pathname: string): ParsedRoute | undefined {
  if (!pathname.startsWith(`${SERVICES_PATH}/`)) return undefined;
  let segments: string[];
  try {
    segments = pathname
      .slice(SERVICES_PATH.length)
      .split('/')
      .filter((s) => s !== '')
      .map(decodeURIComponent);
  } catch {
    return undefined;
  }
  const at = segments.findIndex((s) => s.toLowerCase() === 'gpserver');
  if (at < 1 || at > 2) return undefined;
  const service = segments.slice(0, at).join('/');
  const [task, operation, jobId, sub, param, ...extra] = segments.slice(at + 1);
  if (extra.length > 0) return undefined;
  if (task === undefined) return { route: 'service', service };
  if (operation === undefined) return { route: 'task', service, task };
  if (operation === 'submitJob' || operation === 'execute') return jobId === undefined ? { route: operation, service, task } : undefined;
  if (operation !== 'jobs' || jobId === undefined) return undefined;
  if (sub === undefined) return { route: 'status', service, task, jobId };
  if (sub === 'cancel' && param === undefined) return { route: 'cancel', service, task, jobId };
  if ((sub === 'results' || sub === 'inputs') && param !== undefined) {
    return { route: sub === 'results' ? 'result' : 'input', service, task, jobId, param };
  }
  return undefined;
}
