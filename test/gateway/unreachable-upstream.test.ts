/**
 * With upstream hosts private (`--hide-upstream-urls`), a GPServer that cannot be reached — its port
 * closed, its name unresolvable — is named by its service in every answer, never by a host, port or
 * IP: a synchronous run, a submit, an upload, a running job's fault (job(id), SSE and graphql-ws) and
 * `GPService.error`. The request's log line keeps Node's own text, address included.
 */
import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { closedPort } from './arcgis/http-stub.js';
import { startGateway, subscribeSse, type GraphQLResponse } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const UNRESOLVABLE = 'gpserver.invalid';
const SUBMIT = 'mutation { submitElevationStatisticsJob(input: { bandCount: 20, stepDelayMs: 1000 }) { id } }';
const RUN = 'mutation { runEchoAllTypes(input: { inLong: 1 }) { messages { description } } }';
const JOB = 'query ($id: ID!) { job(id: $id) { status fault { code message } } }';
const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status fault { code message } } }';

type Fault = { code: string; message: string } | null;
type Updates = GraphQLResponse<{ jobUpdates: { fault: Fault } }>;
const hasFault = (event: Updates): boolean => event.data?.jobUpdates.fault != null;

/** An outage of the embedded GPServer, started after the gateway has introspected it. */
interface Outage {
  readonly name: string;
  /** Node's phrase for it, as the answer gives it. */
  readonly said: RegExp;
  /** Uploads go through node:http, not the injectable fetch: only a closed port reaches them. */
  readonly uploads: boolean;
  start(): Promise<{ graphqlUrl: string; origin: string; lines: string[]; addresses: RegExp; goDown: () => Promise<void> }>;
}

const OUTAGES: Outage[] = [
  {
    name: 'a closed port',
    said: /connection refused \(ECONNREFUSED\)/,
    uploads: true,
    start: async () => {
      const upstream = await startGpServer();
      const port = new URL(upstream.origin).port;
      const proxy = await startTcpProxy(Number(port));
      const lines: string[] = [];
      const running = await startGateway({
        sources: embeddedSources(upstream.servicesUrl.replace(`:${port}/`, `:${proxy.port}/`)),
        ...settings(lines),
      });
      return {
        ...running,
        lines,
        addresses: new RegExp(`127\\.0\\.0\\.1|localhost|:(?:${port}|${proxy.port})\\b`),
        goDown: () => proxy.stop(),
      };
    },
  },
  {
    name: 'an unresolvable name',
    said: /host name (?:not found \(ENOTFOUND\)|lookup failed for now \(EAI_AGAIN\))/,
    uploads: false,
    start: async () => {
      const upstream = await startGpServer();
      const port = new URL(upstream.origin).port;
      let down = false;
      // The real fetch, sent to a name no resolver knows once the outage starts.
      const renamed: typeof fetch = (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        if (down) url.hostname = UNRESOLVABLE;
        return fetch(url, init);
      };
      const lines: string[] = [];
      const running = await startGateway({ sources: embeddedSources(upstream.servicesUrl), fetch: renamed, ...settings(lines) });
      const goDown = (): Promise<void> => {
        down = true;
        return Promise.resolve();
      };
      return { ...running, lines, addresses: new RegExp(`${UNRESOLVABLE.replace('.', '\\.')}|127\\.0\\.0\\.1|:${port}\\b`), goDown };
    },
  },
];

function settings(lines: string[]) {
  return {
    exposeUpstreamUrls: false,
    upstreamTimeoutMs: 5_000,
    polling: { floorMs: 20, ceilingMs: 40, errorBackoffCapMs: 40 },
    log: createLogger('debug', (line) => lines.push(line)),
  };
}

async function post<T>(graphqlUrl: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });
  return { requestId: response.headers.get('x-request-id') ?? '', body: (await response.json()) as GraphQLResponse<T> };
}

async function upload(graphqlUrl: string): Promise<GraphQLResponse> {
  const form = new FormData();
  form.set(
    'operations',
    JSON.stringify({
      query: 'mutation ($f: Upload!) { uploadItem(service: "Conversion/TableToPoints", file: $f) { itemId } }',
      variables: { f: null },
    }),
  );
  form.set('map', JSON.stringify({ 0: ['variables.f'] }));
  form.set('0', new File(['name,lon,lat\nA,1,2\n'], 'cities.csv', { type: 'text/csv' }));
  const response = await fetch(graphqlUrl, { method: 'POST', headers: { 'graphql-preflight': '1' }, body: form });
  return (await response.json()) as GraphQLResponse;
}

/** graphql-ws events of one subscription until `until` holds for one. */
async function subscribeWsUntil<T>(
  origin: string,
  query: string,
  variables: Record<string, unknown>,
  until: (e: T) => boolean,
): Promise<T[]> {
  const { createClient } = await import('graphql-ws');
  const { WebSocket } = await import('ws');
  const client = createClient({ url: `${origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0, lazy: true });
  const events: T[] = [];
  try {
    for await (const event of client.iterate({ query, variables })) {
      events.push(event as T);
      if (until(event as T)) break;
    }
  } finally {
    await client.dispose();
  }
  return events;
}

describe('an unreachable GPServer with private upstream hosts', () => {
  it.each(OUTAGES)('should name the service, never its address, when it has $name', async (outage) => {
    const { graphqlUrl, origin, lines, addresses, goDown } = await outage.start();
    const submitted = await post<{ submitElevationStatisticsJob: { id: string } }>(graphqlUrl, SUBMIT);
    const id = submitted.body.data?.submitElevationStatisticsJob.id;
    expect(id).toBeTruthy();
    await goDown();

    const run = await post(graphqlUrl, RUN);
    expect(run.body.errors?.[0]?.extensions?.code).toBe('UPSTREAM_UNREACHABLE');
    expect(run.body.errors?.[0]?.message).toMatch(
      /^POST \[upstream\]\/Testing\/AllDataTypes\/GPServer\/EchoAllTypes\/execute failed while connecting: /,
    );
    expect(run.body.errors?.[0]?.message).toMatch(outage.said);
    const submit = await post(graphqlUrl, SUBMIT);
    expect(submit.body.errors?.[0]?.message).toMatch(
      /^POST \[upstream\]\/Analysis\/ElevationStatistics\/GPServer\/ElevationStatistics\/submitJob failed/,
    );
    const sse = await subscribeSse<{ jobUpdates: { fault: Fault } }>(graphqlUrl, UPDATES, { id }, { until: hasFault });
    const fault = sse.at(-1)?.data?.jobUpdates.fault;
    expect(fault).toMatchObject({ code: 'UPSTREAM_UNREACHABLE', message: expect.stringMatching(outage.said) });
    expect(fault?.message).toContain('[upstream]/Analysis/ElevationStatistics/GPServer/ElevationStatistics/jobs/');
    const job = await post<{ job: { fault: Fault } | null }>(graphqlUrl, JOB, { id });
    expect(JSON.stringify(job.body)).toMatch(outage.said);
    const ws = await subscribeWsUntil<Updates>(origin, UPDATES, { id }, hasFault);
    expect(ws.at(-1)?.data?.jobUpdates.fault?.code).toBe('UPSTREAM_UNREACHABLE');
    const uploaded = outage.uploads ? await upload(graphqlUrl) : undefined;
    if (uploaded) expect(uploaded.errors?.[0]?.message).toMatch(outage.said);

    for (const answer of [run.body, submit.body, sse, job.body, ws, uploaded]) {
      const text = JSON.stringify(answer ?? {});
      expect(text).not.toMatch(addresses);
      expect(text).not.toMatch(/https?:\/\//);
    }
    // The log line of the run, under its request id, keeps the address Node tried.
    const logged = lines
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string; url?: string; reason?: string })
      .find((line) => line.msg === 'upstream error' && line.requestId === run.requestId);
    expect(logged?.reason).toMatch(addresses);
    expect(logged?.url).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/arcgis\/rest\/services\/Testing\/AllDataTypes\/GPServer\/EchoAllTypes\/execute$/,
    );
  });

  it('should name a service that could not be introspected, never its address, in GPService.error', async () => {
    const port = await closedPort();
    const { graphqlUrl } = await startGateway({
      sources: [
        { kind: 'service', url: `http://127.0.0.1:${port}/arcgis/rest/services/Closed/GPServer` },
        { kind: 'service', url: `http://${UNRESOLVABLE}:6443/arcgis/rest/services/Nowhere/GPServer` },
      ],
      exposeUpstreamUrls: false,
    });
    const { body } = await post<{ services: { name: string; status: string; url: string | null; error: string }[] }>(
      graphqlUrl,
      '{ services { name status url error } }',
    );
    const byName = Object.fromEntries((body.data?.services ?? []).map((s) => [s.name, s]));
    expect(byName.Closed).toMatchObject({
      status: 'ERROR',
      url: null,
      error: expect.stringMatching(/\[upstream\]\/Closed\/GPServer.*connection refused \(ECONNREFUSED\)/),
    });
    expect(byName.Nowhere).toMatchObject({
      status: 'ERROR',
      url: null,
      error: expect.stringMatching(
        /\[upstream\]\/Nowhere\/GPServer.*host name (?:not found \(ENOTFOUND\)|lookup failed for now \(EAI_AGAIN\))/,
      ),
    });
    expect(JSON.stringify(body)).not.toMatch(new RegExp(`127\\.0\\.0\\.1|:${port}\\b|${UNRESOLVABLE.replace('.', '\\.')}|:6443|https?://`));
  });
});
