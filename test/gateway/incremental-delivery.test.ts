/**
 * `@defer` and `@stream` (incremental delivery): a job's status at once, its results when fetched.
 * Read by clients the project did not write: urql over HTTP (it asks for `multipart/mixed` and
 * merges the parts itself), and graphql-ws (one `next` message per part).
 */
import { Client, fetchExchange, gql } from '@urql/core';
import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { GpServer } from '../../gpserver/server.js';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';

const FINISHED_JOB = 'mutation { runElevationStatistics(input: { bandCount: 2, stepDelayMs: 0 }) { id status } }';

/** Every part of one operation over graphql-ws. */
async function partsOverWs(graphqlUrl: string, query: string, variables: Record<string, unknown>): Promise<Record<string, unknown>[]> {
  const client = createClient({ url: graphqlUrl.replace('http', 'ws'), webSocketImpl: WebSocket, retryAttempts: 0 });
  const parts: Record<string, unknown>[] = [];
  try {
    for await (const part of client.iterate({ query, variables })) parts.push(part as Record<string, unknown>);
  } finally {
    await client.dispose();
  }
  return parts;
}

/** The status now; the bands (one upstream result fetch, held back 1.5 s) in a deferred part. */
const STATUS_THEN_RESULTS = gql`
  query ($id: ID!) {
    job(id: $id) {
      status
      ... on ElevationStatisticsJob @defer(label: "results") {
        results {
          bandStatistics {
            featureCount
          }
        }
      }
    }
  }
`;

interface JobAnswer {
  job: { status: string; results?: { bandStatistics: { featureCount: number } } };
}

async function finishedJob(
  options: Parameters<typeof startEmbeddedGateway>[0] = {},
): Promise<{ graphqlUrl: string; id: string; hold: () => void; upstream: GpServer }> {
  const { graphqlUrl, upstream } = await startEmbeddedGateway(options);
  const run = await graphql<{ runElevationStatistics: { id: string; status: string } }>(graphqlUrl, FINISHED_JOB);
  expect(run.data?.runElevationStatistics.status).toBe('SUCCEEDED');
  return {
    graphqlUrl,
    id: run.data?.runElevationStatistics.id ?? '',
    upstream,
    hold: () => {
      upstream.faults.inject({ action: { kind: 'latency', ms: 1500 }, routes: ['jobResult'], times: 1 });
    },
  };
}

describe('incremental delivery (@defer)', () => {
  it('sends the status first and the deferred results after, to urql over HTTP multipart', async () => {
    const { graphqlUrl, id, hold } = await finishedJob();
    hold();
    const client = new Client({ url: graphqlUrl, exchanges: [fetchExchange], requestPolicy: 'network-only' });
    const seen: { status?: string; results?: unknown; hasNext: boolean }[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.query<JobAnswer>(STATUS_THEN_RESULTS, { id }).subscribe((result) => {
        if (result.error) {
          reject(result.error);
          return;
        }
        seen.push({ status: result.data?.job.status, results: result.data?.job.results, hasNext: result.hasNext });
        if (!result.hasNext) {
          subscription.unsubscribe();
          resolve();
        }
      });
    });
    expect(seen.length).toBeGreaterThanOrEqual(2);
    expect(seen[0]).toEqual({ status: 'SUCCEEDED', results: undefined, hasNext: true });
    expect(seen.at(-1)).toEqual({ status: 'SUCCEEDED', results: { bandStatistics: { featureCount: 2 } }, hasNext: false });
  });

  it('sends the parts as separate graphql-ws messages', async () => {
    const { graphqlUrl, id, hold } = await finishedJob();
    hold();
    const parts = await partsOverWs(graphqlUrl, STATUS_THEN_RESULTS.loc?.source.body ?? '', { id });
    expect(parts[0]).toMatchObject({ data: { job: { status: 'SUCCEEDED' } }, hasNext: true });
    expect((parts[0]?.data as JobAnswer).job.results).toBeUndefined();
    expect(parts.at(-1)).toMatchObject({
      incremental: [{ data: { results: { bandStatistics: { featureCount: 2 } } }, path: ['job'], label: 'results' }],
      hasNext: false,
    });
  });

  it('answers a plain JSON client that did not ask for parts with a clear error, and @stream validates', async () => {
    const { graphqlUrl, id } = await finishedJob();
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: STATUS_THEN_RESULTS.loc?.source.body, variables: { id } }),
    });
    expect(response.status).toBe(406);
    const streamOnScalar = await graphql(graphqlUrl, 'query ($id: ID!) { job(id: $id) { status @stream } }', { id });
    expect(streamOnScalar.errors?.[0]?.message).toMatch(/Stream directive cannot be used on non-list field/);
  });

  it('masks a deferred part that fails upstream as the first part would be: code, no stack, no private host', async () => {
    const { graphqlUrl, id, upstream } = await finishedJob({ exposeUpstreamUrls: false });
    upstream.faults.inject({ action: { kind: 'http-status', status: 500 }, routes: ['jobResult'], times: 1 });
    const parts = await partsOverWs(graphqlUrl, STATUS_THEN_RESULTS.loc?.source.body ?? '', { id });
    const last = JSON.stringify(parts.at(-1));
    expect(parts.at(-1)).toMatchObject({ incremental: [{ errors: [{ extensions: { code: 'UPSTREAM_HTTP_ERROR' } }] }], hasNext: false });
    expect(last).not.toContain(new URL(upstream.servicesUrl).host);
    expect(last).not.toMatch(/stack|at [A-Za-z]+ \(/);
  });

  it("streams a job's messages with @stream, the first at once", async () => {
    const { graphqlUrl, id } = await finishedJob();
    const parts = await partsOverWs(graphqlUrl, 'query ($id: ID!) { job(id: $id) { messages @stream(initialCount: 1) { description } } }', {
      id,
    });
    const first = parts[0] as { data: { job: { messages: unknown[] } }; hasNext: boolean };
    expect(first.data.job.messages).toHaveLength(1);
    expect(first.hasNext).toBe(true);
    const streamed = parts
      .slice(1)
      .flatMap((part) => (part as { incremental?: { items: unknown[] }[] }).incremental ?? [])
      .flatMap((e) => e.items);
    const all = await graphql<{ job: { messages: unknown[] } }>(
      graphqlUrl,
      'query ($id: ID!) { job(id: $id) { messages { description } } }',
      { id },
    );
    expect([...first.data.job.messages, ...streamed]).toEqual(all.data?.job.messages);
  });

  it('defers within each event of a subscription: status first, then the deferred messages, event by event', async () => {
    const { graphqlUrl } = await finishedJob();
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
      graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 2, stepDelayMs: 100 }) { id } }',
    );
    const parts = await partsOverWs(
      graphqlUrl,
      'subscription ($id: ID!) { jobUpdates(id: $id) { status ... @defer { messages { description } } } }',
      { id: submitted.data?.submitElevationStatisticsJob.id },
    );
    // Parts alternate: an event's status (hasNext), then its deferred messages (hasNext false).
    expect(parts.length % 2).toBe(0);
    for (let i = 0; i < parts.length; i += 2) {
      expect(parts[i]).toMatchObject({ data: { jobUpdates: { status: expect.any(String) as string } }, hasNext: true });
      expect(parts[i + 1]).toMatchObject({
        incremental: [{ path: ['jobUpdates'], data: { messages: expect.any(Array) as unknown[] } }],
        hasNext: false,
      });
    }
    expect(parts.at(-2)).toMatchObject({ data: { jobUpdates: { status: 'SUCCEEDED' } } });
  });
});
