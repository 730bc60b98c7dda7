/**
 * SSRF over real HTTP: a hostile upstream (job statuses with hostile `paramUrl`s, redirects, a
 * directory listing that climbs out of its root) must never get the gateway to request another
 * origin. A second `node:http` server plays the internal target: it must see no request at all.
 */
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../gateway/arcgis/catalog-loader.js';
import { createUpstreamJobStatus } from '../../../gateway/arcgis/job-status-response.js';
import { createRestClient } from '../../../gateway/arcgis/rest-client.js';
import { guardForSources } from '../../../gateway/arcgis/url-guard.js';
import { GATEWAY_CREDENTIAL } from '../../../core/credential.js';
import type { GatewayError } from '../../../core/errors/gateway-error.js';
import { createUpstreamResults } from '../../../gateway/upstream-results.js';
import { graphql, startGateway } from '../../support/gateway-fixture.js';
import { ASYNC_SERVICE, startScriptedGpServer } from '../../support/scripted-gpserver.js';
import { failureWithout } from './expect-gateway-error.js';
import { sendJson, startHttpStub, type HttpStub, type SeenRequest } from './http-stub.js';

const TOKEN = 'sEcReT-t0ken.value';
const failure = (promise: Promise<unknown>): Promise<GatewayError> => failureWithout(TOKEN, promise);

const SERVICE_PATH = '/arcgis/rest/services/Jobs/Hostile/GPServer';
const JOB_PATH = `${SERVICE_PATH}/Process/jobs/j1`;

/** The internal target: answers 200 to anything, so a request that reached it could not go unnoticed. */
async function startInternal(): Promise<HttpStub> {
  return startHttpStub((_req, res) => {
    sendJson(res, { value: 'internal secret', paramName: 'Out', dataType: 'GPString' });
  });
}

/** Hostile `paramUrl`s aimed at the internal origin, every way the brief lists. */
function hostileParamUrls(internal: HttpStub): [string, string][] {
  const host = new URL(internal.origin).host;
  const port = new URL(internal.origin).port;
  return [
    ['an absolute URL to another origin', `${internal.origin}/steal`],
    ['a protocol-relative URL', `//${host}/steal`],
    ['the job host as user info', `//127.0.0.1@${host}/steal`],
    ['a decimal IP', `http://2130706433:${port}/steal`],
    ['a hex IP', `http://0x7f.1:${port}/steal`],
    ['an IPv4-mapped IPv6', `http://[::ffff:127.0.0.1]:${port}/steal`],
    ['../../..', '../../../../../../../../steal'],
    ['%2e%2e/', '%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/steal'],
    ['results/../../../../other', 'results/../../../../other'],
    ['double-encoded', 'results/%252e%252e/%252e%252e/steal'],
    ['backslashes', 'results\\..\\..\\..\\..\\steal'],
  ];
}

describe('the rest client guard', () => {
  it('should refuse a URL outside the configured services before sending anything', async () => {
    const internal = await startInternal();
    const upstream = await startHttpStub((_req, res) => {
      sendJson(res, { ok: true });
    });
    const client = createRestClient({
      timeoutMs: 2_000,
      guard: guardForSources([{ kind: 'service', url: `${upstream.origin}${SERVICE_PATH}#Hostile` }]),
    });
    await expect(client.getJson(`${upstream.origin}${SERVICE_PATH}/Process`, { token: TOKEN })).resolves.toEqual({ ok: true });
    for (const url of [
      `${internal.origin}/steal`,
      `${internal.origin}${SERVICE_PATH}`,
      `${upstream.origin}/arcgis/admin`,
      `${upstream.origin}${SERVICE_PATH}/%2e%2e/%2e%2e/x`,
    ]) {
      const error = await failure(client.getJson(url, { token: TOKEN }));
      expect(error.code).toBe('UPSTREAM_URL_REJECTED');
      const posted = await failure(client.postForm(url, { token: TOKEN, Text: 'x' }));
      expect(posted.code).toBe('UPSTREAM_URL_REJECTED');
    }
    expect(internal.seen).toHaveLength(0);
    expect(upstream.seen.map((r) => r.url.pathname)).toEqual([`${SERVICE_PATH}/Process`]);
  });

  it.each([
    [302, 'GET'],
    [301, 'GET'],
    [307, 'POST'],
    [308, 'POST'],
  ] as const)('should not follow a %i to another origin (%s)', async (status, method) => {
    const internal = await startInternal();
    const upstream = await startHttpStub((_req, res: ServerResponse) => {
      res.writeHead(status, { location: `${internal.origin}/steal?token=${TOKEN}` });
      res.end();
    });
    for (const guard of [undefined, guardForSources([{ kind: 'service', url: `${upstream.origin}${SERVICE_PATH}` }])]) {
      const client = createRestClient({ timeoutMs: 2_000, ...(guard ? { guard } : {}) });
      const url = `${upstream.origin}${JOB_PATH}/results/Out`;
      const error = await failure(method === 'GET' ? client.getJson(url, { token: TOKEN }) : client.postForm(url, { token: TOKEN }));
      expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
      expect(error.info.arcgisCode).toBe(status);
      expect(error.message).toContain(`redirect to ${internal.origin}/steal not followed`);
    }
    expect(upstream.seen).toHaveLength(2);
    expect(internal.seen).toHaveLength(0);
  });
});

describe('job results at the job status paramUrl', () => {
  /** A job whose status document lists `paramUrl` for its output `Out`, and which serves `results/Out`. */
  async function hostileUpstream(paramUrl: () => string): Promise<HttpStub> {
    return startHttpStub((req: SeenRequest, res) => {
      if (req.url.pathname === JOB_PATH) {
        sendJson(res, { jobId: 'j1', jobStatus: 'esriJobSucceeded', messages: [], results: { Out: { paramUrl: paramUrl() } } });
      } else if (req.url.pathname === `${JOB_PATH}/results/Out`) {
        sendJson(res, { paramName: 'Out', dataType: 'GPString', value: 'the result' });
      } else {
        sendJson(res, { error: { code: 400, message: 'Invalid URL', details: [] } });
      }
    });
  }

  it('should fetch the output at a legit paramUrl, and refuse every hostile one without any request', async () => {
    const internal = await startInternal();
    let current = 'results/Out';
    const upstream = await hostileUpstream(() => current);
    const serviceUrl = `${upstream.origin}${SERVICE_PATH}`;
    const client = createRestClient({ timeoutMs: 2_000, guard: guardForSources([{ kind: 'service', url: serviceUrl }]) });
    const fetchStatus = createUpstreamJobStatus(client);
    const fetchResult = createUpstreamResults(() => client);
    const ref = { serviceUrl, task: 'Process', jobId: 'j1' };
    const read = async (): Promise<unknown> => {
      const status = await fetchStatus(ref, new AbortController().signal);
      const paramUrl = status.results?.Out;
      return fetchResult(
        { ref, param: 'Out', returnZ: false, returnM: false, ...(paramUrl === undefined ? {} : { paramUrl }) },
        GATEWAY_CREDENTIAL,
      );
    };

    await expect(read()).resolves.toBe('the result');
    for (const absolute of [
      `${serviceUrl}/Process/jobs/j1/results/Out`,
      `http://127.1:${new URL(upstream.origin).port}${JOB_PATH}/results/Out`,
    ]) {
      current = absolute;
      await expect(read()).resolves.toBe('the result');
    }
    const legitRequests = upstream.seen.length;

    for (const [name, hostile] of hostileParamUrls(internal)) {
      current = hostile;
      const error = await failure(read());
      expect(error.code, name).toBe('UPSTREAM_URL_REJECTED');
      expect(error.message, name).toContain('paramUrl');
    }
    // One status request per hostile paramUrl, and nothing else: no result request, nothing internal.
    expect(upstream.seen.slice(legitRequests).map((r) => r.url.pathname)).toEqual(hostileParamUrls(internal).map(() => JOB_PATH));
    expect(internal.seen).toHaveLength(0);
  });

  it('should confine the constructed results URL as well', async () => {
    const upstream = await startHttpStub((_req, res) => {
      sendJson(res, { value: 'x' });
    });
    const serviceUrl = `${upstream.origin}${SERVICE_PATH}`;
    const client = createRestClient({ timeoutMs: 2_000 });
    const fetchResult = createUpstreamResults(() => client);
    for (const ref of [
      { serviceUrl, task: 'Process', jobId: '..' },
      { serviceUrl, task: '..', jobId: 'j1' },
    ]) {
      const error = await failure(fetchResult({ ref, param: 'Out', returnZ: false, returnM: false }, GATEWAY_CREDENTIAL));
      expect(error.code).toBe('UPSTREAM_URL_REJECTED');
    }
    const error = await failure(
      fetchResult({ ref: { serviceUrl, task: 'Process', jobId: 'j1' }, param: '..', returnZ: false, returnM: false }, GATEWAY_CREDENTIAL),
    );
    expect(error.code).toBe('UPSTREAM_URL_REJECTED');
    expect(upstream.seen).toHaveLength(0);
    await expect(
      fetchResult(
        { ref: { serviceUrl, task: 'Process', jobId: 'j1' }, param: 'Out Raster', returnZ: false, returnM: false },
        GATEWAY_CREDENTIAL,
      ),
    ).resolves.toBe('x');
    expect(upstream.seen[0]?.url.pathname).toBe(`${JOB_PATH}/results/Out%20Raster`);
  });
});

describe('a services root that lists names climbing out of it', () => {
  it('should crawl only under the configured root', async () => {
    const ROOT_PATH = '/server/rest/services';
    const upstream = await startHttpStub((req, res) => {
      if (req.url.pathname === ROOT_PATH) {
        sendJson(res, {
          currentVersion: 11.3,
          folders: ['..', '%2e%2e', 'Good'],
          services: [{ name: '../../../admin/Steal', type: 'GPServer' }],
        });
      } else if (req.url.pathname === `${ROOT_PATH}/Good`) {
        sendJson(res, { currentVersion: 11.3, folders: [], services: [{ name: 'Good/%2e%2e', type: 'GPServer' }] });
      } else {
        sendJson(res, { error: { code: 404, message: 'Not found', details: [] } });
      }
    });
    const rootUrl = `${upstream.origin}${ROOT_PATH}`;
    const sources = [{ kind: 'services-root', url: rootUrl }] as const;
    const client = createRestClient({ timeoutMs: 2_000, guard: guardForSources(sources) });
    const catalog = await loadCatalog(sources, { client, concurrency: 4 });

    expect(upstream.seen.map((r) => r.url.pathname).sort()).toEqual([ROOT_PATH, `${ROOT_PATH}/Good`]);
    const errors = catalog.services.flatMap((s) => (s.status === 'error' ? [s.error] : []));
    expect(errors).toHaveLength(4);
    for (const error of errors) expect(error).toContain('was not requested');
  });
});

describe('through the gateway', () => {
  it('should never request another origin for a job whose status and results point elsewhere', async () => {
    const internal = await startInternal();
    const scripted = await startScriptedGpServer({ script: [{ status: 'esriJobExecuting' }, { status: 'esriJobSucceeded' }] });
    /** The paramUrl every output gets; undefined keeps the server's own (`results/<name>`). */
    let hostile: string | undefined;
    // A hostile GPServer: the scripted one behind a proxy that rewrites every `paramUrl` of a job
    // status and answers every result with a redirect to the internal target.
    const proxy = await startHttpStub((req, res) => {
      void (async () => {
        if (/\/jobs\/[^/]+\/results\//.test(req.url.pathname)) {
          res.writeHead(302, { location: `${internal.origin}/steal` });
          res.end();
          return;
        }
        const answer = await fetch(`${scripted.origin}${req.url.pathname}${req.url.search}`, {
          method: req.method,
          headers: { 'content-type': req.headers['content-type'] ?? 'application/x-www-form-urlencoded' },
          ...(req.method === 'POST' ? { body: req.body } : {}),
        });
        let body: unknown = await answer.json();
        if (
          hostile !== undefined &&
          /\/jobs\/[^/]+$/.test(req.url.pathname) &&
          typeof body === 'object' &&
          body !== null &&
          'results' in body
        ) {
          const results = body.results as Record<string, unknown>;
          const paramUrl = hostile;
          body = { ...body, results: Object.fromEntries(Object.keys(results).map((name) => [name, { paramUrl }])) };
        }
        sendJson(res, body, answer.status);
      })();
    });
    const requested: string[] = [];
    const recordingFetch: typeof fetch = (input, init) => {
      requested.push(input instanceof Request ? input.url : input.toString());
      return fetch(input, init);
    };
    const serviceUrl = `${proxy.origin}/arcgis/rest/services/${ASYNC_SERVICE}/GPServer`;
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: serviceUrl }],
      polling: { floorMs: 10, ceilingMs: 40, graceMs: 100, jitter: 0 },
      fetch: recordingFetch,
    });

    const cases: [string, string | undefined, string][] = [
      ["the server's own paramUrl, answered by a redirect", undefined, 'UPSTREAM_HTTP_ERROR'],
      ...hostileParamUrls(internal).map(([name, paramUrl]): [string, string, string] => [name, paramUrl, 'UPSTREAM_URL_REJECTED']),
    ];
    for (const [name, paramUrl, code] of cases) {
      hostile = paramUrl;
      const response = await graphql<{ runProcess: { status: string; results: { summary: string | null } | null } }>(
        gateway.graphqlUrl,
        'mutation { runProcess(input: { text: "x" }) { status results { summary } } }',
      );
      expect(response.data?.runProcess.status, name).toBe('SUCCEEDED');
      expect(response.data?.runProcess.results?.summary ?? null, name).toBeNull();
      const error = response.errors?.[0];
      expect(error?.path, name).toEqual(['runProcess', 'results', 'summary']);
      expect(error?.extensions?.code, name).toBe(code);
      expect(error?.message, name).not.toContain('internal secret');
    }
    expect(requested.length).toBeGreaterThan(0);
    expect(requested.filter((url) => new URL(url).origin !== proxy.origin)).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(`${serviceUrl}/`) && !url.startsWith(`${serviceUrl}?`))).toEqual([]);
    // Only the server's own paramUrl was requested (and its redirect not followed); every hostile one was refused first.
    expect(proxy.seen.filter((r) => r.url.pathname.includes('/results/'))).toHaveLength(1);
    // Only the server's own paramUrl was requested (and its redirect not followed); every hostile one was refused first.
    expect(proxy.seen.filter((r) => r.url.pathname.includes('/results/'))).toHaveLength(1);
    expect(internal.seen).toHaveLength(0);
  });
});
