import { describe, expect, it } from 'vitest';
import { upstreamEndpoint } from '../../gateway/metrics/upstream-endpoint.js';
import { graphql, startEmbeddedGateway, subscribeWs } from '../support/gateway-fixture.js';
import { has, parsePrometheusText, sumOf, type Sample } from '../support/prometheus-text.js';

const BUFFER = /* GraphQL */ `
  mutation ($input: BufferInput!) {
    runBuffer(input: $input) {
      results {
        outputPolygons(format: GEOJSON) {
          featureCount
        }
      }
    }
  }
`;
const VIEWSHED = /* GraphQL */ `
  mutation ($input: ViewshedInput!) {
    runViewshed(input: $input) {
      messages {
        description
      }
    }
  }
`;
const SUBMIT = /* GraphQL */ 'mutation { submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 50 }) { id status } }';
const UPDATES = /* GraphQL */ 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';

const BUFFER_INPUT = {
  inputFeatures: { geoJson: { type: 'Point', coordinates: [10, 50] } },
  distance: { distance: 100, units: 'METERS' },
};
/** Past the tool's 50 km limit: the tool runs and fails. */
const FAILING_VIEWSHED_INPUT = {
  inputObservationPoint: { geoJson: { type: 'Point', coordinates: [-119.6, 36.3] } },
  viewshedDistance: { distance: 500, units: 'KILOMETERS' },
};

async function scrape(origin: string): Promise<{ contentType: string | null; samples: Sample[] }> {
  const response = await fetch(`${origin}/metrics`);
  expect(response.status).toBe(200);
  return { contentType: response.headers.get('content-type'), samples: parsePrometheusText(await response.text()) };
}

/** Scrapes until `done` holds, for at most ~5 s. */
async function scrapeUntil(origin: string, done: (samples: Sample[]) => boolean): Promise<Sample[]> {
  for (let i = 0; i < 100; i++) {
    const { samples } = await scrape(origin);
    if (done(samples)) return samples;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('metrics never reached the expected state');
}

describe('upstream endpoint labels', () => {
  it.each([
    ['https://h/arcgis/rest/services/GPFolder/BufferService/GPServer', 'service'],
    ['https://h/arcgis/rest/services/GPFolder/BufferService/GPServer/Buffer', 'task'],
    ['https://h/arcgis/rest/services/GPFolder/BufferService/GPServer/Buffer/execute', 'execute'],
    ['https://h/arcgis/rest/services/A/B/GPServer/t/submitJob', 'submitJob'],
    ['https://h/arcgis/rest/services/A/B/GPServer/t/jobs/j1', 'job_status'],
    ['https://h/arcgis/rest/services/A/B/GPServer/t/jobs/j1/results/Out', 'job_result'],
    ['https://h/arcgis/rest/services/A/B/GPServer/t/jobs/j1/cancel', 'job_cancel'],
    ['https://h/arcgis/tokens/generateToken', 'token'],
    ['https://h/arcgis/rest/services', 'other'],
    ['https://h/arcgis/rest/services/A/B/GPServer/t/jobs/j1/inputs/In', 'other'],
    ['not a url', 'other'],
  ])('should label %s as %s', (url, endpoint) => {
    expect(upstreamEndpoint(url)).toBe(endpoint);
  });
});

describe('/metrics', () => {
  it('should count operations, coded errors, upstream requests and jobs, and settle the job gauges at 0', async () => {
    const { origin, graphqlUrl, upstream } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });

    const ok = await graphql<{ runBuffer: { results: { outputPolygons: { featureCount: number } } } }>(graphqlUrl, BUFFER, {
      input: BUFFER_INPUT,
    });
    expect(ok.data?.runBuffer.results.outputPolygons.featureCount).toBe(1);
    const failed = await graphql(graphqlUrl, VIEWSHED, { input: FAILING_VIEWSHED_INPUT });
    expect(failed.errors?.[0]?.extensions?.code).toBe('TASK_FAILED');
    const syntax = await graphql(graphqlUrl, 'mutation { runBuffer(');
    expect(syntax.errors).toHaveLength(1);
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(graphqlUrl, SUBMIT);
    const id = submitted.data?.submitElevationStatisticsJob.id ?? '';
    const { events, error } = await subscribeWs<{ jobUpdates: { status: string; final: boolean } }>(origin, UPDATES, { id });
    expect(error).toBeUndefined();
    expect(events.at(-1)?.data?.jobUpdates).toEqual({ status: 'SUCCEEDED', final: true });

    // The loop ends just after the final status it stored; the subscriber has already left.
    const samples = await scrapeUntil(origin, (s) => sumOf(s, 'gpgw_active_jobs') === 0 && sumOf(s, 'gpgw_job_watchers') === 0);
    const { contentType } = await scrape(origin);
    expect(contentType).toBe('text/plain; version=0.0.4; charset=utf-8');

    expect(sumOf(samples, 'gpgw_graphql_requests_total', { operation_type: 'mutation' })).toBe(3);
    expect(sumOf(samples, 'gpgw_graphql_requests_total', { operation_type: 'subscription' })).toBe(1);
    expect(sumOf(samples, 'gpgw_graphql_requests_total', { operation_type: 'unknown' })).toBe(1);
    expect(sumOf(samples, 'gpgw_graphql_errors_total', { code: 'TASK_FAILED' })).toBe(1);
    expect(sumOf(samples, 'gpgw_graphql_errors_total', { code: 'GRAPHQL_PARSE_FAILED' })).toBe(1);
    expect(sumOf(samples, 'gpgw_graphql_errors_total')).toBe(2);

    // Each upstream request is counted once, by endpoint and status (a tool failure is an HTTP-200 error body).
    expect(sumOf(samples, 'gpgw_upstream_requests_total', { endpoint: 'execute', status: '200' })).toBe(upstream.requests.count('execute'));
    expect(upstream.requests.count('execute')).toBe(2);
    expect(sumOf(samples, 'gpgw_upstream_requests_total', { endpoint: 'submitJob', status: '200' })).toBe(1);
    expect(sumOf(samples, 'gpgw_upstream_requests_total', { endpoint: 'service' })).toBeGreaterThan(0);
    expect(sumOf(samples, 'gpgw_upstream_requests_total', { endpoint: 'task' })).toBeGreaterThan(0);
    expect(sumOf(samples, 'gpgw_upstream_request_seconds_count', { endpoint: 'execute' })).toBe(2);
    expect(sumOf(samples, 'gpgw_upstream_request_seconds_bucket', { endpoint: 'execute', le: '+Inf' })).toBe(2);

    const polls = sumOf(samples, 'gpgw_job_polls_total');
    expect(polls).toBeGreaterThanOrEqual(2);
    expect(sumOf(samples, 'gpgw_upstream_requests_total', { endpoint: 'job_status', status: '200' })).toBeGreaterThanOrEqual(polls);
    expect(sumOf(samples, 'gpgw_job_poll_seconds_count')).toBe(polls);
    expect(sumOf(samples, 'gpgw_job_duration_seconds_count', { task: 'ElevationStatistics', status: 'SUCCEEDED' })).toBe(1);
    expect(sumOf(samples, 'gpgw_job_duration_seconds_sum', { task: 'ElevationStatistics', status: 'SUCCEEDED' })).toBeGreaterThan(0.1);

    expect(has(samples, 'process_cpu_user_seconds_total')).toBe(true);
    expect(has(samples, 'nodejs_eventloop_lag_seconds')).toBe(true);
  });

  it('should keep the series of two gateways in one process apart', async () => {
    const a = await startEmbeddedGateway();
    const b = await startEmbeddedGateway();
    await graphql(a.graphqlUrl, BUFFER, { input: BUFFER_INPUT });
    expect(sumOf((await scrape(a.origin)).samples, 'gpgw_graphql_requests_total')).toBe(1);
    expect(sumOf((await scrape(b.origin)).samples, 'gpgw_graphql_requests_total')).toBe(0);
  });
});
