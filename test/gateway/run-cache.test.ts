import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import type { GatewayOptions } from '../../gateway/create-gateway.js';
import { createLogger } from '../../gateway/log/pino-logger.js';
import type { GpServer } from '../../gpserver/server.js';
import { startGateway, subscribeWs, type GraphQLResponse } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';
import { ManualClock } from '../support/manual-clock.js';
import { parsePrometheusText, sumOf } from '../support/prometheus-text.js';
import { describeRedis, startRedisServer } from '../support/redis-server.js';

const BUFFER = /* GraphQL */ `
  mutation ($input: BufferInput!, $options: GPOptions) {
    runBuffer(input: $input, options: $options) {
      results {
        outputPolygons(format: GEOJSON) {
          featureCount
        }
      }
    }
  }
`;
const ALIASED_BUFFER = /* GraphQL */ `
  mutation ($input: BufferInput!) {
    esri: runBuffer(input: $input) {
      results {
        outputPolygons {
          format
          featureCount
        }
      }
    }
    geo: runBuffer(input: $input) {
      results {
        outputPolygons(format: GEOJSON) {
          format
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

const bufferAt = (x: number, meters = 100) => ({
  inputFeatures: { geoJson: { type: 'Point', coordinates: [x, 50] } },
  distance: { distance: meters, units: 'METERS' },
});
/** Past the tool's 50 km limit: the tool runs and fails. */
const FAILING_VIEWSHED = {
  inputObservationPoint: { geoJson: { type: 'Point', coordinates: [-119.6, 36.3] } },
  viewshedDistance: { distance: 500, units: 'KILOMETERS' },
};

const CACHED = ['GPFolder/BufferService/Buffer', 'Elevation/ESRI_Elevation_World/Viewshed'];
const GATEWAY_USER = { username: 'gateway', password: 'gw-s3cret-pass' };
const ALICE = { username: 'alice', password: 'alice-pass-123' };
const BOB = { username: 'bob', password: 'bob-pass-456' };

interface RunCacheExtension {
  readonly field: string;
  readonly hit: boolean;
  readonly ageSeconds?: number;
}
type Answer = GraphQLResponse & { extensions?: { runCache?: RunCacheExtension[] } };

async function post(url: string, query: string, variables: Record<string, unknown>, token?: string): Promise<Answer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as Answer;
}

async function tokenFor(upstream: GpServer, user: { username: string; password: string }): Promise<string> {
  const body = new URLSearchParams({ ...user, f: 'json', client: 'requestip' });
  const json = (await (await fetch(`${upstream.origin}/arcgis/tokens/generateToken`, { method: 'POST', body })).json()) as {
    token: string;
  };
  return json.token;
}

/** `options` may depend on the upstream (its URL for a server credential). */
async function rig(
  options: Partial<GatewayOptions> | ((upstream: GpServer) => Partial<GatewayOptions>) = {},
  upstreamOptions: Parameters<typeof startGpServer>[0] = {},
) {
  const upstream = await startGpServer(upstreamOptions);
  const running = await startGateway({
    runCache: { tasks: CACHED, ttlSeconds: 60 },
    ...(typeof options === 'function' ? options(upstream) : options),
    sources: embeddedSources(upstream.servicesUrl),
  });
  const run = (query: string, variables: Record<string, unknown>, token?: string) => post(running.graphqlUrl, query, variables, token);
  return { upstream, ...running, run, executes: () => upstream.requests.count('execute') };
}

describe('cached deterministic runs', () => {
  it('should answer the same run twice with one upstream execute, and say so in extensions', async () => {
    const r = await rig();
    const first = await r.run(BUFFER, { input: bufferAt(10) });
    const second = await r.run(BUFFER, { input: bufferAt(10) });
    expect(first.errors).toBeUndefined();
    expect(second.data).toEqual(first.data);
    expect(first.extensions?.runCache).toEqual([{ field: 'runBuffer', hit: false }]);
    expect(second.extensions?.runCache).toEqual([{ field: 'runBuffer', hit: true, ageSeconds: 0 }]);
    expect(r.executes()).toBe(1);

    const samples = parsePrometheusText(await (await fetch(`${r.origin}/metrics`)).text());
    expect(sumOf(samples, 'gpgw_run_cache_requests_total', { result: 'hit' })).toBe(1);
    expect(sumOf(samples, 'gpgw_run_cache_requests_total', { result: 'miss' })).toBe(1);
  });

  it('should report hits on every door: Yoga over the Fetch API and graphql-ws', async () => {
    const r = await rig();
    await r.run(BUFFER, { input: bufferAt(16) });
    const viaYoga = (await (
      await r.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: BUFFER, variables: { input: bufferAt(16) } }),
      })
    ).json()) as Answer;
    const { events } = await subscribeWs(r.origin, BUFFER, { input: bufferAt(16) });
    const viaWs: Answer | undefined = events[0];
    for (const answer of [viaYoga, viaWs]) expect(answer?.extensions?.runCache).toEqual([{ field: 'runBuffer', hit: true, ageSeconds: 0 }]);
    expect(r.executes()).toBe(1);
  });

  it('should send different inputs and different options upstream', async () => {
    const r = await rig();
    await r.run(BUFFER, { input: bufferAt(10) });
    const otherPoint = await r.run(BUFFER, { input: bufferAt(11) });
    const otherDistance = await r.run(BUFFER, { input: bufferAt(10, 200) });
    const otherOptions = await r.run(BUFFER, { input: bufferAt(10), options: { outSR: 3857 } });
    for (const answer of [otherPoint, otherDistance, otherOptions]) {
      expect(answer.errors).toBeUndefined();
      expect(answer.extensions?.runCache?.[0]?.hit).toBe(false);
    }
    expect(r.executes()).toBe(4);
  });

  it('should serve both output formats and aliases of one run from one upstream answer', async () => {
    const r = await rig();
    const answer = await r.run(ALIASED_BUFFER, { input: bufferAt(12) });
    expect(answer.data).toEqual({
      esri: { results: { outputPolygons: { format: 'ESRI_JSON', featureCount: 1 } } },
      geo: { results: { outputPolygons: { format: 'GEOJSON', featureCount: 1 } } },
    });
    // Mutation fields run one after the other: the second finds the first's answer.
    expect(answer.extensions?.runCache).toEqual([
      { field: 'esri', hit: false },
      { field: 'geo', hit: true, ageSeconds: 0 },
    ]);
    expect(r.executes()).toBe(1);
  });

  it('should make one upstream call for simultaneous identical runs', async () => {
    const r = await rig();
    const answers = await Promise.all(Array.from({ length: 8 }, () => r.run(BUFFER, { input: bufferAt(13) })));
    expect(answers.every((answer) => answer.errors === undefined)).toBe(true);
    expect(answers.filter((answer) => answer.extensions?.runCache?.[0]?.hit === false)).toHaveLength(1);
    expect(r.executes()).toBe(1);
  });

  it('should never cache a task that is not marked, nor add extensions for it', async () => {
    const r = await rig({ runCache: { tasks: ['Elevation/ESRI_Elevation_World/Viewshed'] } });
    const first = await r.run(BUFFER, { input: bufferAt(10) });
    await r.run(BUFFER, { input: bufferAt(10) });
    expect(first.extensions?.runCache).toBeUndefined();
    expect(r.executes()).toBe(2);
  });

  it('should not cache errors: failed tasks and upstream error answers go upstream again', async () => {
    const r = await rig();
    const failed = await r.run(VIEWSHED, { input: FAILING_VIEWSHED });
    expect(failed.errors?.[0]?.extensions?.code).toBe('TASK_FAILED');
    await r.run(VIEWSHED, { input: FAILING_VIEWSHED });
    expect(r.executes()).toBe(2);

    r.upstream.faults.inject({ action: { kind: 'error-body', code: 500, message: 'boom' }, routes: ['execute'], times: 1 });
    const broken = await r.run(BUFFER, { input: bufferAt(14) });
    expect(broken.errors).toBeDefined();
    const healed = await r.run(BUFFER, { input: bufferAt(14) });
    expect(healed.errors).toBeUndefined();
    expect(healed.extensions?.runCache?.[0]?.hit).toBe(false);
    expect(r.executes()).toBe(4);
  });

  it('should expire answers after the TTL', async () => {
    const clock = new ManualClock({ start: Date.now() });
    const r = await rig({ clock, runCache: { tasks: CACHED, ttlSeconds: 30 } });
    await r.run(BUFFER, { input: bufferAt(10) });
    await clock.advance(29_000);
    const young = await r.run(BUFFER, { input: bufferAt(10) });
    expect(young.extensions?.runCache?.[0]).toEqual({ field: 'runBuffer', hit: true, ageSeconds: 29 });
    await clock.advance(1_000);
    const expired = await r.run(BUFFER, { input: bufferAt(10) });
    expect(expired.extensions?.runCache?.[0]?.hit).toBe(false);
    expect(r.executes()).toBe(2);
  });

  it('should accept a service alias in the task list, and warn about names the catalog does not hold', async () => {
    const lines: string[] = [];
    const upstream = await startGpServer();
    const sources = embeddedSources(upstream.servicesUrl).map((source) =>
      source.url.endsWith('/BufferService/GPServer') ? { ...source, alias: 'buf' } : source,
    );
    const running = await startGateway({
      sources,
      runCache: { tasks: ['buf/Buffer', 'Nowhere/Task', 'WorldViewshed/viewshed'] },
      log: createLogger('warn', (line) => lines.push(line)),
    });
    const aliased = BUFFER.replace('runBuffer', 'runBufBuffer').replace('BufferInput', 'BufBufferInput');
    await post(running.graphqlUrl, aliased, { input: bufferAt(10) });
    const second = await post(running.graphqlUrl, aliased, { input: bufferAt(10) });
    expect(second.extensions?.runCache).toEqual([{ field: 'runBufBuffer', hit: true, ageSeconds: 0 }]);
    expect(upstream.requests.count('execute')).toBe(1);
    expect(lines.join('\n')).toMatch(/Nowhere\/Task.{0,4} names no task of the catalog/);
    expect(lines.join('\n')).toMatch(/WorldViewshed\/viewshed.{0,4} is an asynchronous task/);
    expect(lines.join('\n')).not.toContain('buf/Buffer');
  });
});

describe('cache scope', () => {
  it('should never share an answer between callers with different tokens', async () => {
    const r = await rig((upstream) => ({ serverCredentials: [{ url: upstream.servicesUrl, credential: GATEWAY_USER }] }), {
      security: { users: [GATEWAY_USER, ALICE, BOB] },
    });
    const [alice, bob] = [await tokenFor(r.upstream, ALICE), await tokenFor(r.upstream, BOB)];
    const a1 = await r.run(BUFFER, { input: bufferAt(10) }, alice);
    const b1 = await r.run(BUFFER, { input: bufferAt(10) }, bob);
    const a2 = await r.run(BUFFER, { input: bufferAt(10) }, alice);
    expect([a1, b1, a2].map((answer) => answer.extensions?.runCache?.[0]?.hit)).toEqual([false, false, true]);
    expect(r.executes()).toBe(2);
  });

  it('should share answers of a public service between anonymous callers, but not with a caller who sent a token', async () => {
    const r = await rig();
    const first = await r.run(BUFFER, { input: bufferAt(10) });
    const second = await r.run(BUFFER, { input: bufferAt(10) });
    const withToken = await r.run(BUFFER, { input: bufferAt(10) }, 'a-token-of-its-own');
    expect([first, second, withToken].map((answer) => answer.extensions?.runCache?.[0]?.hit)).toEqual([false, true, false]);
    expect(r.executes()).toBe(2);
  });
});

describeRedis('cached runs in scale-out mode', () => {
  it('should share answers between two gateways on one Redis', async () => {
    const redis = await startRedisServer();
    const upstream = await startGpServer();
    const options = { runCache: { tasks: CACHED }, redisUrl: redis.url, sources: embeddedSources(upstream.servicesUrl) };
    const [a, b] = [await startGateway(options), await startGateway(options)];
    const first = await post(a.graphqlUrl, BUFFER, { input: bufferAt(15) });
    const second = await post(b.graphqlUrl, BUFFER, { input: bufferAt(15) });
    expect(first.extensions?.runCache?.[0]?.hit).toBe(false);
    expect(second.extensions?.runCache?.[0]?.hit).toBe(true);
    expect(second.data).toEqual(first.data);
    expect(upstream.requests.count('execute')).toBe(1);
  });
});
