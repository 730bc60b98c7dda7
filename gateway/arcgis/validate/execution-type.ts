/**
 * `executionType` of a GP service or task: esriExecutionTypeSynchronous (clients call `execute`) or
 * esriExecutionTypeAsynchronous (`submitJob` and job polling)
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm).
 */
import type { ExecutionMode } from '../../../core/catalog.js';
import { childAt, esriEnum, type At, type JsonObject } from './json-reader.js';

const EXECUTION: Readonly<Record<string, ExecutionMode>> = { synchronous: 'synchronous', asynchronous: 'asynchronous' };

export function optionalExecutionType(obj: JsonObject, at: At): ExecutionMode | undefined {
  const value = obj.executionType;
  if (value === undefined || value === null || value === '') return undefined;
  return esriEnum(value, childAt(at, 'executionType'), 'esriExecutionType', EXECUTION);
}
