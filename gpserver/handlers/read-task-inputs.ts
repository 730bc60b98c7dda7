import type { GpRequest } from '../http/read-request.js';
import { restErrors } from '../http/rest-error.js';
import type { ServiceDefinition, TaskDefinition } from '../model/service.js';
import type { ToolInputs } from '../model/tool.js';
import { ParameterErrors } from '../params/parameter-error.js';
import { parseTaskInputs } from '../params/parse-inputs.js';
import { checkTaskInputs } from '../tools/input-checks.js';
import type { ServerParts } from './handler-context.js';
import { resolveFeatureSetReferences } from './resolve-feature-set-references.js';
import { resolveFileInputs } from './resolve-file-inputs.js';

/**
 * Validated inputs of an execute or submitJob request, feature sets given by reference resolved to
 * job results of this server and file inputs to its files, then checked together by the task's
 * tool; every bad parameter is listed in one error body.
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
  const references = resolveFeatureSetReferences(parts, task, inputs, http, username);
  const files = resolveFileInputs(parts, service, task, references.inputs, http, username);
  const errors = [...references.errors, ...files.errors];
  // Checks across inputs read resolved values only.
  if (errors.length === 0) errors.push(...checkTaskInputs(task, files.inputs));
  if (errors.length > 0) throw restErrors.invalidParameters(errors);
  return files.inputs;
}
