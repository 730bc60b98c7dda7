import type { RouteOf } from '../http/route.js';
import { readEnvironment } from '../http/read-environment.js';
import { restErrors } from '../http/rest-error.js';
import { parameterValue, presentOutput } from '../jobs/present-output.js';
import { RunCancelled, RunTimedOut } from '../jobs/run-abort.js';
import type { GpMessage } from '../model/tool.js';
import { isFileDataType } from '../model/gp-parameter.js';
import { findTask, type Handler } from './handler-context.js';
import { readTaskInputs } from './read-task-inputs.js';

/**
 * `execute` on a synchronous service
 * (https://developers.arcgis.com/rest/services-reference/enterprise/execute-gp-task.htm):
 * the tool runs on a worker while the client waits; a failure is an error body with the tool's messages.
 */
export const execute: Handler<RouteOf<'execute'>> = async (parts, { http, route, signal, username }) => {
  const { service, task } = findTask(parts, route.service, route.task);
  if (service.executionType !== 'esriExecutionTypeSynchronous') {
    throw restErrors.wrongOperation('execute', service.executionType);
  }
  const inputs = readTaskInputs(parts, service, task, http, username);
  const env = readEnvironment(http.params);
  const directory = parts.directories.forExecute(service);
  if (task.parameters.some((p) => p.direction === 'esriGPParameterDirectionOutput' && isFileDataType(p.dataType))) {
    // File results of a synchronous run stay in arcgisoutput for a while, then go.
    parts.directories.keep(directory, username);
    setTimeout(() => void parts.directories.remove(directory), parts.outputRetentionMs).unref();
  }
  const messages: GpMessage[] = [{ type: 'esriJobMessageTypeInformative', description: 'Executing...' }];
  const run = new AbortController();
  const timer = setTimeout(() => {
    run.abort(new RunTimedOut(parts.maxRunTimeMs));
  }, parts.maxRunTimeMs);
  const onClientGone = (): void => {
    run.abort(new RunCancelled());
  };
  signal.addEventListener('abort', onClientGone, { once: true });
  try {
    const outputs = await parts.pool.run(
      { tool: task.tool, inputs, env, outputDir: directory.path },
      {
        onProgress: () => undefined,
        onMessage: (type, description) => {
          messages.push({ type, description });
        },
      },
      run.signal,
    );
    messages.push({ type: 'esriJobMessageTypeInformative', description: 'Succeeded.' });
    return {
      results: task.parameters
        .filter((p) => p.direction === 'esriGPParameterDirectionOutput')
        .map((p) => parameterValue(p, presentOutput(p, outputs[p.name], { ...env, filesUrl: `${http.origin}${directory.urlPath}` }))),
      messages,
    };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw restErrors.toolFailed([...messages.map((m) => m.description), reason, 'Failed to execute (' + task.name + ').']);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onClientGone);
  }
};
