import { createClient } from 'graphql-ws';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { startGateway, type GraphQLResponse, type RunningGateway } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';
import type { GpServer } from '../../gpserver/server.js';

const GATEWAY_USER = { username: 'gateway', password: 'gw-s3cret-pass' };
const ALICE = { username: 'alice', password: 'alice-pass-123' };
const BOB = { username: 'bob', password: 'bob-pass-456' };

const SUBMIT = 'mutation { submitElevationStatisticsJob(input: { bandCount: 6, stepDelayMs: 300 }) { id status } }';
const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final fault { code message } } }';

interface Rig {
  upstream: GpServer;
  gateway: RunningGateway;
  /** Every response body and log line the test produced, to search for secrets. */
  transcript: string[];
  /** Every upstream URL the gateway requested. */
  urls: string[];
  token(user: { username: string; password: string }, expirationMinutes?: number): Promise<string>;
  gql<T>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  sse<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>[]>;
}

/** `tokenLifetimeMs`: tokens that ask for no lifetime; `maxTokenLifetimeMs`: the cap on any token. */
async function rig(lifetimes: { tokenLifetimeMs?: number; maxTokenLifetimeMs?: number } = {}): Promise<Rig> {
  const upstream = await startGpServer({ security: { users: [GATEWAY_USER, ALICE, BOB], ...lifetimes } });
  const transcript: string[] = [];
  const urls: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    urls.push(input instanceof Request ? input.url : String(input));
    return fetch(input, init);
  };
  const gateway = await startGateway({
    sources: embeddedSources(upstream.servicesUrl),
    serverCredentials: [{ url: upstream.servicesUrl, credential: GATEWAY_USER }],
    polling: { floorMs: 50, ceilingMs: 200 },
    fetch: recordingFetch,
    log: createLogger('debug', (line) => transcript.push(line)),
  });
  const record = async (response: Response): Promise<string> => {
    const text = await response.text();
    transcript.push(text);
    return text;
  };
  return {
    upstream,
    gateway,
    transcript,
    urls,
    token: async (user, expirationMinutes) => {
      const body = new URLSearchParams({
        ...user,
        f: 'json',
        client: 'requestip',
        ...(expirationMinutes ? { expiration: String(expirationMinutes) } : {}),
      });
      // The token service's own answer is the one place the token may appear: it is not in the transcript.
      const json = (await (await fetch(`${upstream.origin}/arcgis/tokens/generateToken`, { method: 'POST', body })).json()) as {
        token: string;
      };
      return json.token;
    },
    gql: async (query, variables = {}, token) => {
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return JSON.parse(await record(response)) as GraphQLResponse<never>;
    },
    sse: async (query, variables, token) => {
      const response = await fetch(gateway.graphqlUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream',
          ...(token ? { 'x-esri-authorization': `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
      return (await record(response))
        .split('\n\n')
        .map((block) =>
          block
            .split('\n')
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join(''),
        )
        .filter((d) => d !== '')
        .map((d) => JSON.parse(d) as GraphQLResponse<never>);
    },
  };
}

function expectNoSecrets(r: Rig, secrets: readonly string[]): void {
  for (const secret of secrets) {
    for (const text of r.transcript) expect(text).not.toContain(secret);
    for (const url of r.urls) expect(url).not.toContain(secret);
  }
}

describe('credentials', () => {
  it('should introspect with the server credential and run anonymous requests with it', async () => {
    const r = await rig();
    const response = await r.gql<{ runEchoAllTypes: { results: { outLong: number } } }>(
      'mutation { runEchoAllTypes(input: { inLong: 7 }) { results { outLong } } }',
    );
    expect(response.data?.runEchoAllTypes.results.outLong).toBe(7);
    expectNoSecrets(r, [GATEWAY_USER.password]);
  });

  it("should pass the caller's token upstream in a header, and report a bad one as AUTH_INVALID", async () => {
    const r = await rig();
    const alice = await r.token(ALICE);
    const submitted = await r.gql<{ submitElevationStatisticsJob: { id: string } }>(SUBMIT, {}, alice);
    expect(submitted.errors).toBeUndefined();
    // The job belongs to alice upstream: only her token reads it there.
    const jobId = JSON.stringify(submitted.data);
    expect(jobId).toBeTruthy();
    const bad = await r.gql('mutation { runEchoAllTypes(input: { inLong: 7 }) { messages { description } } }', {}, 'not-a-real-token');
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'AUTH_INVALID', arcgisCode: 498 });
    expectNoSecrets(r, [alice, 'not-a-real-token', GATEWAY_USER.password, ALICE.password]);
  });

  it("should not let another user, or an anonymous caller, watch a user's job, and not reveal that it exists", async () => {
    const r = await rig();
    const [alice, bob] = [await r.token(ALICE), await r.token(BOB)];
    const submitted = await r.gql<{ submitElevationStatisticsJob: { id: string } }>(SUBMIT, {}, alice);
    const id = submitted.data?.submitElevationStatisticsJob.id ?? '';
    const asBob = await r.gql('query ($id: ID!) { job(id: $id) { status } }', { id }, bob);
    const asNobody = await r.gql('query ($id: ID!) { job(id: $id) { status } }', { id });
    const missing = await r.gql(
      'query ($id: ID!) { job(id: $id) { status } }',
      { id: id.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')) },
      bob,
    );
    for (const denied of [asBob, asNobody]) expect(denied.errors?.[0]?.extensions).toMatchObject({ code: 'JOB_NOT_FOUND' });
    expect(missing.errors?.[0]?.extensions?.code).toBe('JOB_NOT_FOUND');
    const bobStream = await r.sse(UPDATES, { id }, bob);
    expect(bobStream[0]?.errors?.[0]?.extensions).toMatchObject({ code: 'JOB_NOT_FOUND' });
    const aliceStream = await r.sse<{ jobUpdates: { status: string } }>(UPDATES, { id }, alice);
    expect(aliceStream.at(-1)?.data?.jobUpdates.status).toBe('SUCCEEDED');
    expectNoSecrets(r, [alice, bob, GATEWAY_USER.password]);
  });

  it('should accept the token in graphql-ws connectionParams', async () => {
    const r = await rig();
    const alice = await r.token(ALICE);
    const submitted = await r.gql<{ submitElevationStatisticsJob: { id: string } }>(SUBMIT, {}, alice);
    const client = createClient({
      url: `${r.gateway.origin.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token: alice },
    });
    const statuses: string[] = [];
    try {
      for await (const event of client.iterate<{ jobUpdates: { status: string } }>({
        query: UPDATES,
        variables: { id: submitted.data?.submitElevationStatisticsJob.id },
      })) {
        if (event.data) statuses.push(event.data.jobUpdates.status);
        else throw new Error(JSON.stringify(event.errors));
      }
    } finally {
      await client.dispose();
    }
    expect(statuses.at(-1)).toBe('SUCCEEDED');
  });

  it('should renew the server credential transparently while a job runs', async () => {
    const r = await rig({ maxTokenLifetimeMs: 1_500 });
    const submitted = await r.gql<{ submitElevationStatisticsJob: { id: string } }>(SUBMIT);
    const events = await r.sse<{ jobUpdates: { status: string; fault: { code: string } | null } }>(UPDATES, {
      id: submitted.data?.submitElevationStatisticsJob.id,
    });
    expect(events.at(-1)?.data?.jobUpdates.status).toBe('SUCCEEDED');
    expect(events.every((e) => e.data?.jobUpdates.fault == null)).toBe(true);
    expect(r.upstream.requests.count('generateToken')).toBeGreaterThanOrEqual(2);
    expectNoSecrets(r, [GATEWAY_USER.password]);
  });

  it('should give a job whose user token expired a TOKEN_EXPIRED fault, then resume with a fresh token', async () => {
    // Alice's first token lives 1.5 s; the fresh one an hour.
    const r = await rig({ tokenLifetimeMs: 1_500 });
    const alice = await r.token(ALICE);
    const submitted = await r.gql<{ submitElevationStatisticsJob: { id: string } }>(
      'mutation { submitElevationStatisticsJob(input: { bandCount: 12, stepDelayMs: 400 }) { id } }',
      {},
      alice,
    );
    const id = submitted.data?.submitElevationStatisticsJob.id ?? '';
    const client = createClient({
      url: `${r.gateway.origin.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      connectionParams: { token: alice },
    });
    let fault: string | undefined;
    try {
      for await (const event of client.iterate<{ jobUpdates: { status: string; fault: { code: string } | null } }>({
        query: UPDATES,
        variables: { id },
      })) {
        fault = event.data?.jobUpdates.fault?.code;
        if (fault) break;
      }
    } finally {
      await client.dispose();
    }
    expect(fault).toBe('TOKEN_EXPIRED');
    const fresh = await r.token(ALICE, 60);
    const resumed = await r.sse<{ jobUpdates: { status: string } }>(UPDATES, { id }, fresh);
    expect(resumed.at(-1)?.data?.jobUpdates.status).toBe('SUCCEEDED');
    expectNoSecrets(r, [alice, fresh, GATEWAY_USER.password]);
  });
});
