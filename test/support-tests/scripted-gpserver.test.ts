import { describe, expect, it } from 'vitest';
import {
  SAMPLE_FEATURES,
  startScriptedGpServer,
  SYNC_SERVICE,
  type ScriptedGpServer,
  type ScriptStep,
} from '../support/scripted-gpserver.js';

type Json = Record<string, unknown>;

async function getJson(url: string, params: Record<string, string> = {}): Promise<Json> {
  const response = await fetch(`${url}?${new URLSearchParams({ f: 'json', ...params }).toString()}`);
  return (await response.json()) as Json;
}

async function post(url: string, params: Record<string, string>): Promise<Json> {
  const body = new URLSearchParams({ f: 'json', ...params }).toString();
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  return (await response.json()) as Json;
}

async function submit(server: ScriptedGpServer, params: Record<string, string> = { Text: 'hello' }): Promise<string> {
  const body = await post(`${server.serviceUrl()}/Process/submitJob`, params);
  expect(body).toEqual({ jobId: expect.any(String), jobStatus: 'esriJobSubmitted' });
  return String(body.jobId);
}

async function statuses(server: ScriptedGpServer, jobId: string, n: number): Promise<unknown[]> {
  const seen: unknown[] = [];
  for (let i = 0; i < n; i++) seen.push((await getJson(server.jobUrl(jobId))).jobStatus);
  return seen;
}

const notFound = (jobId: string): Json => ({
  error: { code: 400, message: 'Unable to complete operation.', details: [`Job '${jobId}' does not exist or is inaccessible.`] },
});

describe('scripted GPServer metadata', () => {
  it('should publish the asynchronous and synchronous services and their tasks', async () => {
    const server = await startScriptedGpServer();
    expect(await getJson(server.serviceUrl())).toMatchObject({ tasks: ['Process'], executionType: 'esriExecutionTypeAsynchronous' });
    expect(await getJson(server.serviceUrl(SYNC_SERVICE))).toMatchObject({
      tasks: ['Echo'],
      executionType: 'esriExecutionTypeSynchronous',
    });
    const task = await getJson(`${server.serviceUrl()}/Process`);
    expect(task).toMatchObject({ name: 'Process', executionType: 'esriExecutionTypeAsynchronous' });
    expect(task.parameters).toEqual([
      expect.objectContaining({
        name: 'Text',
        dataType: 'GPString',
        direction: 'esriGPParameterDirectionInput',
        parameterType: 'esriGPParameterTypeRequired',
      }),
      expect.objectContaining({ name: 'Count', dataType: 'GPLong', parameterType: 'esriGPParameterTypeOptional' }),
      expect.objectContaining({ name: 'Summary', dataType: 'GPString', direction: 'esriGPParameterDirectionOutput' }),
      expect.objectContaining({ name: 'Features', dataType: 'GPFeatureRecordSetLayer', direction: 'esriGPParameterDirectionOutput' }),
    ]);
    expect(server.counts('service')).toBe(2);
    expect(server.counts('task')).toBe(1);
  });

  it('should serve rewritten tasks from the next request on', async () => {
    const server = await startScriptedGpServer();
    server.setTasks(SYNC_SERVICE, [{ name: 'Other', parameters: [] }]);
    expect(await getJson(server.serviceUrl(SYNC_SERVICE))).toMatchObject({ tasks: ['Other'] });
    expect(await getJson(`${server.serviceUrl(SYNC_SERVICE)}/Echo`)).toMatchObject({ error: { code: 400 } });
  });

  it('should answer ArcGIS error bodies for unknown services and wrong operations', async () => {
    const server = await startScriptedGpServer();
    expect(await getJson(`${server.servicesUrl}/Nope/Missing/GPServer`)).toMatchObject({ error: { code: 400 } });
    expect(await post(`${server.serviceUrl()}/Process/execute`, {})).toMatchObject({ error: { code: 400 } });
    expect(await post(`${server.serviceUrl(SYNC_SERVICE)}/Echo/submitJob`, {})).toMatchObject({ error: { code: 400 } });
  });
});

describe('scripted GPServer execute', () => {
  it('should echo the configured outputs after the execute delay', async () => {
    const server = await startScriptedGpServer({ executeDelayMs: 150 });
    const started = Date.now();
    const body = await post(`${server.serviceUrl(SYNC_SERVICE)}/Echo/execute`, { Text: 'x' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(body).toEqual({ results: [{ paramName: 'Out', dataType: 'GPString', value: 'done' }], messages: [] });
    expect(server.lastQuery('execute').get('Text')).toBe('x');
  });
});

describe('scripted GPServer job scripts', () => {
  it('should play one step per status request and repeat the last', async () => {
    const server = await startScriptedGpServer({
      script: [
        { status: 'esriJobSubmitted' },
        { status: 'esriJobWaiting' },
        { status: 'esriJobExecuting', progress: 10 },
        { status: 'esriJobExecuting', progress: 50, messages: [{ type: 'esriJobMessageTypeInformative', description: 'half way' }] },
        { status: 'esriJobExecuting', progress: { type: 'default', message: 'almost', percent: 90 } },
        { status: 'esriJobSucceeded' },
      ],
    });
    const jobId = await submit(server);
    const bodies: Json[] = [];
    for (let i = 0; i < 7; i++) bodies.push(await getJson(server.jobUrl(jobId)));
    expect(bodies.map((b) => b.jobStatus)).toEqual([
      'esriJobSubmitted',
      'esriJobWaiting',
      'esriJobExecuting',
      'esriJobExecuting',
      'esriJobExecuting',
      'esriJobSucceeded',
      'esriJobSucceeded',
    ]);
    expect(bodies.map((b) => b.progress)).toEqual([
      undefined,
      undefined,
      { type: 'step', message: '', percent: 10 },
      { type: 'step', message: '', percent: 50 },
      { type: 'default', message: 'almost', percent: 90 },
      undefined,
      undefined,
    ]);
    expect(bodies[6]).toEqual({
      jobId,
      jobStatus: 'esriJobSucceeded',
      results: { Summary: { paramUrl: 'results/Summary' }, Features: { paramUrl: 'results/Features' } },
      inputs: { Text: { paramUrl: 'inputs/Text' }, Count: { paramUrl: 'inputs/Count' } },
      messages: [{ type: 'esriJobMessageTypeInformative', description: 'half way' }],
    });
    expect(bodies[2]).not.toHaveProperty('results');
    expect(server.counts('status', jobId)).toBe(7);
    expect(server.jobIds()).toEqual([jobId]);
  });

  it('should leave messages out when returnMessages=false', async () => {
    const server = await startScriptedGpServer({
      script: [{ status: 'esriJobFailed', messages: [{ type: 'esriJobMessageTypeError', description: 'boom' }] }],
    });
    const jobId = await submit(server);
    expect(await getJson(server.jobUrl(jobId), { returnMessages: 'false' })).toMatchObject({ jobStatus: 'esriJobFailed', messages: [] });
    expect(await getJson(server.jobUrl(jobId))).toMatchObject({ messages: [{ type: 'esriJobMessageTypeError', description: 'boom' }] });
  });

  it.each<[string, ScriptStep[], string[]]>([
    [
      'time out',
      [{ status: 'esriJobExecuting' }, { status: 'esriJobTimedOut' }],
      ['esriJobExecuting', 'esriJobTimedOut', 'esriJobTimedOut'],
    ],
    ['be deleted', [{ status: 'esriJobDeleting' }, { status: 'esriJobDeleted' }], ['esriJobDeleting', 'esriJobDeleted', 'esriJobDeleted']],
    [
      'report an unknown status',
      [{ status: 'esriJobPondering' }, { status: 'esriJobSucceeded' }],
      ['esriJobPondering', 'esriJobSucceeded', 'esriJobSucceeded'],
    ],
  ])('should let a job %s', async (_what, script, expected) => {
    const server = await startScriptedGpServer({ script });
    expect(await statuses(server, await submit(server), 3)).toEqual(expected);
  });

  it('should apply setScript to later jobs and setJobScript to one job', async () => {
    const server = await startScriptedGpServer();
    const first = await submit(server);
    server.setScript([{ status: 'esriJobFailed' }]);
    const second = await submit(server);
    expect(await statuses(server, first, 1)).toEqual(['esriJobSubmitted']);
    expect(await statuses(server, second, 1)).toEqual(['esriJobFailed']);
    server.setJobScript(first, [{ status: 'esriJobWaiting' }]);
    expect(await statuses(server, first, 2)).toEqual(['esriJobWaiting', 'esriJobWaiting']);
  });

  it('should hold each job on its step until advance in manual mode', async () => {
    const server = await startScriptedGpServer({
      advance: 'manual',
      script: [
        { status: 'esriJobSubmitted' },
        { status: 'esriJobExecuting', messages: [{ type: 'esriJobMessageTypeInformative', description: 'once' }] },
        { status: 'esriJobSucceeded' },
      ],
    });
    const a = await submit(server);
    const b = await submit(server);
    expect(await statuses(server, a, 2)).toEqual(['esriJobSubmitted', 'esriJobSubmitted']);
    server.advance(a);
    expect(await statuses(server, a, 2)).toEqual(['esriJobExecuting', 'esriJobExecuting']);
    expect((await getJson(server.jobUrl(a))).messages).toHaveLength(1);
    expect(await statuses(server, b, 1)).toEqual(['esriJobSubmitted']);
    server.advanceAll();
    server.advanceAll();
    expect(await statuses(server, a, 1)).toEqual(['esriJobSucceeded']);
    expect(await statuses(server, b, 1)).toEqual(['esriJobSucceeded']);
  });
});

describe('scripted GPServer faults', () => {
  const script = (fault: ScriptStep): ScriptStep[] => [{ status: 'esriJobExecuting' }, fault, { status: 'esriJobSucceeded' }];

  it('should answer HTTP 500 at the scripted request and then the job again', async () => {
    const server = await startScriptedGpServer({ script: script({ fault: { kind: 'http-status', status: 500 } }) });
    const jobId = await submit(server);
    const responses = [];
    for (let i = 0; i < 3; i++) responses.push(await fetch(`${server.jobUrl(jobId)}?f=json`));
    expect(responses.map((r) => r.status)).toEqual([200, 500, 200]);
    expect(await responses[2]?.json()).toMatchObject({ jobStatus: 'esriJobSucceeded' });
  });

  it('should answer malformed JSON', async () => {
    const server = await startScriptedGpServer({ script: script({ fault: { kind: 'malformed-json' } }) });
    const jobId = await submit(server);
    await getJson(server.jobUrl(jobId));
    const response = await fetch(`${server.jobUrl(jobId)}?f=json`);
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow(SyntaxError);
    expect(await getJson(server.jobUrl(jobId))).toMatchObject({ jobStatus: 'esriJobSucceeded' });
  });

  it('should reset the connection', async () => {
    const server = await startScriptedGpServer({ script: script({ fault: { kind: 'reset' } }) });
    const jobId = await submit(server);
    await getJson(server.jobUrl(jobId));
    await expect(fetch(`${server.jobUrl(jobId)}?f=json`)).rejects.toThrow(TypeError);
    expect(await getJson(server.jobUrl(jobId))).toMatchObject({ jobStatus: 'esriJobSucceeded' });
    expect(server.counts('status', jobId)).toBe(3);
    expect(server.inFlight('status')).toBe(0);
  });

  it('should answer an ArcGIS error body without changing the job', async () => {
    const errorBody = { code: 500, message: 'Internal error', details: ['scripted'] };
    const server = await startScriptedGpServer({ script: script({ fault: { kind: 'error-body', ...errorBody } }) });
    const jobId = await submit(server);
    expect(await getJson(server.jobUrl(jobId))).toMatchObject({ jobStatus: 'esriJobExecuting' });
    expect(await getJson(server.jobUrl(jobId))).toEqual({ error: errorBody });
    expect(await getJson(server.jobUrl(jobId))).toMatchObject({ jobStatus: 'esriJobSucceeded' });
  });

  it('should make a vanished job unknown on every job route from then on', async () => {
    const server = await startScriptedGpServer({
      script: [{ status: 'esriJobExecuting' }, { vanish: true }, { status: 'esriJobSucceeded' }],
    });
    const jobId = await submit(server);
    expect(await statuses(server, jobId, 1)).toEqual(['esriJobExecuting']);
    expect(await getJson(server.jobUrl(jobId))).toEqual(notFound(jobId));
    expect(await getJson(server.jobUrl(jobId))).toEqual(notFound(jobId));
    expect(await getJson(`${server.jobUrl(jobId)}/cancel`)).toEqual(notFound(jobId));
    expect(await getJson(`${server.jobUrl(jobId)}/results/Summary`)).toEqual(notFound(jobId));
  });
});

describe('scripted GPServer counts', () => {
  it('should count in-flight status requests per job while delayed answers are pending', async () => {
    const server = await startScriptedGpServer({ script: [{ status: 'esriJobExecuting', delayMs: 150 }] });
    const a = await submit(server);
    const b = await submit(server);
    const pending = [getJson(server.jobUrl(a)), getJson(server.jobUrl(a)), getJson(server.jobUrl(a)), getJson(server.jobUrl(b))];
    await expect.poll(() => server.inFlight('status'), { timeout: 2000, interval: 10 }).toBe(4);
    expect(server.inFlight('status', a)).toBe(3);
    await Promise.all(pending);
    expect(server.inFlight('status')).toBe(0);
    expect(server.maxInFlight('status', a)).toBe(3);
    expect(server.maxInFlight('status', b)).toBe(1);
    expect(server.maxInFlight('status')).toBe(4);
    expect(server.counts('status')).toBe(4);
    expect(server.counts('submitJob')).toBe(2);
    await getJson(server.jobUrl(a));
    expect(server.maxInFlight('status', a)).toBe(3);

    server.resetCounts();
    expect(server.counts('status')).toBe(0);
    expect(server.maxInFlight('status', a)).toBe(0);
    expect(() => server.lastQuery('status')).toThrow(/no status request/);
  });

  it('should record what the client sent, from the query or the form body', async () => {
    const server = await startScriptedGpServer();
    const jobId = await submit(server, { Text: 'hi', Count: '3', 'env:outSR': '3857' });
    expect(Object.fromEntries(server.lastQuery('submitJob'))).toEqual({ f: 'json', Text: 'hi', Count: '3', 'env:outSR': '3857' });
    await getJson(server.jobUrl(jobId), { returnMessages: 'false' });
    expect(server.lastQuery('status').get('returnMessages')).toBe('false');
  });
});

describe('scripted GPServer results, inputs and cancel', () => {
  it('should serve configured results once succeeded, echoing outSR', async () => {
    const server = await startScriptedGpServer({ script: [{ status: 'esriJobExecuting' }, { status: 'esriJobSucceeded' }] });
    const jobId = await submit(server, { Text: 'hello', Count: '7' });
    await getJson(server.jobUrl(jobId));
    expect(await getJson(`${server.jobUrl(jobId)}/results/Summary`)).toMatchObject({ error: { code: 400 } });
    const status = await getJson(server.jobUrl(jobId));
    const results = status.results as Record<string, { paramUrl: string }>;
    const features = await getJson(`${server.jobUrl(jobId)}/${results.Features?.paramUrl ?? ''}`, { outSR: '{"wkid":3857}' });
    expect(features).toEqual({
      paramName: 'Features',
      dataType: 'GPFeatureRecordSetLayer',
      value: SAMPLE_FEATURES,
      echo: { outSR: '{"wkid":3857}' },
    });
    expect(await getJson(`${server.jobUrl(jobId)}/results/summary`)).toEqual({
      paramName: 'Summary',
      dataType: 'GPString',
      value: 'processed',
    });
    expect(await getJson(`${server.jobUrl(jobId)}/inputs/Text`)).toEqual({ paramName: 'Text', dataType: 'GPString', value: 'hello' });
    expect(await getJson(`${server.jobUrl(jobId)}/inputs/Count`)).toEqual({ paramName: 'Count', dataType: 'GPLong', value: 7 });
    expect(server.counts('result', jobId)).toBe(3);
    expect(server.counts('input')).toBe(2);
  });

  it('should move a cancelled job through the cancel script', async () => {
    const server = await startScriptedGpServer({ script: [{ status: 'esriJobExecuting' }] });
    const jobId = await submit(server);
    await getJson(server.jobUrl(jobId));
    expect(await post(`${server.jobUrl(jobId)}/cancel`, {})).toMatchObject({ jobId, jobStatus: 'esriJobCancelling' });
    expect(await statuses(server, jobId, 2)).toEqual(['esriJobCancelled', 'esriJobCancelled']);
    expect(await post(`${server.jobUrl(jobId)}/cancel`, {})).toMatchObject({
      error: { code: 400, details: [expect.stringMatching(/cannot be cancelled/)] },
    });
    expect(server.counts('cancel', jobId)).toBe(2);
  });

  it('should use the cancel script set before the job was submitted', async () => {
    const server = await startScriptedGpServer({ script: [{ status: 'esriJobExecuting' }] });
    server.setCancelScript([{ status: 'esriJobCancelling' }, { status: 'esriJobCancelling' }, { status: 'esriJobSucceeded' }]);
    const jobId = await submit(server);
    server.setCancelScript([{ status: 'esriJobCancelled' }]);
    expect(await getJson(`${server.jobUrl(jobId)}/cancel`)).toMatchObject({ jobStatus: 'esriJobCancelling' });
    expect(await statuses(server, jobId, 2)).toEqual(['esriJobCancelling', 'esriJobSucceeded']);
  });

  it('should refuse to cancel a job that already succeeded', async () => {
    const server = await startScriptedGpServer({ script: [{ status: 'esriJobSucceeded' }] });
    const jobId = await submit(server);
    await getJson(server.jobUrl(jobId));
    expect(await getJson(`${server.jobUrl(jobId)}/cancel`)).toMatchObject({ error: { code: 400 } });
    expect(await statuses(server, jobId, 1)).toEqual(['esriJobSucceeded']);
  });
});

describe('scripted GPServer lifecycle', () => {
  it('should close with answers still pending', async () => {
    const server = await startScriptedGpServer({ script: [{ status: 'esriJobExecuting', delayMs: 5000 }] });
    const jobId = await submit(server);
    const pending = fetch(`${server.jobUrl(jobId)}?f=json`);
    await expect.poll(() => server.inFlight('status'), { timeout: 2000, interval: 10 }).toBe(1);
    await server.close();
    await expect(pending).rejects.toThrow(TypeError);
  });
});
