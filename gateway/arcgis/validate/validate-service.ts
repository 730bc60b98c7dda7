/**
 * The GP service resource, `…/GPServer?f=json`
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm).
 */
import type { ExecutionMode } from '../../../core/catalog.js';
import { optionalExecutionType } from './execution-type.js';
import { asArray, asObject, childAt, invalid, isObject, optionalNumber, optionalString, rootAt } from './json-reader.js';

export interface GpServiceDescription {
  readonly description: string;
  /** Undefined when the service does not say; its tasks must then say it themselves. */
  readonly execution?: ExecutionMode;
  readonly currentVersion?: number;
  readonly maximumRecords?: number;
  /** The result map service of its jobs (ArcGIS: `<services>/<name>/MapServer/jobs/<jobId>`), when published with one. */
  readonly resultMapServerName?: string;
  /** Task names as published, in published order. */
  readonly taskNames: readonly string[];
}

function taskName(value: unknown, at: ReturnType<typeof rootAt>): string {
  // Most releases list names; some list `{ name, … }` objects.
  if (typeof value === 'string' && value !== '') return value;
  if (isObject(value) && typeof value.name === 'string' && value.name !== '') return value.name;
  throw invalid(at, 'a task name or an object with a name', value);
}

export function validateService(json: unknown, url: string): GpServiceDescription {
  const at = rootAt(url, 'GPServer');
  const obj = asObject(json, at);
  const tasksAt = childAt(at, 'tasks');
  const taskNames = asArray(obj.tasks, tasksAt).map((t, i) => taskName(t, childAt(tasksAt, i)));
  const duplicate = taskNames.find((name, i) => taskNames.indexOf(name) !== i);
  if (duplicate !== undefined) throw invalid(tasksAt, 'unique task names', duplicate);
  const execution = optionalExecutionType(obj, at);
  const currentVersion = optionalNumber(obj, 'currentVersion', at);
  const maximumRecords = optionalNumber(obj, 'maximumRecords', at);
  const resultMapServerName = optionalString(obj, 'resultMapServerName', at);
  return {
    description: optionalString(obj, 'serviceDescription', at) ?? optionalString(obj, 'description', at) ?? '',
    ...(execution ? { execution } : {}),
    ...(currentVersion === undefined ? {} : { currentVersion }),
    ...(maximumRecords === undefined ? {} : { maximumRecords }),
    ...(resultMapServerName ? { resultMapServerName } : {}),
    taskNames,
  };
}
