import type { FeatureSet } from '../../geo/esri-json.js';
import type { GpRequest } from '../http/read-request.js';
import { parseRoute } from '../http/route.js';
import type { Job } from '../jobs/job.js';
import type { ParameterDefinition } from '../model/gp-parameter.js';
import type { TaskDefinition } from '../model/service.js';
import type { ToolInputs } from '../model/tool.js';
import { ParameterError } from '../params/parameter-error.js';
import { isFeatureSetReference, takesFeatureSetReference } from '../params/parse-feature-set-reference.js';
import type { ServerParts } from './handler-context.js';
import type { InputResolution } from './input-resolution.js';

const RESULT_PATH = '/arcgis/rest/services/…/GPServer/<task>/jobs/<jobId>/results/<param>';

interface JobResult {
  readonly output: ParameterDefinition;
  readonly value: unknown;
}

/**
 * The result a URL names, if it is a result of a succeeded job of this server that the user may
 * read (the checks of the job resources: the job's own service and task, its owner with token
 * security on); otherwise why not. Looked up in memory: nothing is fetched, from here or elsewhere.
 */
function findJobResult(parts: ServerParts, http: GpRequest, raw: string, username: string | undefined): JobResult | string {
  const url = new URL(raw);
  if (url.origin.toLowerCase() !== http.origin.toLowerCase()) {
    return `url must name a job result of this server (${http.origin}${RESULT_PATH}); other servers are not read`;
  }
  // The query string (`?f=json`, a token) says how to fetch the result, not which one it is.
  const route = parseRoute(url.pathname);
  if (route.kind !== 'jobResult') return `url ${url.pathname} names no job result (${RESULT_PATH})`;
  const service = parts.registry.service(route.service);
  const task = service === undefined ? undefined : parts.registry.task(service, route.task);
  const job: Readonly<Job> | undefined = parts.jobs.get(route.jobId);
  // Another user's job is reported as a missing one: whether it exists is not disclosed.
  const readable = job !== undefined && job.service === service && job.task === task && (!parts.tokens || job.owner === username);
  if (!readable) return `job '${route.jobId}' of ${route.service}/${route.task} does not exist or is inaccessible`;
  if (job.status !== 'esriJobSucceeded' || job.outputs === undefined) {
    return `job '${job.id}' has status ${job.status}; only the results of a succeeded job can be used`;
  }
  const output = job.task.parameters.find(
    (p) => p.direction === 'esriGPParameterDirectionOutput' && p.name.toLowerCase() === route.param.toLowerCase(),
  );
  if (output === undefined) return `job '${job.id}' has no result '${route.param}'`;
  return { output, value: job.outputs[output.name] };
}

function isFeatureSetValue(value: unknown): value is FeatureSet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { features?: unknown }).features);
}

/** The result as the input's value: kept as stored (its spatial reference too), or refused when it does not fit. */
function asInputValue(param: ParameterDefinition, { output, value }: JobResult): FeatureSet | string {
  if (!takesFeatureSetReference(output.dataType) || !isFeatureSetValue(value)) {
    return `result '${output.name}' is a ${output.dataType}, not a feature set or record set`;
  }
  if (param.dataType === 'GPRecordSet') {
    // A table input reads a feature set's attributes, as ArcGIS reads a feature class as a table.
    const fields = value.fields?.filter((field) => field.type !== 'esriFieldTypeGeometry');
    return { ...(fields === undefined ? {} : { fields }), features: value.features.map((feature) => ({ attributes: feature.attributes })) };
  }
  if (output.dataType !== 'GPFeatureRecordSetLayer') return `result '${output.name}' is a record set (GPRecordSet), not a feature set`;
  const geometryType = value.geometryType ?? output.geometryType;
  if (param.geometryType !== undefined && geometryType !== param.geometryType) {
    return `result '${output.name}' holds ${geometryType ?? 'no declared geometry type'}; this parameter takes ${param.geometryType}`;
  }
  return value;
}

/**
 * Feature set and record set inputs given as `{"url": …}` become the feature set of the job result
 * they name: a result of a succeeded job of this server the user may read, as ArcGIS Server takes
 * a job result of its own as an input. Any other URL is refused rather than fetched.
 */
export function resolveFeatureSetReferences(
  parts: ServerParts,
  task: TaskDefinition,
  inputs: ToolInputs,
  http: GpRequest,
  username: string | undefined,
): InputResolution {
  const resolved: Record<string, unknown> = { ...inputs };
  const errors: string[] = [];
  for (const param of task.parameters) {
    const value = inputs[param.name];
    if (param.direction !== 'esriGPParameterDirectionInput' || !takesFeatureSetReference(param.dataType) || !isFeatureSetReference(value)) {
      continue;
    }
    const result = findJobResult(parts, http, value.url, username);
    const featureSet = typeof result === 'string' ? result : asInputValue(param, result);
    if (typeof featureSet === 'string') errors.push(new ParameterError(param, featureSet).message);
    else resolved[param.name] = featureSet;
  }
  return { inputs: resolved, errors };
}
