/**
 * The GP task resource, `…/GPServer/<task>?f=json`
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm).
 */
import type { CatalogTask, ExecutionMode } from '../../../core/catalog.js';
import { optionalExecutionType } from './execution-type.js';
import { asArray, asObject, childAt, invalid, optionalString, rootAt } from './json-reader.js';
import { validateParameter } from './validate-parameter.js';

export interface TaskContext {
  /** The task URL, without query. */
  readonly url: string;
  /** The name the service listed; used when the task JSON omits its own. */
  readonly listedName: string;
  /** The service's execution type; tasks before 10.1 do not repeat it. */
  readonly serviceExecution?: ExecutionMode;
}

export function validateTask(json: unknown, context: TaskContext): CatalogTask {
  const at = rootAt(context.url, 'GP task');
  const obj = asObject(json, at);
  const name = optionalString(obj, 'name', at) || context.listedName;
  const execution = optionalExecutionType(obj, at) ?? context.serviceExecution;
  if (execution === undefined) {
    throw invalid(childAt(at, 'executionType'), 'an execution type on the task or its service', obj.executionType);
  }
  const parametersAt = childAt(at, 'parameters');
  const parameters = asArray(obj.parameters, parametersAt).map((p, i) => validateParameter(p, childAt(parametersAt, i)));
  const seen = new Set<string>();
  parameters.forEach((p, i) => {
    // ArcGIS matches parameter names case-insensitively, so two spellings of one name are ambiguous.
    const key = p.name.toLowerCase();
    if (seen.has(key)) throw invalid(childAt(childAt(parametersAt, i), 'name'), 'a parameter name unique in the task', p.name);
    seen.add(key);
  });
  return {
    name,
    displayName: optionalString(obj, 'displayName', at) || name,
    description: optionalString(obj, 'description', at) ?? '',
    category: optionalString(obj, 'category', at) ?? '',
    helpUrl: optionalString(obj, 'helpUrl', at) ?? '',
    execution,
    parameters,
  };
}
