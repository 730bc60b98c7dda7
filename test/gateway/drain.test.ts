import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { graphql, startEmbeddedGateway, subscribeSse, type GraphQLResponse } from '../support/gateway-fixture.js';
import { ManualClock } from '../support/manual-clock.js';

const SUBMIT = 'mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 5000 }) { id } }';
const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';
/** A mutation that runs about 1.2 s: `run<Task>` of an asynchronous task waits for its job. */
const SLOW = 'mutation { runElevationStatistics(input: { bandCount: 3, stepDelayMs: 400 }) { status } }';

describe('graceful drain', () => {
  it('should refuse new work at once, let running operations finish, and end subscriptions with a reason to reconnect', async () => {
    const { gateway, graphqlUrl, origin } = await startEmbeddedGateway({ polling: { floorMs: 100, ceilingMs: 200 } });
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(graphqlUrl, SUBMIT);
    const id = submitted.data?.submitElevationStatisticsJob.id ?? '';

    // Watchers on both transports, and an operation in flight.
    const sse = subscribeSse<{ jobUpdates: { status: string } }>(graphqlUrl, UPDATES, { id });
    const closes: number[] = [];
    const client = createClient({
      url: graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      on: { closed: (event) => closes.push((event as { code: number }).code) },
    });
    const wsEvents: unknown[] = [];
    const ws = new Promise<void>((resolve) => {
      client.subscribe(
        { query: UPDATES, variables: { id } },
        {
          next: (event) => wsEvents.push(event),
          error: () => {
            resolve();
          },
          complete: () => {
            resolve();
          },
        },
      );
    });
    await expect.poll(() => wsEvents.length).toBeGreaterThan(0);
    const slow = graphql<{ runElevationStatistics: { status: string } }>(graphqlUrl, SLOW);
    await expect.poll(() => gateway.hub.polling).toBeGreaterThan(1);

    const drained = gateway.drain(10_000);
    const ready = await fetch(`${origin}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'draining', dependencies: { schema: 'ready', redis: 'unused' }, draining: true });
    const refused = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');

    // The running mutation finishes with its result; only then do the subscriptions end.
    expect((await slow).data?.runElevationStatistics.status).toBe('SUCCEEDED');
    const report = await drained;
    expect(report.unfinished).toBe(0);
    const events = await sse;
    expect(events.at(-1)?.errors?.[0]?.extensions?.code).toBe('SHUTTING_DOWN');
    expect(events.slice(0, -1).every((event) => event.data?.jobUpdates.status !== undefined)).toBe(true);
    await ws;
    expect(closes).toEqual([1001]);
    await client.dispose();
  }, 30_000);

  it('should not wait past its timeout for an operation that does not finish', async () => {
    const { gateway, graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 100, ceilingMs: 200 } });
    const slow = graphql(graphqlUrl, 'mutation { runElevationStatistics(input: { bandCount: 3, stepDelayMs: 3000 }) { status } }');
    await expect.poll(() => gateway.hub.polling).toBeGreaterThan(0);
    const report = await gateway.drain(300);
    expect(report.unfinished).toBe(1);
    void slow.catch(() => undefined);
  });

  it('should keep serving for the drain delay once not ready, then refuse', async () => {
    const clock = new ManualClock({ start: Date.now() });
    const { gateway, graphqlUrl, origin } = await startEmbeddedGateway({ clock });
    const drained = gateway.drain(10_000, 5_000);
    await expect.poll(async () => (await fetch(`${origin}/readyz`)).status).toBe(503);
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    await clock.advance(5_000);
    await drained;
    const refused = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(refused.status).toBe(503);
  });

  it('should let a /files download that is under way finish before the stop', async () => {
    // The GPServer's answer to the file is held until the test lets it go: the download is surely under way.
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    let asked = (): void => undefined;
    const fileAsked = new Promise<void>((resolve) => (asked = resolve));
    const { gateway, graphqlUrl } = await startEmbeddedGateway({
      fetch: async (input, init) => {
        if (String(input instanceof Request ? input.url : input).includes('/directories/')) {
          asked();
          await held;
        }
        return fetch(input, init);
      },
    });
    const form = new FormData();
    form.set(
      'operations',
      JSON.stringify({
        query: 'mutation ($input: TableToPointsInput!) { runTableToPoints(input: $input) { results { outputFile { url } } } }',
        variables: { input: { inputTable: { upload: null } } },
      }),
    );
    form.set('map', JSON.stringify({ 0: ['variables.input.inputTable.upload'] }));
    form.set('0', new File(['x,y\n1,2\n'], 'p.csv'));
    const run = (await (
      await fetch(graphqlUrl, { method: 'POST', body: form, headers: { 'x-graphql-yoga-csrf': '1' } })
    ).json()) as GraphQLResponse<{
      runTableToPoints: { results: { outputFile: { url: string } } };
    }>;
    const url = run.data?.runTableToPoints.results.outputFile.url ?? '';
    expect(url).toContain('/files/');

    const download = fetch(url).then(async (response) => ({ status: response.status, body: await response.text() }));
    await fileAsked;
    let drained = false;
    const drain = gateway.drain(5_000).then((report) => {
      drained = true;
      return report;
    });
    // Uncounted, the drain would have ended at once: nothing else runs.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(drained).toBe(false);
    release();
    expect((await drain).unfinished).toBe(0);
    expect(await download).toMatchObject({ status: 200, body: expect.stringContaining('1') });
  });
});
