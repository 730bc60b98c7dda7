/**
 * What a workflow's steps ask of the GPServers, over the gateway's REST client and with the
 * workflow's credential: the same requests a client would make by hand, made here instead.
 */
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { Credential } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { DiskFile } from '../../core/files/disk-file.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import type { ExecuteResult, ExecuteTask } from '../../resolvers/execute-result.js';
import type { UploadItems } from '../../resolvers/staged-uploads.js';
import { jobUrl, readJobStatus } from '../arcgis/job-status-response.js';
import { readResultResponse } from '../arcgis/result-response.js';
import type { RestClient } from '../arcgis/rest-client.js';
import { readSubmitResponse } from '../arcgis/submit-response.js';
import { resolveParamUrl } from '../arcgis/url-guard.js';
import { stateFromUpstream } from '../jobs/state-from-upstream.js';

export interface StepTarget {
  readonly serviceUrl: string;
  readonly task: string;
}

export interface StepUpstream {
  submit(target: StepTarget, params: Readonly<Record<string, unknown>>, credential: Credential, signal: AbortSignal): Promise<JobState>;
  execute(
    target: StepTarget,
    params: Readonly<Record<string, unknown>>,
    credential: Credential,
    signal: AbortSignal,
  ): Promise<ExecuteResult>;
  cancel(ref: JobRef, credential: Credential, signal: AbortSignal): Promise<JobState>;
  /** `jobs/<id>/results/<output>` (or its `paramUrl`), features in `outSR` when given. */
  result(
    ref: JobRef,
    output: string,
    paramUrl: string | undefined,
    outSR: number | undefined,
    credential: Credential,
    signal: AbortSignal,
  ): Promise<unknown>;
  /** A result file of a configured server, uploaded to `serviceUrl`'s `uploads/`: its item id. */
  copyFile(fileUrl: string, serviceUrl: string, credential: Credential, signal: AbortSignal): Promise<string>;
}

/** The URL of a job's output for a server that reads it itself (ArcGIS's `{"url": …/results/<param>}`). */
export function resultUrl(ref: JobRef, output: string, paramUrl: string | undefined): string {
  return resolveParamUrl(jobUrl(ref), paramUrl ?? `results/${encodeURIComponent(output)}`).href;
}

export function createStepUpstream(
  clients: (credential: Credential) => RestClient,
  execute: ExecuteTask,
  uploads: UploadItems,
): StepUpstream {
  return {
    async submit(target, params, credential, signal) {
      const url = `${target.serviceUrl}/${encodeURIComponent(target.task)}/submitJob`;
      const { jobId, jobStatus } = readSubmitResponse(await clients(credential).postForm(url, params, { signal }), url);
      return stateFromUpstream({ serviceUrl: target.serviceUrl, task: target.task, jobId }, { status: jobStatus, messages: [] });
    },
    execute: (target, params, credential, signal) =>
      execute({ serviceUrl: target.serviceUrl, taskName: target.task, params, credential, signal }),
    async cancel(ref, credential, signal) {
      const url = `${jobUrl(ref)}/cancel`;
      return stateFromUpstream(ref, readJobStatus(await clients(credential).postForm(url, {}, { signal }), url));
    },
    async result(ref, output, paramUrl, outSR, credential, signal) {
      const url = resultUrl(ref, output, paramUrl);
      const params = outSR === undefined ? {} : { outSR: String(outSR) };
      return readResultResponse(await clients(credential).getJson(url, params, { signal }), url);
    },
    async copyFile(fileUrl, serviceUrl, credential, signal) {
      // Through a file on disk: a raster may be larger than the gateway should hold in memory.
      const dir = await mkdtemp(join(tmpdir(), 'gpgw-handover-'));
      try {
        const response = await clients(credential).getFile(fileUrl, { signal });
        const name = basename(new URL(fileUrl).pathname) || 'result';
        // An error page (or a redirect to a login) is no raster: the step fails instead of uploading it.
        if (!response.ok) {
          await response.body?.cancel();
          throw new GatewayError('UPSTREAM_ERROR', `The result file ${name} could not be read: HTTP ${response.status}.`, {
            arcgisCode: response.status,
          });
        }
        const path = join(dir, name);
        if (!response.body) throw new Error(`${name}: empty response`);
        await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), createWriteStream(path), { signal });
        const file = new DiskFile(path, name, response.headers.get('content-type') ?? 'application/octet-stream', (await stat(path)).size);
        const item = await uploads.upload(serviceUrl, file, null, { credential, signal });
        return item.itemId;
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}
