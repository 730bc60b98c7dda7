import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { startGateway, type GraphQLResponse } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';

const GATEWAY_USER = { username: 'gateway', password: 'gw-s3cret-pass' };
const ALICE = { username: 'alice', password: 'alice-pass-123' };
const BAD_TOKEN = 'bad-token-Zq8Rk2';

const BUFFER = /* GraphQL */ `
  mutation ($input: BufferInput!) {
    runBuffer(input: $input) {
      results {
        outputPolygons {
          featureCount
        }
      }
    }
  }
`;
const BUFFER_INPUT = { inputFeatures: { geoJson: { type: 'Point', coordinates: [10, 50] } }, distance: { distance: 100, units: 'METERS' } };
const SUBMIT = /* GraphQL */ 'mutation { submitElevationStatisticsJob(input: { bandCount: 2, stepDelayMs: 50 }) { id } }';
const UPDATES = /* GraphQL */ 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';

interface Line {
  readonly time: string;
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

describe('logs', () => {
  it('should write JSON lines with a request id per operation and the job on job lines, and never a token', async () => {
    const upstream = await startGpServer({ security: { users: [GATEWAY_USER, ALICE] } });
    const raw: string[] = [];
    const { graphqlUrl } = await startGateway({
      sources: embeddedSources(upstream.servicesUrl),
      serverCredentials: [{ url: upstream.servicesUrl, credential: GATEWAY_USER }],
      polling: { floorMs: 50, ceilingMs: 200 },
      log: createLogger('debug', (line) => raw.push(line)),
    });
    const generated = (await (
      await fetch(`${upstream.origin}/arcgis/tokens/generateToken`, { method: 'POST', body: new URLSearchParams({ ...ALICE, f: 'json' }) })
    ).json()) as { token: string };
    const token = generated.token;
    const post = async (
      query: string,
      variables: Record<string, unknown>,
      headers: Record<string, string>,
    ): Promise<{ response: Response; body: string }> => {
      const response = await fetch(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = await response.text();
      return { response, body };
    };

    const ok = await post(BUFFER, { input: BUFFER_INPUT }, { authorization: `Bearer ${token}`, 'x-request-id': 'req-logging-1' });
    expect(ok.response.headers.get('x-request-id')).toBe('req-logging-1');
    expect((JSON.parse(ok.body) as GraphQLResponse).errors).toBeUndefined();
    const bad = await post(BUFFER, { input: BUFFER_INPUT }, { authorization: `Bearer ${BAD_TOKEN}` });
    expect((JSON.parse(bad.body) as GraphQLResponse).errors?.[0]?.extensions?.code).toBe('AUTH_INVALID');
    const generatedId = bad.response.headers.get('x-request-id') ?? '';
    expect(generatedId).toMatch(/^[0-9a-f-]{36}$/);
    const submitted = JSON.parse((await post(SUBMIT, {}, { 'x-esri-authorization': `Bearer ${token}` })).body) as GraphQLResponse<{
      submitElevationStatisticsJob: { id: string };
    }>;
    const id = submitted.data?.submitElevationStatisticsJob.id ?? '';
    const stream = await post(
      UPDATES,
      { id },
      { accept: 'text/event-stream', authorization: `Bearer ${token}`, 'x-request-id': 'req-logging-sse' },
    );
    expect(stream.body).toContain('"final":true');

    const lines = raw.map((line) => {
      expect(line.endsWith('\n')).toBe(true);
      return JSON.parse(line) as Line;
    });
    for (const line of lines) {
      expect(Date.parse(line.time)).not.toBeNaN();
      expect(['debug', 'info', 'warn', 'error']).toContain(line.level);
      expect(typeof line.msg).toBe('string');
    }
    const operations = lines.filter((l) => l.msg === 'graphql operation');
    expect(operations).toHaveLength(3);
    for (const line of operations) expect(line.requestId).toEqual(expect.any(String));
    expect(operations.find((l) => l.requestId === 'req-logging-1')).toMatchObject({ operationType: 'mutation', errors: [] });
    expect(operations.find((l) => l.requestId === generatedId)).toMatchObject({ errors: ['AUTH_INVALID'] });
    expect(lines.find((l) => l.msg === 'subscription ended')).toMatchObject({
      requestId: 'req-logging-sse',
      operationType: 'subscription',
    });
    const finished = lines.find((l) => l.msg === 'job finished');
    expect(finished).toMatchObject({ status: 'SUCCEEDED', job: expect.stringContaining('ElevationStatistics') as unknown });

    const transcript = raw.join('');
    expect(transcript).not.toContain(token);
    expect(transcript).not.toContain(BAD_TOKEN);
    expect(transcript).not.toContain(GATEWAY_USER.password);
  });

  it('should log client mistakes at debug without a stack, upstream faults at warn, and never at error for either', async () => {
    const upstream = await startGpServer();
    const raw: string[] = [];
    const { graphqlUrl } = await startGateway({
      sources: embeddedSources(upstream.servicesUrl),
      log: createLogger('debug', (line) => raw.push(line)),
    });
    const query = async (text: string): Promise<void> => {
      await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: text }) });
    };
    for (let i = 0; i < 20; i++) {
      await query('{ job(id: "nope") { status } }');
      await query('mutation { submitJob(service: "x", task: "y", parameters: {}) { id } }');
    }
    upstream.faults.inject({ action: { kind: 'http-status', status: 503 }, routes: ['execute'] });
    await query(
      `mutation { runBuffer(input: {inputFeatures: {geoJson: {type: "Point", coordinates: [1, 2]}}, distance: {distance: 1, units: KILOMETERS}}) { messages { description } } }`,
    );
    const lines = raw.map((line) => JSON.parse(line) as Line);
    expect(lines.filter((l) => l.level === 'error')).toEqual([]);
    const client = lines.filter((l) => l.msg === 'graphql error (client)');
    expect(client).toHaveLength(40);
    expect(new Set(client.map((l) => l.level))).toEqual(new Set(['debug']));
    expect(client.map((l) => l.code)).toContain('JOB_NOT_FOUND');
    expect(raw.join('')).not.toMatch(/\n\s+at /);
    expect(lines.filter((l) => l.msg === 'graphql error (upstream)')).toEqual([
      expect.objectContaining({ level: 'warn', code: 'UPSTREAM_HTTP_ERROR' }),
    ]);
  });

  it('should redact credential fields at any depth and tokens inside text', () => {
    const raw: string[] = [];
    const log = createLogger('info', (line) => raw.push(line));
    const secret = 's3cr3t-T0ken';
    log.info(`GET https://host/arcgis/rest/services?f=json&token=${secret}`, {
      token: secret,
      password: secret,
      apiKey: secret,
      headers: { authorization: `Bearer ${secret}`, 'x-esri-authorization': `Bearer ${secret}` },
      nested: { deeper: { token: secret, note: `sent Bearer ${secret}` } },
      url: `https://host/x?token=${secret}&f=json`,
      error: new Error(`upstream said token=${secret}`),
    });
    log.child({ requestId: 'r1', token: secret }).warn('child line');
    log.debug(`below the level ${secret}`);
    expect(raw).toHaveLength(2);
    expect(raw.join('')).not.toContain(secret);
    const [first, second] = raw.map((l) => JSON.parse(l) as Line);
    expect(first).toMatchObject({
      level: 'info',
      token: '[redacted]',
      headers: { authorization: '[redacted]' },
      url: 'https://host/x?token=***&f=json',
    });
    expect(first?.msg).toBe('GET https://host/arcgis/rest/services?f=json&token=***');
    expect(second).toMatchObject({ level: 'warn', requestId: 'r1', token: '[redacted]', msg: 'child line' });
  });
});
