/**
 * An earlier step's output as the next step's input value, never through the client: by reference
 * where the next server reads the result itself (ArcGIS takes `{"url": …/jobs/<id>/results/<param>}`
 * for features and a result file's `{"url"}` for files), otherwise by value — features fetched in the
 * spatial reference the next task publishes (or projected here for a synchronous step's answer),
 * files downloaded and uploaded to the next service's `uploads/`.
 */
import type { Credential } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { StepBinding, WorkflowStep } from '../../core/workflows/workflow-state.js';
import { featureSetsIn } from '../../resolvers/convert/feature-set.js';
import { resultUrl, type StepUpstream } from './step-upstream.js';

function fileUrlOf(value: unknown, binding: StepBinding): string {
  const url = typeof value === 'object' && value !== null ? (value as { url?: unknown }).url : undefined;
  if (typeof url !== 'string')
    throw new GatewayError('UPSTREAM_INVALID_RESPONSE', `Output ${binding.output} of step '${binding.fromStep}' holds no file URL.`);
  return url;
}

/** The REST value of `binding`'s input for `target`, from the succeeded step `source`. */
export async function handOver(
  binding: StepBinding,
  source: WorkflowStep,
  target: WorkflowStep,
  upstream: StepUpstream,
  credential: Credential,
  signal: AbortSignal,
): Promise<unknown> {
  const job = source.jobId === undefined ? undefined : { serviceUrl: source.serviceUrl, task: source.task, jobId: source.jobId };
  const paramUrl = source.results?.[binding.output];
  if (job && binding.kind === 'FEATURES' && binding.mode === 'REFERENCE') return { url: resultUrl(job, binding.output, paramUrl) };
  const outSR = binding.kind === 'FEATURES' ? binding.outSR : undefined;
  const value = job ? await upstream.result(job, binding.output, paramUrl, outSR, credential, signal) : source.values?.[binding.output];
  if (value === undefined) throw new GatewayError('UPSTREAM_INVALID_RESPONSE', `Step '${source.id}' returned no output ${binding.output}.`);
  if (binding.kind === 'FILE') {
    const url = fileUrlOf(value, binding);
    return binding.mode === 'REFERENCE' ? { url } : { itemID: await upstream.copyFile(url, target.serviceUrl, credential, signal) };
  }
  // A synchronous step's features are as its server answered: projected here when the next task wants others.
  if (!job && outSR !== undefined) return featureSetsIn(value, outSR, binding.output);
  return value;
}
