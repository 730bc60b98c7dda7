import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeJobId } from '../../resolvers/job-id.js';
import { startEmbeddedGateway, subscribeSse, type GraphQLResponse } from '../support/gateway-fixture.js';

const APP = 'app-key-0123456789';
const OPS = 'ops-key-0123456789';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function privateGateway(): Promise<{
  gql: <T = Record<string, unknown>>(key: string, query: string, variables?: Record<string, unknown>) => Promise<GraphQLResponse<T>>;
  graphqlUrl: string;
  upstream: Awaited<ReturnType<typeof startEmbeddedGateway>>['upstream'];
}> {
  const { graphqlUrl, upstream } = await startEmbeddedGateway({
    exposeUpstreamUrls: false,
    polling: { floorMs: 50, ceilingMs: 100 },
    access: {
      apiKeys: [
        { id: 'app', sha256: sha256(APP) },
        { id: 'ops', sha256: sha256(OPS) },
      ],
      upstreamUrlCallers: ['ops'],
    },
  });
  const gql = async <T>(key: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> => {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': key },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResponse<T>;
  };
  return { gql, graphqlUrl, upstream };
}

const SUBMIT = 'mutation { submitElevationStatisticsJob(input: { bandCount: 2, stepDelayMs: 0 }) { id service task jobId } }';
type Submitted = { submitElevationStatisticsJob: { id: string; service: string; task: string; jobId: string } };

describe('private upstream hosts', () => {
  it('should show GPService.url only to the callers named for it', async () => {
    const { gql, upstream } = await privateGateway();
    const asApp = await gql<{ services: { url: string | null }[] }>(APP, '{ services { name url } }');
    expect(asApp.data?.services.length).toBeGreaterThan(0);
    expect(asApp.data?.services.every((s) => s.url === null)).toBe(true);
    const asOps = await gql<{ services: { url: string | null }[] }>(OPS, '{ services { name url } }');
    expect(asOps.data?.services.every((s) => s.url?.startsWith(upstream.servicesUrl))).toBe(true);
  });

  it('should name the service in job ids by its catalog name, and still read ids that name its URL', async () => {
    const { gql, upstream } = await privateGateway();
    const submitted = (await gql<Submitted>(APP, SUBMIT)).data?.submitElevationStatisticsJob;
    if (!submitted) throw new Error('no job');
    const decoded = Buffer.from(submitted.id, 'base64url').toString('utf8');
    expect(decoded).toBe(`gpjob\n${submitted.service}\n${submitted.task}\n${submitted.jobId}`);
    expect(decoded).not.toContain(new URL(upstream.origin).host);

    // Re-attaching by hand: the service by name, or (as ids of earlier versions did) by URL.
    const serviceUrl = `${upstream.servicesUrl}/${submitted.service}/GPServer`;
    for (const service of [submitted.service, serviceUrl]) {
      const id = encodeJobId({ service, task: submitted.task, jobId: submitted.jobId });
      const found = await gql<{ job: { jobId: string; id: string } }>(APP, 'query ($id: ID!) { job(id: $id) { jobId id } }', { id });
      expect(found.data?.job).toEqual({ jobId: submitted.jobId, id: submitted.id });
    }
    const elsewhere = encodeJobId({ service: 'http://10.0.0.9/arcgis/rest/services/Other/GPServer', task: submitted.task, jobId: 'j1' });
    expect((await gql(APP, 'query ($id: ID!) { job(id: $id) { jobId } }', { id: elsewhere })).errors?.[0]?.extensions?.code).toBe(
      'JOB_NOT_FOUND',
    );
  });

  it('should take upstream URLs out of error messages and details, over HTTP and SSE, except for the named callers', async () => {
    const { gql, graphqlUrl, upstream } = await privateGateway();
    const host = new URL(upstream.origin).host;
    upstream.faults.inject({ action: { kind: 'http-status', status: 502 }, routes: ['execute'] });
    const run = 'mutation { runEchoAllTypes(input: { inLong: 1 }) { __typename } }';
    const asApp = await gql(APP, run);
    expect(asApp.errors?.[0]?.extensions).toMatchObject({ code: 'UPSTREAM_HTTP_ERROR', arcgisCode: 502 });
    expect(asApp.errors?.[0]?.message).toMatch(/^POST \[upstream\]\/.+\/GPServer\/.+ answered HTTP 502/);
    expect(JSON.stringify(asApp)).not.toContain(host);
    expect((await gql(OPS, run)).errors?.[0]?.message).toContain(host);

    upstream.faults.inject({
      action: { kind: 'error-body', code: 500, message: 'Failed.', details: [`could not read ${upstream.origin}/data/x.tif`] },
      routes: ['jobStatus'],
    });
    const submitted = (await gql<Submitted>(APP, SUBMIT)).data?.submitElevationStatisticsJob;
    const events = await subscribeSse<{ jobUpdates: { fault: { code: string; message: string } | null } }>(
      graphqlUrl,
      'subscription ($id: ID!) { jobUpdates(id: $id) { status fault { code message } } }',
      { id: submitted?.id },
      { headers: { 'x-api-key': APP }, until: (event) => event.data?.jobUpdates.fault != null },
    );
    expect(events.at(-1)?.data?.jobUpdates.fault).toMatchObject({
      code: 'UPSTREAM_ERROR',
      message: expect.stringContaining('[upstream]/'),
    });
    expect(JSON.stringify(events)).not.toContain(host);
  });
});
