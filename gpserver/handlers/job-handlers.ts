import type { Route, RouteOf } from '../http/route.js';
import { readEnvironment, readSpatialReference } from '../http/read-environment.js';
import { restErrors } from '../http/rest-error.js';
import type { Job } from '../jobs/job.js';
import { isFileDataType } from '../model/gp-parameter.js';
import { parameterValue, presentOutput, publicFileValue } from '../jobs/present-output.js';
import { findTask, type Handler, type HandlerRequest, type ServerParts } from './handler-context.js';
import { jobStatusBody } from './job-status-body.js';
import { readTaskInputs } from './read-task-inputs.js';

type JobRoute = Extract<Route, { jobId: string; task: string }>;

/**
 * A job is reachable only under the service that ran it, and, with token security on,
 * only by the user who submitted it.
 */
function findJob(parts: ServerParts, { route, username }: HandlerRequest<JobRoute>): Readonly<Job> {
  const { service } = findTask(parts, route.service, route.task);
  const job = parts.jobs.get(route.jobId);
  if (!job || job.service !== service) throw restErrors.jobNotFound(route.jobId);
  if (parts.tokens && job.owner !== username) throw restErrors.forbidden();
  return job;
}

/** `submitJob` on an asynchronous service (https://developers.arcgis.com/rest/services-reference/enterprise/submit-gp-job.htm). */
export const submitJob: Handler<RouteOf<'submitJob'>> = (parts, { http, route, username }) => {
  const { service, task } = findTask(parts, route.service, route.task);
  if (service.executionType !== 'esriExecutionTypeAsynchronous') {
    throw restErrors.wrongOperation('submitJob', service.executionType);
  }
  const inputs = readTaskInputs(parts, service, task, http, username);
  const job = parts.jobs.submit(service, task, inputs, readEnvironment(http.params), username, (jobId) =>
    parts.directories.forJob(service, jobId, username),
  );
  return { jobId: job.id, jobStatus: job.status };
};

export const jobStatus: Handler<RouteOf<'jobStatus'>> = (parts, request) =>
  jobStatusBody(findJob(parts, request), request.http.params.flag('returnMessages', true));

export const cancelJob: Handler<RouteOf<'jobCancel'>> = (parts, request) => {
  const job = parts.jobs.cancel(findJob(parts, request).id);
  return jobStatusBody(job, request.http.params.flag('returnMessages', true));
};

export const jobResult: Handler<RouteOf<'jobResult'>> = (parts, request) => {
  const job = findJob(parts, request);
  const param = job.task.parameters.find(
    (p) => p.direction === 'esriGPParameterDirectionOutput' && p.name.toLowerCase() === request.route.param.toLowerCase(),
  );
  if (!param) throw restErrors.paramNotFound('result', request.route.param);
  if (job.status !== 'esriJobSucceeded' || !job.outputs) throw restErrors.resultsNotReady(job.id, job.status);
  const { params } = request.http;
  const outSR = readSpatialReference(params, 'outSR') ?? job.env.outSR;
  const view = {
    ...(outSR ? { outSR } : {}),
    returnZ: params.flag('returnZ', job.env.returnZ),
    returnM: params.flag('returnM', job.env.returnM),
    filesUrl: `${request.http.origin}${job.directory.urlPath}`,
  };
  return parameterValue(param, presentOutput(param, job.outputs[param.name], view));
};

export const jobInput: Handler<RouteOf<'jobInput'>> = (parts, request) => {
  const job = findJob(parts, request);
  const param = job.task.parameters.find(
    (p) => p.direction === 'esriGPParameterDirectionInput' && p.name.toLowerCase() === request.route.param.toLowerCase(),
  );
  if (!param) throw restErrors.paramNotFound('input', request.route.param);
  const value = job.inputs[param.name];
  return parameterValue(param, isFileDataType(param.dataType) ? publicFileValue(value) : value);
};
