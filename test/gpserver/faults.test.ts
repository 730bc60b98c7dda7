import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../gpserver/faults/fault-injector.js';
import type { Route } from '../../gpserver/http/route.js';
import { isFinal, pollJob, rest, startGpServer } from '../support/gp-server-fixture.js';

const TASK = 'Analysis/ElevationStatistics/GPServer/ElevationStatistics';

describe('fault injection', () => {
  it('should inject nothing by default', async () => {
    const server = await startGpServer();
    const response = await fetch(`${server.servicesUrl}?f=json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('folders');
  });

  it('should answer an injected HTTP 5xx, then recover when the rule is spent', async () => {
    const server = await startGpServer();
    const fault = server.faults.inject({ action: { kind: 'http-status', status: 503 }, routes: ['directory'], times: 1 });
    expect((await fetch(`${server.servicesUrl}?f=json`)).status).toBe(503);
    expect((await fetch(`${server.servicesUrl}?f=json`)).status).toBe(200);
    expect(fault.fired).toBe(1);
  });

  it('should send malformed JSON', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'malformed-json' } });
    const text = await (await fetch(`${server.servicesUrl}?f=json`)).text();
    expect(() => JSON.parse(text) as unknown).toThrow(SyntaxError);
  });

  it('should reset the connection', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'reset' }, times: 1 });
    await expect(fetch(`${server.servicesUrl}?f=json`)).rejects.toThrow();
    expect((await fetch(`${server.servicesUrl}?f=json`)).status).toBe(200);
  });

  it('should add latency before answering', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'latency', ms: 150 }, routes: ['service'] });
    let answered = false;
    const slow = fetch(`${server.servicesUrl}/WorldViewshed/GPServer?f=json`).then(() => {
      answered = true;
    });
    // A request on another route overtakes the delayed one.
    await fetch(`${server.servicesUrl}?f=json`);
    expect(answered).toBe(false);
    await slow;
    expect(answered).toBe(true);
  });

  it('should answer the Nth status request of one job with an error body', async () => {
    const server = await startGpServer();
    const submitted = await rest(`${server.servicesUrl}/${TASK}/submitJob`, { Band_Count: 3, Step_Delay_Ms: 50 });
    const jobId = String(submitted.jobId);
    const jobUrl = `${server.servicesUrl}/${TASK}/jobs/${jobId}`;
    server.faults.inject({
      action: { kind: 'error-body', code: 500, message: 'Internal server error.' },
      routes: ['jobStatus'],
      jobId,
      nth: 2,
    });
    expect(await rest(jobUrl)).toHaveProperty('jobStatus');
    expect(await rest(jobUrl)).toEqual({ error: { code: 500, message: 'Internal server error.', details: [] } });
    const { status } = await pollJob(jobUrl, isFinal);
    expect(status.jobStatus).toBe('esriJobSucceeded');
    expect(server.requests.count('jobStatus', jobId)).toBeGreaterThanOrEqual(3);
  });

  it('should count requests by route and by job', async () => {
    const server = await startGpServer();
    await rest(server.servicesUrl);
    await rest(`${server.servicesUrl}/Elevation`);
    expect(server.requests.count('directory')).toBe(2);
    expect(server.requests.count('execute')).toBe(0);
  });

  it("should drop a rule once spent, and a forgotten job's counts", () => {
    const injector = new FaultInjector();
    const status = (jobId: string): Route => ({
      kind: 'jobStatus',
      service: 'Analysis/ElevationStatistics',
      task: 'ElevationStatistics',
      jobId,
    });
    injector.inject({ action: { kind: 'reset' }, routes: ['jobStatus'], times: 2 });
    expect(injector.match(status('a'))).toHaveLength(1);
    expect(injector.match(status('b'))).toHaveLength(1);
    expect(injector.activeRules).toBe(0);
    expect(injector.match(status('c'))).toHaveLength(0);
    injector.inject({ action: { kind: 'malformed-json' }, routes: ['jobStatus'], nth: 2 });
    expect(injector.match(status('a'))).toHaveLength(0);
    injector.forgetJob('a');
    expect(injector.match(status('a'))).toHaveLength(0);
    expect(injector.match(status('a'))).toHaveLength(1);
  });
});
