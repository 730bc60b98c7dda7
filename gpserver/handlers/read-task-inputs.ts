import type { GpRequest } from '../http/read-request.js';
import { restErrors } from '../http/rest-error.js';
import type { TaskDefinition } from '../model/service.js';
import type { ToolInputs } from '../model/tool.js';
import { ParameterErrors } from '../params/parameter-error.js';
import { parseTaskInputs } from '../params/parse-inputs.js';

/** Validated inputs of an execute or submitJob request; every bad parameter is listed in one error body. */
export function readTaskInputs(task: TaskDefinition, http: GpRequest): ToolInputs {
  try {
    return parseTaskInputs(task, http.params.entries());
  } catch (error) {
    if (error instanceof ParameterErrors) throw restErrors.invalidParameters(error.errors.map((e) => e.message));
    throw error;
  }
}
