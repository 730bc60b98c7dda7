import type { GpRequest } from '../http/read-request.js';
import { restErrors } from '../http/rest-error.js';
import type { ServiceDefinition, TaskDefinition } from '../model/service.js';
import type { ToolInputs } from '../model/tool.js';
import { ParameterErrors } from '../params/parameter-error.js';
import { parseTaskInputs } from '../params/parse-inputs.js';
import type { ServerParts } from './handler-context.js';
import { resolveFileInputs } from './resolve-file-inputs.js';

/**
 * Validated inputs of an execute or submitJob request, file inputs resolved to files of this server;
 * every bad parameter is listed in one error body.
 */
export function readTaskInputs(
  parts: ServerParts,
  service: ServiceDefinition,
  task: TaskDefinition,
  http: GpRequest,
  username: string | undefined,
): ToolInputs {
  let inputs: ToolInputs;
  try {
    inputs = parseTaskInputs(task, http.params.entries());
  } catch (error) {
    if (error instanceof ParameterErrors) throw restErrors.invalidParameters(error.errors.map((e) => e.message));
    throw error;
  }
  return resolveFileInputs(parts, service, task, inputs, http, username);
}
