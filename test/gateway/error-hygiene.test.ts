/**
 * Error messages a client reads never name an upstream host or port — for every kind of upstream
 * failure, on sync runs, jobs, job faults and SSE — while the request's log line keeps the full URL
 * (same request id), and a caller named as an operator still reads it whole.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../gateway/log/pino-logger.js';
import type { FaultAction } from '../../gp-rest/vocabulary.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const ECHO = 'mutation { runEchoAllTypes(input: { inLong: 1 }) { messages { description } } }';
const FAILING_VIEWSHED = `mutation { runViewshed(input: {
  inputObservationPoint: { geoJson: { type: "Point", coordinates: [-119.6, 36.3] } },
  viewshedDistance: { distance: 500, units: KILOMETERS } }) { messages { description } } }`;

const FAULTS: [string, FaultAction][] = [
  ['an HTTP 502', { kind: 'http-status', status: 502, body: 'bad gateway at http://10.0.0.7:6443/arcgis' }],
  [
    'an HTTP-200 error body',
    { kind: 'error-body', code: 500, message: 'Failed.', details: ['see http://gis.internal:6080/arcgis/rest/services'] },
  ],
  ['malformed JSON', { kind: 'malformed-json' }],
  ['a connection reset', { kind: 'reset' }],
  ['a timeout', { kind: 'latency', ms: 1000 }],
];

/** `upstreamTimeoutMs`: short where a timeout is one of the faults; long enough for a real tool run elsewhere. */
async function rig(options: { operators?: string[]; upstreamTimeoutMs?: number } = {}) {
  const lines: string[] = [];
  const running = await startEmbeddedGateway({
    upstreamTimeoutMs: options.upstreamTimeoutMs ?? 300,
    log: createLogger('debug', (line) => lines.push(line)),
    ...(options.operators
      ? {
          access: {
            apiKeys: [
              { id: 'ops', sha256: sha256('operator-key-0123456789') },
              { id: 'app', sha256: sha256('app-key-0123456789ab') },
            ],
            upstreamUrlCallers: options.operators,
          },
        }
      : {}),
  });
  const port = new URL(running.upstream.servicesUrl).port;
  const post = async (query: string, key?: string) => {
    const response = await fetch(running.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
      body: JSON.stringify({ query }),
    });
    return {
      requestId: response.headers.get('x-request-id') ?? '',
      body: (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] },
    };
  };
  return { ...running, lines, port, post };
}

const mentionsUpstream = (text: string, port: string): boolean =>
  text.includes('http://') || text.includes('https://') || text.includes(`:${port}`);

describe('error hygiene', () => {
  it.each(FAULTS)('names no upstream host in the answer to %s, and logs the URL under the same request id', async (_name, action) => {
    const { upstream, post, lines, port } = await rig();
    upstream.faults.inject({ action, routes: ['execute'], times: 1 });
    const { requestId, body } = await post(ECHO);
    expect(body.errors?.length).toBe(1);
    const text = JSON.stringify(body.errors);
    expect(mentionsUpstream(text, port)).toBe(false);
    expect(text).toMatch(/\[upstream\]\/Testing\/AllDataTypes\/GPServer\/EchoAllTypes\/execute/);
    const logged = lines
      .map((line) => JSON.parse(line) as { msg: string; requestId?: string; url?: string })
      .find((l) => l.msg === 'upstream error');
    expect(logged).toMatchObject({ requestId, url: `${upstream.servicesUrl}/Testing/AllDataTypes/GPServer/EchoAllTypes/execute` });
  });

  it('names no upstream host in a failed task, and lets a named operator read it whole', async () => {
    // The viewshed runs (and fails) for real: on a loaded machine that can take longer than the faults' 300 ms.
    const { post, port, upstream } = await rig({ operators: ['ops'], upstreamTimeoutMs: 15_000 });
    const app = await post(FAILING_VIEWSHED, 'app-key-0123456789ab');
    expect(app.body.errors?.[0]?.extensions?.code).toBe('TASK_FAILED');
    expect(mentionsUpstream(JSON.stringify(app.body.errors), port)).toBe(false);
    const ops = await post(FAILING_VIEWSHED, 'operator-key-0123456789');
    expect(JSON.stringify(ops.body.errors)).toContain(upstream.servicesUrl);
  });
});
