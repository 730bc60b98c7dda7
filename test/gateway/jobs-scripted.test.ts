import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { encodeJobId } from '../../resolvers/job-id.js';
import { graphql, startGateway, subscribeSse, type GraphQLResponse, type RunningGateway } from '../support/gateway-fixture.js';
import { ManualClock } from '../support/manual-clock.js';
import { ASYNC_SERVICE, startScriptedGpServer, type ScriptStep, type ScriptedGpServer } from '../support/scripted-gpserver.js';

const SUBMIT = 'mutation ($key: String) { submitProcessJob(input: { text: "hello" }, idempotencyKey: $key) { id jobId status } }';
const UPDATES = /* GraphQL */ `
  subscription ($id: ID!) {
    jobUpdates(id: $id) {
      status
      upstreamStatus
      final
      fault {
        code
      }
      progress {
        percent
      }
      newMessages {
        description
      }
    }
  }
`;

interface Update {
  status: string;
  upstreamStatus: string;
  final: boolean;
  fault: { code: string } | null;
  progress: { percent: number | null } | null;
}

async function setup(
  script: readonly ScriptStep[],
  options: { clock?: ManualClock; advance?: 'per-request' | 'manual' } = {},
): Promise<{
  upstream: ScriptedGpServer;
  gateway: RunningGateway;
}> {
  const upstream = await startScriptedGpServer({ script, advance: options.advance ?? 'per-request' });
  const gateway = await startGateway({
    sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
    polling: { floorMs: 10, ceilingMs: 40, graceMs: 100, jitter: 0 },
    ...(options.clock ? { clock: options.clock, polling: { floorMs: 1000, ceilingMs: 1000, graceMs: 2000, jitter: 0 } } : {}),
  });
  return { upstream, gateway };
}

async function submit(gateway: RunningGateway, key?: string): Promise<{ id: string; jobId: string }> {
  const response = await graphql<{ submitProcessJob: { id: string; jobId: string } }>(gateway.graphqlUrl, SUBMIT, key ? { key } : {});
  expect(response.errors).toBeUndefined();
  return response.data?.submitProcessJob ?? { id: '', jobId: '' };
}

async function updates(gateway: RunningGateway, id: string): Promise<GraphQLResponse<{ jobUpdates: Update }>[]> {
  return subscribeSse<{ jobUpdates: Update }>(gateway.graphqlUrl, UPDATES, { id });
}

const statuses = (events: GraphQLResponse<{ jobUpdates: Update }>[]): string[] =>
  events.flatMap((e) => (e.data ? [e.data.jobUpdates.status] : []));

/** Waits (bounded) until `check` holds; for upstream requests that the manual clock set off over real HTTP. */
async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 60));

describe('job status paths', () => {
  const paths: [string, ScriptStep[], string[]][] = [
    [
      'waiting then succeeded',
      [
        { status: 'esriJobSubmitted' },
        { status: 'esriJobWaiting' },
        { status: 'esriJobExecuting', progress: 50 },
        { status: 'esriJobSucceeded' },
      ],
      ['SUBMITTED', 'WAITING', 'EXECUTING', 'SUCCEEDED'],
    ],
    [
      'failed',
      [{ status: 'esriJobExecuting' }, { status: 'esriJobFailed', messages: [{ type: 'esriJobMessageTypeError', description: 'boom' }] }],
      ['SUBMITTED', 'EXECUTING', 'FAILED'],
    ],
    ['timed out', [{ status: 'esriJobExecuting' }, { status: 'esriJobTimedOut' }], ['SUBMITTED', 'EXECUTING', 'TIMED_OUT']],
    [
      'deleted',
      [{ status: 'esriJobNew' }, { status: 'esriJobExecuting' }, { status: 'esriJobDeleting' }, { status: 'esriJobDeleted' }],
      ['SUBMITTED', 'NEW', 'EXECUTING', 'DELETING', 'DELETED'],
    ],
    [
      'cancelled upstream',
      [{ status: 'esriJobExecuting' }, { status: 'esriJobCancelling' }, { status: 'esriJobCancelled' }],
      ['SUBMITTED', 'EXECUTING', 'CANCELLING', 'CANCELLED'],
    ],
  ];
  it.each(paths)('should stream %s in order and complete', async (_name, script, expected) => {
    const { gateway } = await setup(script);
    const { id } = await submit(gateway);
    const events = await updates(gateway, id);
    expect(statuses(events)).toEqual(expected);
    expect(events.at(-1)?.data?.jobUpdates.final).toBe(true);
  });

  it('should cancel mid-run through CANCELLING to CANCELLED', async () => {
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting', progress: 10 }], { advance: 'per-request' });
    upstream.setCancelScript([{ status: 'esriJobCancelling' }, { status: 'esriJobCancelled' }]);
    const { id } = await submit(gateway);
    const events = updates(gateway, id);
    const cancel = await graphql<{ cancelJob: { status: string } }>(
      gateway.graphqlUrl,
      'mutation ($id: ID!) { cancelJob(id: $id) { status } }',
      { id },
    );
    expect(cancel.data?.cancelJob.status).toBe('CANCELLING');
    expect(statuses(await events).slice(-2)).toEqual(['CANCELLING', 'CANCELLED']);
    expect(upstream.counts('cancel')).toBe(1);
  });

  it('should keep polling through an unknown status', async () => {
    const { gateway } = await setup([{ status: 'esriJobExecuting' }, { status: 'esriJobPondering' }, { status: 'esriJobSucceeded' }]);
    const { id } = await submit(gateway);
    const events = await updates(gateway, id);
    expect(events.map((e) => e.data?.jobUpdates.upstreamStatus)).toContain('esriJobPondering');
    expect(statuses(events)).toEqual(['SUBMITTED', 'EXECUTING', 'UNKNOWN', 'SUCCEEDED']);
  });

  it('should report progress in order', async () => {
    const { gateway } = await setup(
      [10, 40, 70, 95]
        .map((percent) => ({ status: 'esriJobExecuting', progress: percent }))
        .concat([{ status: 'esriJobSucceeded' } as never]),
    );
    const { id } = await submit(gateway);
    const percents = (await updates(gateway, id)).flatMap((e) =>
      e.data?.jobUpdates.progress?.percent != null ? [e.data.jobUpdates.progress.percent] : [],
    );
    expect(percents).toEqual([10, 40, 70, 95]);
  });
});

describe('upstream faults while polling', () => {
  it('should surface a fault only after three consecutive failures, then clear it', async () => {
    const { gateway } = await setup([
      { status: 'esriJobExecuting' },
      { fault: { kind: 'http-status', status: 500 } },
      { fault: { kind: 'malformed-json' } },
      { fault: { kind: 'http-status', status: 500 } },
      { status: 'esriJobExecuting' },
      { status: 'esriJobSucceeded' },
    ]);
    const { id } = await submit(gateway);
    const faults = (await updates(gateway, id)).map((e) => e.data?.jobUpdates.fault?.code ?? null);
    expect(faults).toContain('UPSTREAM_HTTP_ERROR');
    expect(faults.indexOf('UPSTREAM_HTTP_ERROR')).toBeGreaterThan(0);
    expect(faults.at(-1)).toBeNull();
  });

  it('should end the subscription with JOB_NOT_FOUND when the job vanishes upstream', async () => {
    const { gateway } = await setup([{ status: 'esriJobExecuting' }, { vanish: true }]);
    const { id } = await submit(gateway);
    const events = await updates(gateway, id);
    expect(statuses(events)).toEqual(['SUBMITTED', 'EXECUTING']);
    expect(events.at(-1)?.errors?.[0]?.extensions).toMatchObject({ code: 'JOB_NOT_FOUND' });
  });
});

describe('one upstream poll loop per job', () => {
  it('should make one status request per interval for 1,000 subscribers', async () => {
    const clock = new ManualClock();
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting', progress: 5 }], { clock, advance: 'manual' });
    const { id, jobId } = await submit(gateway);
    const clients = Array.from({ length: 10 }, () =>
      createClient({ url: `${gateway.origin.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 }),
    );
    let firstEvents = 0;
    const stops = clients.flatMap((client) =>
      Array.from({ length: 100 }, () => {
        let first = true;
        return client.subscribe(
          { query: UPDATES, variables: { id } },
          {
            next: () => {
              if (first) firstEvents++;
              first = false;
            },
            error: () => undefined,
            complete: () => undefined,
          },
        );
      }),
    );
    try {
      await until(() => firstEvents === 1000, '1,000 first events');
      await until(() => upstream.counts('status', jobId) === 1, 'the first poll');
      for (let interval = 2; interval <= 6; interval++) {
        await clock.advance(1000);
        await until(() => upstream.counts('status', jobId) === interval, `poll ${interval}`);
        await settle();
        expect(upstream.counts('status', jobId)).toBe(interval);
      }
      expect(upstream.maxInFlight('status', jobId)).toBe(1);
    } finally {
      for (const stop of stops) stop();
      for (const client of clients) void client.dispose();
    }
  });

  it('should never have two status requests in flight when the upstream is slower than the interval', async () => {
    const { gateway, upstream } = await setup([
      { status: 'esriJobExecuting', delayMs: 120 },
      { status: 'esriJobExecuting', progress: 30, delayMs: 120 },
      { status: 'esriJobExecuting', progress: 60, delayMs: 120 },
      { status: 'esriJobSucceeded', delayMs: 120 },
    ]);
    const { id, jobId } = await submit(gateway);
    await Promise.all([updates(gateway, id), updates(gateway, id), updates(gateway, id)]);
    expect(upstream.counts('status', jobId)).toBeGreaterThanOrEqual(4);
    expect(upstream.maxInFlight('status', jobId)).toBe(1);
  });

  it('should stop polling when the last subscriber leaves', async () => {
    const clock = new ManualClock();
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting' }], { clock, advance: 'manual' });
    const { id, jobId } = await submit(gateway);
    const client = createClient({ url: `${gateway.origin.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    let events = 0;
    const stop = client.subscribe(
      { query: UPDATES, variables: { id } },
      {
        next: () => {
          events++;
        },
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await until(() => events >= 1, 'the first event');
    await until(() => upstream.counts('status', jobId) === 1, 'the first poll');
    stop();
    await client.dispose();
    await until(() => clock.pendingSleeps >= 2, 'the grace period to start');
    await clock.advance(2000);
    const after = upstream.counts('status', jobId);
    await clock.advance(60_000);
    await settle();
    expect(upstream.counts('status', jobId)).toBe(after);
    expect(upstream.inFlight('status')).toBe(0);
  });
});

describe('lazy results', () => {
  const done: ScriptStep[] = [{ status: 'esriJobExecuting' }, { status: 'esriJobSucceeded' }];

  it('should fetch no result for a status-only query, one for one output, one for K aliases of it', async () => {
    const { gateway, upstream } = await setup(done);
    const { id } = await submit(gateway);
    await updates(gateway, id);
    const read = (selection: string) =>
      graphql(gateway.graphqlUrl, `query ($id: ID!) { job(id: $id) { status ... on ProcessJob { ${selection} } } }`, { id });
    await read('');
    expect(upstream.counts('result')).toBe(0);
    const one = await read('results { summary }');
    expect(one.data).toMatchObject({ job: { status: 'SUCCEEDED', results: { summary: 'processed' } } });
    expect(upstream.counts('result')).toBe(1);
    await read('results { a: features { featureCount } b: features { data } c: features { format } }');
    expect(upstream.counts('result')).toBe(2);
    // Finished jobs' results are shared across requests.
    await read('results { summary features { featureCount } }');
    expect(upstream.counts('result')).toBe(2);
  });

  it('should pass outSR and ask for WGS84 when GeoJSON is selected', async () => {
    const { gateway, upstream } = await setup(done);
    const { id } = await submit(gateway);
    await updates(gateway, id);
    await graphql(
      gateway.graphqlUrl,
      'query ($id: ID!) { job(id: $id) { ... on ProcessJob { results { features(outSR: 3857) { featureCount } } } } }',
      { id },
    );
    expect(upstream.lastQuery('result').get('outSR')).toBe('3857');
    const geo = await graphql<{ job: { results: { features: { data: { type: string } } } } }>(
      gateway.graphqlUrl,
      'query ($id: ID!) { job(id: $id) { ... on ProcessJob { results { features(format: GEOJSON) { data } } } } }',
      { id },
    );
    expect(upstream.lastQuery('result').get('outSR')).toBe('4326');
    expect(geo.data?.job.results.features.data.type).toBe('FeatureCollection');
  });

  it('should keep results null until the job succeeds', async () => {
    const { gateway } = await setup([{ status: 'esriJobExecuting' }], { advance: 'manual' });
    const { id } = await submit(gateway);
    const response = await graphql(
      gateway.graphqlUrl,
      'query ($id: ID!) { job(id: $id) { status ... on ProcessJob { results { summary } } } }',
      { id },
    );
    expect(response.data).toMatchObject({ job: { results: null } });
  });
});

describe('submitting and re-attaching', () => {
  it('should return the same job for a retried submit with the same idempotency key', async () => {
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting' }]);
    const first = await submit(gateway, 'order-42');
    const second = await submit(gateway, 'order-42');
    expect(second.id).toBe(first.id);
    expect(upstream.counts('submitJob')).toBe(1);
    expect((await submit(gateway, 'order-43')).id).not.toBe(first.id);
  });

  it('should watch a job submitted elsewhere through its formed id', async () => {
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting' }, { status: 'esriJobSucceeded' }]);
    const submitted = (await (await fetch(`${upstream.serviceUrl(ASYNC_SERVICE)}/Process/submitJob?f=json&Text=direct`)).json()) as {
      jobId: string;
    };
    const id = encodeJobId({ service: upstream.serviceUrl(ASYNC_SERVICE), task: 'Process', jobId: submitted.jobId });
    expect(statuses(await updates(gateway, id)).at(-1)).toBe('SUCCEEDED');
  });

  it('should refuse ids that name another host or task, revealing nothing', async () => {
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting' }]);
    for (const ref of [
      { serviceUrl: 'http://169.254.169.254/latest/meta-data/GPServer', task: 'Process', jobId: 'j1' },
      { serviceUrl: upstream.serviceUrl(ASYNC_SERVICE), task: 'Other', jobId: 'j1' },
    ]) {
      const response = await graphql(gateway.graphqlUrl, 'query ($id: ID!) { job(id: $id) { status } }', {
        id: encodeJobId({ service: ref.serviceUrl, task: ref.task, jobId: ref.jobId }),
      });
      expect(response.errors?.[0]?.extensions).toMatchObject({ code: 'JOB_NOT_FOUND' });
    }
    expect(upstream.counts('status')).toBe(0);
  });

  it('should submit any task untyped with submitJob', async () => {
    const { gateway, upstream } = await setup([{ status: 'esriJobExecuting' }]);
    const response = await graphql<{ submitJob: { status: string; task: string } }>(
      gateway.graphqlUrl,
      'mutation { submitJob(service: "Jobs/Scripted", task: "Process", parameters: { Text: "raw", Count: 3 }) { status task } }',
    );
    expect(response.data?.submitJob).toMatchObject({ task: 'Process' });
    expect(upstream.lastQuery('submitJob').get('Count')).toBe('3');
    expect(upstream.lastQuery('submitJob').get('Text')).toBe('raw');
  });
});
