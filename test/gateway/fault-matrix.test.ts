import { describe, expect, it } from 'vitest';
import { graphql, startGateway, subscribeSse, type GraphQLResponse } from '../support/gateway-fixture.js';
import { ASYNC_SERVICE, startScriptedGpServer, type ScriptStep } from '../support/scripted-gpserver.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const SUBMIT = 'mutation { submitProcessJob(input: { text: "x" }) { id jobId } }';
const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final fault { code message } } }';

interface Update {
  status: string;
  final: boolean;
  fault: { code: string; message: string } | null;
}

const statusesOf = (events: GraphQLResponse<{ jobUpdates: Update }>[]): string[] =>
  events.flatMap((e) => (e.data ? [e.data.jobUpdates.status] : []));
const faultsOf = (events: GraphQLResponse<{ jobUpdates: Update }>[]): string[] =>
  events.flatMap((e) => (e.data?.jobUpdates.fault ? [e.data.jobUpdates.fault.code] : []));

/**
 * Each upstream fault while a job is watched: the gateway does not crash (vitest fails the run on
 * an unhandled rejection), the subscriber is told with a code once the fault persists, and nothing
 * is lost: the stream goes on to the job's final status once the upstream recovers.
 */
describe('fault matrix while polling a job', () => {
  const faults: [string, ScriptStep, string, number?][] = [
    ['HTTP 5xx', { fault: { kind: 'http-status', status: 500 } }, 'UPSTREAM_HTTP_ERROR'],
    ['an HTTP-200 error body', { fault: { kind: 'error-body', code: 500, message: 'Internal error.' } }, 'UPSTREAM_ERROR'],
    ['malformed JSON', { fault: { kind: 'malformed-json' } }, 'UPSTREAM_INVALID_RESPONSE'],
    ['a connection reset', { fault: { kind: 'reset' } }, 'UPSTREAM_UNREACHABLE'],
    // undici's timeouts tick at about 0.5 s: a 150-ms budget fires within a second, well before 1.5 s.
    ['an answer slower than the timeout', { status: 'esriJobExecuting', delayMs: 1_500 }, 'UPSTREAM_TIMEOUT', 150],
  ];
  it.each(faults)('should survive %s, report it, and reach the final status', async (_name, step, code, timeoutMs) => {
    const upstream = await startScriptedGpServer({
      script: [
        { status: 'esriJobExecuting' },
        step,
        step,
        step,
        { status: 'esriJobExecuting', progress: 50 },
        { status: 'esriJobSucceeded' },
      ],
    });
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
      polling: { floorMs: 10, ceilingMs: 40, errorBackoffCapMs: 40 },
      ...(timeoutMs ? { upstreamTimeoutMs: timeoutMs } : {}),
    });
    const submitted = await graphql<{ submitProcessJob: { id: string } }>(gateway.graphqlUrl, SUBMIT);
    const events = await subscribeSse<{ jobUpdates: Update }>(gateway.graphqlUrl, UPDATES, { id: submitted.data?.submitProcessJob.id });
    expect(faultsOf(events)).toContain(code);
    // A fault says which service failed, never where it runs (README › Errors).
    const text = JSON.stringify(events);
    expect(text).toContain('[upstream]/Jobs/Scripted/GPServer/Process/jobs/');
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toContain(`:${new URL(upstream.origin).port}`);
    expect(statusesOf(events).at(-1)).toBe('SUCCEEDED');
    expect(events.at(-1)?.data?.jobUpdates.fault).toBeNull();
  });

  it('should carry watchers through an upstream restart', async () => {
    const upstream = await startScriptedGpServer({
      script: [{ status: 'esriJobExecuting' }, { status: 'esriJobExecuting', progress: 50 }, { status: 'esriJobSucceeded' }],
    });
    const proxy = await startTcpProxy(Number(new URL(upstream.origin).port));
    const serviceUrl = upstream.serviceUrl(ASYNC_SERVICE).replace(/:\d+\//, `:${proxy.port}/`);
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: serviceUrl }],
      polling: { floorMs: 20, ceilingMs: 40, errorBackoffCapMs: 80 },
    });
    const submitted = await graphql<{ submitProcessJob: { id: string } }>(gateway.graphqlUrl, SUBMIT);
    await proxy.stop();
    const stream = subscribeSse<{ jobUpdates: Update }>(gateway.graphqlUrl, UPDATES, { id: submitted.data?.submitProcessJob.id });
    await new Promise((resolve) => setTimeout(resolve, 400));
    await proxy.start();
    const events = await stream;
    expect(faultsOf(events)).toContain('UPSTREAM_UNREACHABLE');
    expect(statusesOf(events).at(-1)).toBe('SUCCEEDED');
  });
});
