import type { TaskDefinition } from '../model/service.js';
import { ParameterError, ParameterErrors } from './parameter-error.js';
import { parseParameterValue } from './parse-value.js';

export { ParameterErrors };

/** ArcGIS matches parameter names case-insensitively; an exact match wins when both spellings are sent. */
function lookup(params: ReadonlyMap<string, string>, name: string): string | undefined {
  const exact = params.get(name);
  if (exact !== undefined) return exact;
  const lower = name.toLowerCase();
  for (const [key, value] of params) {
    if (key.toLowerCase() === lower) return value;
  }
  return undefined;
}

/**
 * Validated inputs of `task` keyed by parameter name (absent optional parameters without a default
 * are left out). Fields that are not input parameters (f, env:outSR, …) are ignored. Every invalid
 * parameter is reported, not just the first: throws ParameterErrors.
 */
export function parseTaskInputs(task: TaskDefinition, params: ReadonlyMap<string, string>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  const errors: ParameterError[] = [];
  for (const param of task.parameters) {
    if (param.direction !== 'esriGPParameterDirectionInput') continue;
    try {
      const value = parseParameterValue(param, lookup(params, param.name));
      if (value !== undefined) inputs[param.name] = value;
    } catch (error: unknown) {
      if (!(error instanceof ParameterError)) throw error;
      errors.push(error);
    }
  }
  if (errors.length > 0) throw new ParameterErrors(errors);
  return inputs;
}
