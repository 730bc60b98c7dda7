import { describe, expect, it } from 'vitest';
import { isFinal, pollJob, rest, startGpServer, type Json } from '../support/gp-server-fixture.js';

const TASK = 'Analysis/ElevationStatistics/GPServer/ElevationStatistics';

async function submit(servicesUrl: string, params: Record<string, string | number | object> = {}): Promise<{ jobUrl: string; body: Json }> {
  const body = await rest(`${servicesUrl}/${TASK}/submitJob`, params, { method: 'POST' });
  return { jobUrl: `${servicesUrl}/${TASK}/jobs/${String(body.jobId)}`, body };
}

describe('asynchronous jobs', () => {
  it('should answer submitJob with a jobId and esriJobSubmitted', async () => {
    const server = await startGpServer({ submittedDelayMs: 50 });
    const { body } = await submit(server.servicesUrl, { Band_Count: 2, Step_Delay_Ms: 0 });
    expect(body).toEqual({ jobId: expect.stringMatching(/^j[0-9a-f]{32}$/), jobStatus: 'esriJobSubmitted' });
  });

  it('should run a job to esriJobSucceeded and serve results and inputs through their paramUrls', async () => {
    const server = await startGpServer();
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 3, Step_Delay_Ms: 20 });
    const { status } = await pollJob(jobUrl, isFinal);
    expect(status).toMatchObject({
      jobStatus: 'esriJobSucceeded',
      results: {
        Band_Statistics: { paramUrl: 'results/Band_Statistics' },
        Mean_Elevation: { paramUrl: 'results/Mean_Elevation' },
      },
      inputs: { Band_Count: { paramUrl: 'inputs/Band_Count' }, Area_Of_Interest: { paramUrl: 'inputs/Area_Of_Interest' } },
    });
    expect(status).not.toHaveProperty('progress');
    const descriptions = (status.messages as { description: string }[]).map((m) => m.description);
    expect(descriptions[0]).toBe('Submitted.');
    expect(descriptions[1]).toBe('Executing...');
    expect(descriptions.at(-1)).toMatch(/^Succeeded at .* \(Elapsed Time: [\d.]+ seconds\)$/);

    const results = status.results as Record<string, { paramUrl: string }>;
    const table = await rest(`${jobUrl}/${results.Band_Statistics?.paramUrl ?? ''}`);
    expect(table).toMatchObject({ paramName: 'Band_Statistics', dataType: 'GPRecordSet' });
    const records = (table.value as { features: { attributes: Record<string, number> }[] }).features;
    expect(records.map((r) => r.attributes.BAND)).toEqual([1, 2, 3]);
    for (const { attributes } of records) {
      expect(attributes.MIN_ELEV).toBeLessThanOrEqual(attributes.MEAN_ELEV ?? NaN);
      expect(attributes.MEAN_ELEV).toBeLessThanOrEqual(attributes.MAX_ELEV ?? NaN);
    }
    const mean = await rest(`${jobUrl}/${results.Mean_Elevation?.paramUrl ?? ''}`);
    expect(mean).toMatchObject({ paramName: 'Mean_Elevation', dataType: 'GPDouble', value: expect.any(Number) });
    expect(await rest(`${jobUrl}/inputs/Band_Count`)).toEqual({ paramName: 'Band_Count', dataType: 'GPLong', value: 3 });
  });

  it('should report step progress in order while executing', async () => {
    const server = await startGpServer();
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 5, Step_Delay_Ms: 120 });
    const percents: number[] = [];
    await pollJob(
      jobUrl,
      (status) => {
        const progress = status.progress as { type: string; percent: number; message: string } | undefined;
        if (progress) {
          expect(status.jobStatus).toBe('esriJobExecuting');
          expect(progress.type).toBe('step');
          expect(progress.message).toMatch(/^Band \d of 5$/);
          if (percents.at(-1) !== progress.percent) percents.push(progress.percent);
        }
        return isFinal(status);
      },
      { everyMs: 20 },
    );
    expect(percents.length).toBeGreaterThanOrEqual(2);
    expect([...percents].sort((a, b) => a - b)).toEqual(percents);
  });

  it('should keep jobs waiting beyond the concurrency limit', async () => {
    const server = await startGpServer({ maxConcurrentJobs: 1 });
    const first = await submit(server.servicesUrl, { Band_Count: 4, Step_Delay_Ms: 150 });
    await pollJob(first.jobUrl, (s) => s.jobStatus === 'esriJobExecuting');
    const second = await submit(server.servicesUrl, { Band_Count: 1, Step_Delay_Ms: 0 });
    const { seen } = await pollJob(second.jobUrl, isFinal);
    // Polls may or may not catch the brief Submitted and Executing states; Waiting lasts as long as the first job.
    const order = ['esriJobSubmitted', 'esriJobWaiting', 'esriJobExecuting', 'esriJobSucceeded'];
    expect(seen).toEqual(order.filter((s) => seen.includes(s)));
    expect(seen).toContain('esriJobWaiting');
    expect(seen.at(-1)).toBe('esriJobSucceeded');
    const firstStatus = await rest(first.jobUrl);
    expect(firstStatus.jobStatus).toBe('esriJobSucceeded');
  });

  it('should report esriJobSubmitted before a job is queued', async () => {
    const server = await startGpServer({ submittedDelayMs: 300 });
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 1, Step_Delay_Ms: 0 });
    expect((await rest(jobUrl)).jobStatus).toBe('esriJobSubmitted');
    const { seen } = await pollJob(jobUrl, isFinal);
    expect(seen.at(-1)).toBe('esriJobSucceeded');
  });

  it('should cancel a running job through esriJobCancelling to esriJobCancelled', async () => {
    const server = await startGpServer();
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 50, Step_Delay_Ms: 200 });
    await pollJob(jobUrl, (s) => s.progress !== undefined);
    const cancelling = await rest(`${jobUrl}/cancel`, {}, { method: 'POST' });
    expect(cancelling.jobStatus).toBe('esriJobCancelling');
    const again = await rest(`${jobUrl}/cancel`);
    expect(['esriJobCancelling', 'esriJobCancelled']).toContain(again.jobStatus);
    const { status } = await pollJob(jobUrl, isFinal);
    expect(status.jobStatus).toBe('esriJobCancelled');
    expect(status).not.toHaveProperty('results');
    expect((await rest(`${jobUrl}/cancel`)).jobStatus).toBe('esriJobCancelled');
    expect(await rest(`${jobUrl}/results/Mean_Elevation`)).toMatchObject({ error: { code: 400 } });
  });

  it('should cancel a waiting job at once', async () => {
    const server = await startGpServer({ maxConcurrentJobs: 1 });
    const first = await submit(server.servicesUrl, { Band_Count: 20, Step_Delay_Ms: 100 });
    await pollJob(first.jobUrl, (s) => s.jobStatus === 'esriJobExecuting');
    const second = await submit(server.servicesUrl);
    await pollJob(second.jobUrl, (s) => s.jobStatus === 'esriJobWaiting');
    expect((await rest(`${second.jobUrl}/cancel`)).jobStatus).toBe('esriJobCancelled');
    await rest(`${first.jobUrl}/cancel`);
  });

  it('should refuse to cancel a finished job', async () => {
    const server = await startGpServer();
    const { jobUrl, body } = await submit(server.servicesUrl, { Band_Count: 1, Step_Delay_Ms: 0 });
    await pollJob(jobUrl, isFinal);
    expect(await rest(`${jobUrl}/cancel`)).toEqual({
      error: {
        code: 400,
        message: 'Unable to complete operation.',
        details: [`Job '${String(body.jobId)}' cannot be cancelled: its status is esriJobSucceeded.`],
      },
    });
  });

  it('should time a job out after the maximum run time', async () => {
    const server = await startGpServer({ maxRunTimeMs: 400 });
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 100, Step_Delay_Ms: 100 });
    const { status, seen } = await pollJob(jobUrl, isFinal);
    expect(seen.at(-1)).toBe('esriJobTimedOut');
    expect(status.messages).toContainEqual({
      type: 'esriJobMessageTypeError',
      description: 'The tool exceeded the maximum run time of 0.4 seconds.',
    });
  });

  it('should fail a job whose tool rejects its inputs, with the reason as an error message', async () => {
    const server = await startGpServer();
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 5000 });
    const { status } = await pollJob(jobUrl, isFinal);
    expect(status.jobStatus).toBe('esriJobFailed');
    expect(status.messages).toContainEqual({ type: 'esriJobMessageTypeError', description: 'Band Count must be between 1 and 1000.' });
  });

  it('should omit messages with returnMessages=false', async () => {
    const server = await startGpServer();
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 1, Step_Delay_Ms: 0 });
    const { status } = await pollJob(jobUrl, isFinal, { params: { returnMessages: 'false' } });
    expect(status.messages).toEqual([]);
  });

  it('should forget finished jobs after the retention time', async () => {
    const server = await startGpServer({ jobRetentionMs: 100 });
    const { jobUrl, body } = await submit(server.servicesUrl, { Band_Count: 1, Step_Delay_Ms: 0 });
    await pollJob(jobUrl, isFinal);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(await rest(jobUrl)).toEqual({
      error: {
        code: 400,
        message: 'Unable to complete operation.',
        details: [`Job '${String(body.jobId)}' does not exist or is inaccessible.`],
      },
    });
  });

  it('should answer an unknown job, a job under another service and an unknown result with error bodies', async () => {
    const server = await startGpServer();
    expect(await rest(`${server.servicesUrl}/${TASK}/jobs/jdoesnotexist`)).toMatchObject({ error: { code: 400 } });
    const { jobUrl, body } = await submit(server.servicesUrl, { Band_Count: 1, Step_Delay_Ms: 0 });
    await pollJob(jobUrl, isFinal);
    expect(await rest(`${server.servicesUrl}/WorldViewshed/GPServer/viewshed/jobs/${String(body.jobId)}`)).toMatchObject({
      error: { code: 400 },
    });
    expect(await rest(`${jobUrl}/results/Nope`)).toMatchObject({ error: { details: ["Job result parameter 'Nope' does not exist."] } });
  });

  it('should refuse results before the job succeeds', async () => {
    const server = await startGpServer();
    const { jobUrl } = await submit(server.servicesUrl, { Band_Count: 20, Step_Delay_Ms: 100 });
    expect(await rest(`${jobUrl}/results/Mean_Elevation`)).toMatchObject({ error: { code: 400 } });
    await rest(`${jobUrl}/cancel`);
  });

  it('should refuse submitJob on a synchronous service and execute on an asynchronous one', async () => {
    const server = await startGpServer();
    expect(await rest(`${server.servicesUrl}/GPFolder/BufferService/GPServer/Buffer/submitJob`)).toMatchObject({
      error: { code: 400, details: [expect.stringContaining("'submitJob' is not supported")] },
    });
    expect(await rest(`${server.servicesUrl}/${TASK}/execute`)).toMatchObject({
      error: { code: 400, details: [expect.stringContaining("'execute' is not supported")] },
    });
  });

  it('should reject invalid parameters at submit time with every problem listed', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${TASK}/submitJob`, { Band_Count: 'many', Area_Of_Interest: '{"xmin":' });
    expect(body).toMatchObject({ error: { code: 400, message: 'Unable to complete operation.' } });
    const details = (body.error as { details: string[] }).details;
    expect(details).toHaveLength(2);
    expect(details.join('\n')).toContain('Band_Count');
    expect(details.join('\n')).toContain('Area_Of_Interest');
  });

  it('should keep answering status requests while a long viewshed computes on a worker thread', async () => {
    const server = await startGpServer();
    const viewshed = `${server.servicesUrl}/WorldViewshed/GPServer/viewshed`;
    // 40 observers at 15 km keep a worker busy for seconds of pure computation.
    const points = Array.from({ length: 40 }, (_, i) => ({ geometry: { x: -119.5 + i * 0.01, y: 36.3 }, attributes: {} }));
    const submitted = await rest(
      `${viewshed}/submitJob`,
      {
        Input_Observation_Point: { geometryType: 'esriGeometryPoint', spatialReference: { wkid: 4326 }, features: points },
      },
      { method: 'POST' },
    );
    const jobUrl = `${viewshed}/jobs/${String(submitted.jobId)}`;
    await pollJob(jobUrl, (s) => s.progress !== undefined, { everyMs: 5 });
    const statuses: string[] = [];
    for (let i = 0; i < 10; i++) statuses.push(String((await rest(jobUrl)).jobStatus));
    expect(statuses).toEqual(Array.from({ length: 10 }, () => 'esriJobExecuting'));
    await rest(`${jobUrl}/cancel`);
    expect((await pollJob(jobUrl, isFinal)).status.jobStatus).toBe('esriJobCancelled');
  });
});
