import { describe, expect, it } from 'vitest';
import { createUpstreamJobStatus, jobUrl, readJobStatus, type UpstreamJobStatus } from '../../../gateway/arcgis/job-status-response.js';
import { createRestClient } from '../../../gateway/arcgis/rest-client.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { JobRef } from '../../../core/jobs/job-state.js';
import { startGpServer } from '../../support/gp-server-fixture.js';

const URL_ = 'http://gp.test/arcgis/rest/services/A/GPServer/T/jobs/j1';
const SEED_POINT = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 54003 },
  features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: {} }],
};

async function failure(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

function invalidAt(json: unknown): string {
  try {
    readJobStatus(json, URL_);
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'UPSTREAM_INVALID_RESPONSE') return error.message;
    throw error;
  }
  throw new Error('expected UPSTREAM_INVALID_RESPONSE');
}

describe('GP job resource JSON', () => {
  it('should read status, progress, messages and result paramUrls', () => {
    const json = {
      jobId: 'j1',
      jobStatus: 'esriJobSucceeded',
      progress: { type: 'step', message: 'Band 2 of 5', percent: '40' },
      messages: [{ type: 'esriJobMessageTypeInformative', description: 'Submitted.' }, { description: 'no type' }],
      results: { Out: { paramUrl: 'results/Out' } },
      inputs: { In: { paramUrl: 'inputs/In' } },
    };
    expect(readJobStatus(json, URL_)).toEqual<UpstreamJobStatus>({
      status: 'esriJobSucceeded',
      progress: { type: 'step', message: 'Band 2 of 5', percent: 40 },
      messages: [
        { type: 'esriJobMessageTypeInformative', description: 'Submitted.' },
        { type: 'esriJobMessageTypeInformative', description: 'no type' },
      ],
      results: { Out: 'results/Out' },
    });
  });

  it('should tolerate missing or null messages, progress and results, and keep an unknown status as it is', () => {
    expect(readJobStatus({ jobId: 'j1', jobStatus: 'esriJobPaused' }, URL_)).toEqual({ status: 'esriJobPaused', messages: [] });
    expect(readJobStatus({ jobStatus: 'esriJobExecuting', messages: null, progress: null, results: null }, URL_)).toEqual({
      status: 'esriJobExecuting',
      messages: [],
    });
  });

  it('should name the URL and the JSON path of what is wrong', () => {
    expect(invalidAt([])).toBe(`Invalid GP job JSON from ${URL_}: at $ expected an object, got an array`);
    expect(invalidAt({ jobId: 'j1' })).toContain('at $.jobStatus expected a string, got nothing');
    expect(invalidAt({ jobStatus: 'esriJobExecuting', messages: {} })).toContain('at $.messages expected an array');
    expect(invalidAt({ jobStatus: 'esriJobExecuting', messages: [{ type: 'x' }] })).toContain(
      'at $.messages[0].description expected a string',
    );
    expect(invalidAt({ jobStatus: 'esriJobExecuting', progress: { percent: 'half' } })).toContain(
      'at $.progress.percent expected a number',
    );
    expect(invalidAt({ jobStatus: 'esriJobSucceeded', results: { 'Out Put': {} } })).toContain(
      'at $.results["Out Put"].paramUrl expected a string',
    );
    expect(invalidAt({ jobStatus: 'esriJobSucceeded', jobId: 7 })).toContain('at $.jobId expected a string');
  });

  it('should address the job resource with task and id encoded', () => {
    expect(jobUrl({ serviceUrl: 'http://h/arcgis/rest/services/A/GPServer/', task: 'my task', jobId: 'a/../b?x' })).toBe(
      'http://h/arcgis/rest/services/A/GPServer/my%20task/jobs/a%2F..%2Fb%3Fx',
    );
  });
});

describe('GP job status from the embedded GPServer', () => {
  const client = createRestClient({ timeoutMs: 5_000 });
  const fetchStatus = createUpstreamJobStatus(client);
  const signal = new AbortController().signal;

  async function submit(serviceUrl: string, task: string, params: Record<string, unknown>): Promise<JobRef> {
    const body = (await client.postForm(`${serviceUrl}/${task}/submitJob`, params)) as { jobId: string };
    return { serviceUrl, task, jobId: body.jobId };
  }

  /** Real time: the embedded server runs the tool on a worker thread. */
  async function until(ref: JobRef, done: (s: UpstreamJobStatus) => boolean): Promise<UpstreamJobStatus[]> {
    const seen: UpstreamJobStatus[] = [];
    for (let i = 0; i < 400; i++) {
      const status = await fetchStatus(ref, signal);
      seen.push(status);
      if (done(status)) return seen;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`job ${ref.jobId} did not get there: ${seen.map((s) => s.status).join(', ')}`);
  }

  it('should follow ElevationStatistics through step progress to esriJobSucceeded with result paramUrls', async () => {
    const server = await startGpServer();
    const ref = await submit(`${server.servicesUrl}/Analysis/ElevationStatistics/GPServer`, 'ElevationStatistics', {
      Band_Count: 4,
      Step_Delay_Ms: 100,
    });
    const seen = await until(ref, (s) => s.status === 'esriJobSucceeded');
    const progress = seen.flatMap((s) => (s.progress ? [s] : []));
    expect(progress.length).toBeGreaterThan(0);
    for (const s of progress) {
      expect(s.status).toBe('esriJobExecuting');
      expect(s.progress).toMatchObject({ type: 'step', message: expect.stringMatching(/^Band \d of 4$/), percent: expect.any(Number) });
    }
    const last = seen.at(-1);
    expect(last?.results).toEqual({ Band_Statistics: 'results/Band_Statistics', Mean_Elevation: 'results/Mean_Elevation' });
    expect(last?.messages[0]).toEqual({ type: 'esriJobMessageTypeInformative', description: 'Submitted.' });
    expect(last?.progress).toBeUndefined();
  });

  it('should read a WorldViewshed viewshed job to its Viewshed_Result', async () => {
    const server = await startGpServer();
    const ref = await submit(`${server.servicesUrl}/WorldViewshed/GPServer`, 'viewshed', {
      Input_Observation_Point: SEED_POINT,
      Viewshed_Distance: { distance: 3, units: 'esriKilometers' },
    });
    const seen = await until(ref, (s) => s.status === 'esriJobSucceeded' || s.status === 'esriJobFailed');
    expect(seen.at(-1)).toMatchObject({ status: 'esriJobSucceeded', results: { Viewshed_Result: 'results/Viewshed_Result' } });
  });

  it('should answer JOB_NOT_FOUND for a job id the server does not know, even one that looks like a path', async () => {
    const server = await startGpServer();
    const serviceUrl = `${server.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
    for (const jobId of ['j00000000000000000000000000000000', '../../../ElevationStatistics', 'x?f=html']) {
      const error = await failure(fetchStatus({ serviceUrl, task: 'ElevationStatistics', jobId }, signal));
      expect(error.code).toBe('JOB_NOT_FOUND');
      expect(error.info.arcgisCode).toBe(400);
      expect(error.message).toContain('does not exist');
    }
    expect((await failure(fetchStatus({ serviceUrl, task: 'NoSuchTask', jobId: 'j1' }, signal))).code).toBe('JOB_NOT_FOUND');
  });

  it('should map an error body 404 to JOB_NOT_FOUND and leave other error bodies as they are', async () => {
    const server = await startGpServer();
    const ref = await submit(`${server.servicesUrl}/Analysis/ElevationStatistics/GPServer`, 'ElevationStatistics', {
      Band_Count: 1,
      Step_Delay_Ms: 0,
    });
    server.faults.inject({ action: { kind: 'error-body', code: 404, message: 'Job not found' }, routes: ['jobStatus'], times: 1 });
    expect((await failure(fetchStatus(ref, signal))).code).toBe('JOB_NOT_FOUND');
    server.faults.inject({ action: { kind: 'error-body', code: 500, message: 'boom' }, routes: ['jobStatus'], times: 1 });
    const error = await failure(fetchStatus(ref, signal));
    expect(error).toMatchObject({ code: 'UPSTREAM_ERROR', info: { arcgisCode: 500 } });
    expect((await fetchStatus(ref, signal)).status).toMatch(/^esriJob/);
  });

  it('should hand back the abort reason when its signal aborts', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'latency', ms: 2_000 }, routes: ['jobStatus'] });
    const ref = await submit(`${server.servicesUrl}/Analysis/ElevationStatistics/GPServer`, 'ElevationStatistics', {
      Band_Count: 1,
      Step_Delay_Ms: 0,
    });
    const controller = new AbortController();
    const reason = new Error('watcher left');
    const pending = fetchStatus(ref, controller.signal);
    setTimeout(() => {
      controller.abort(reason);
    }, 50);
    await expect(pending).rejects.toBe(reason);
  });
});
