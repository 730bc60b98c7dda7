import { describe, expect, it } from 'vitest';
import { startTracing } from '../../gateway/telemetry/start-tracing.js';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';
import { startOtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

const byName = (spans: readonly ReceivedSpan[], name: string | RegExp): ReceivedSpan[] =>
  spans.filter((span) => (typeof name === 'string' ? span.name === name : name.test(span.name)));

describe('tracing (OpenTelemetry)', () => {
  it('should export the operation, its upstream requests and the job polls over OTLP, continuing the caller’s trace', async () => {
    const receiver = await startOtlpReceiver();
    const tracing = startTracing({ endpoint: receiver.endpoint, version: '9.9.9' });
    const upstreamHeaders: Headers[] = [];
    const { graphqlUrl } = await startEmbeddedGateway({
      tracer: tracing.tracer,
      polling: { floorMs: 50, ceilingMs: 100 },
      fetch: (input, init) => {
        upstreamHeaders.push(new Headers(init?.headers));
        return fetch(input, init);
      },
    });
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
      body: JSON.stringify({
        query: 'mutation Stats { runElevationStatistics(input: { bandCount: 3, stepDelayMs: 50 }) { status } }',
      }),
    });
    expect(await response.json()).toEqual({ data: { runElevationStatistics: { status: 'SUCCEEDED' } } });
    const failed = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query Missing { job(id: "bm90LWFuLWlk") { status } }' }),
    });
    expect(((await failed.json()) as { errors?: unknown[] }).errors).toHaveLength(1);
    await tracing.shutdown();

    const [operation] = byName(receiver.spans, 'mutation Stats');
    expect(operation).toMatchObject({
      traceId: TRACE_ID,
      parentSpanId: CALLER_SPAN,
      kind: 2, // SERVER
      attributes: { 'graphql.operation.type': 'mutation', 'graphql.operation.name': 'Stats', 'gpgw.caller': 'anonymous' },
      resource: { 'service.name': 'gp-graphql-gateway', 'service.version': '9.9.9' },
    });
    const [submit] = byName(receiver.spans, 'POST submitJob');
    expect(submit).toMatchObject({ traceId: TRACE_ID, parentSpanId: operation?.spanId, kind: 3 /* CLIENT */ });
    expect(submit?.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.response.status_code': 200,
      'server.address': '127.0.0.1',
    });
    expect(String(submit?.attributes['url.full'])).toMatch(/\/GPServer\/ElevationStatistics\/submitJob$/);

    // Each poll is a trace of its own, its status request a child of it.
    const polls = byName(receiver.spans, 'poll job');
    expect(polls.length).toBeGreaterThan(0);
    const statusRequests = byName(receiver.spans, 'GET job_status');
    for (const poll of polls) {
      expect(poll.traceId).not.toBe(TRACE_ID);
      expect(poll.parentSpanId ?? '').toBe('');
      expect(statusRequests.some((request) => request.parentSpanId === poll.spanId)).toBe(true);
    }
    expect(polls.at(-1)?.attributes['gpgw.job.status']).toBe('esriJobSucceeded');

    // The GPServer was sent the trace on: the submit request carried its own span as parent.
    expect(upstreamHeaders.some((headers) => headers.get('traceparent') === `00-${TRACE_ID}-${submit?.spanId}-01`)).toBe(true);

    const [missing] = byName(receiver.spans, 'query Missing');
    expect(missing?.status).toMatchObject({ code: 2, message: 'JOB_NOT_FOUND' });
    expect(missing?.attributes['gpgw.error.codes']).toEqual(['JOB_NOT_FOUND']);
  });

  it('should continue a graphql-ws client’s trace from connection_init, and span a subscription until its stream ends', async () => {
    const receiver = await startOtlpReceiver();
    const tracing = startTracing({ endpoint: receiver.endpoint });
    const { origin, graphqlUrl } = await startEmbeddedGateway({ tracer: tracing.tracer, polling: { floorMs: 50, ceilingMs: 100 } });
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
      graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 50 }) { id } }',
    );
    const client = createClient({
      url: `${origin.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    });
    const statuses: unknown[] = [];
    for await (const event of client.iterate<{ jobUpdates: { status: string } }>({
      query: 'subscription Watch($id: ID!) { jobUpdates(id: $id) { status } }',
      variables: { id: submitted.data?.submitElevationStatisticsJob.id },
    }))
      statuses.push(event.data?.jobUpdates.status);
    await client.dispose();
    await tracing.shutdown();
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    const [watch] = byName(receiver.spans, 'subscription Watch');
    expect(watch).toMatchObject({ traceId: TRACE_ID, parentSpanId: CALLER_SPAN, attributes: { 'gpgw.events': statuses.length } });
  });
});
