import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../gateway/arcgis/rest-client.js';
import type { GatewayError } from '../../../core/errors/gateway-error.js';
import { failureWithout } from './expect-gateway-error.js';
import { closedPort, sendJson, startHttpStub } from './http-stub.js';

const TOKEN = 'sEcReT-t0ken.value';

const failure = (promise: Promise<unknown>): Promise<GatewayError> => failureWithout(TOKEN, promise);

describe('rest client over plain HTTP', () => {
  it("should leave nothing on the caller's signal once a request is over, answered or failed", async () => {
    const stub = await startHttpStub((_req, res) => {
      sendJson(res, { ok: true });
    });
    const client = createRestClient({ timeoutMs: 2_000 });
    const caller = new AbortController();
    for (let i = 0; i < 20; i++) await client.getJson(`${stub.origin}/x`, {}, { signal: caller.signal });
    await client.getJson(`http://127.0.0.1:${await closedPort()}/x`, {}, { signal: caller.signal }).catch(() => undefined);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });

  it('should GET with f=json and the parameters, JSON-encoding non-strings', async () => {
    const stub = await startHttpStub((_req, res) => {
      sendJson(res, { ok: true });
    });
    const client = createRestClient({ timeoutMs: 2_000 });
    const json = await client.getJson(`${stub.origin}/arcgis/rest/services`, {
      f: 'html',
      n: 3,
      sr: { wkid: 4326 },
      name: 'a b',
      skip: undefined,
    });
    expect(json).toEqual({ ok: true });
    const request = stub.seen[0];
    expect(request?.method).toBe('GET');
    expect(Object.fromEntries(request?.url.searchParams ?? [])).toEqual({ f: 'json', n: '3', sr: '{"wkid":4326}', name: 'a b' });
  });

  it('should POST a form-encoded body with f=json', async () => {
    const stub = await startHttpStub((_req, res) => {
      sendJson(res, { jobId: 'j1' });
    });
    const client = createRestClient({ timeoutMs: 2_000 });
    await client.postForm(`${stub.origin}/submitJob`, { Input: { features: [] }, Flag: true, Text: 'x&y=z' });
    const request = stub.seen[0];
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(Object.fromEntries(new URLSearchParams(request?.body))).toEqual({
      Input: '{"features":[]}',
      Flag: 'true',
      Text: 'x&y=z',
      f: 'json',
    });
    expect(request?.url.search).toBe('');
  });

  it('should use an injected fetch', async () => {
    const seen: string[] = [];
    const fakeFetch: typeof fetch = (input) => {
      seen.push(input instanceof URL ? input.href : typeof input === 'string' ? input : input.url);
      return Promise.resolve(new Response('{"a":1}', { status: 200 }));
    };
    const client = createRestClient({ fetch: fakeFetch, timeoutMs: 1_000 });
    expect(await client.getJson('http://example.invalid/x')).toEqual({ a: 1 });
    expect(seen).toEqual(['http://example.invalid/x?f=json']);
  });

  it('should map a non-2xx answer to UPSTREAM_HTTP_ERROR with the status', async () => {
    const stub = await startHttpStub((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    const error = await failure(createRestClient({ timeoutMs: 2_000 }).getJson(`${stub.origin}/svc`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
    expect(error.info.arcgisCode).toBe(502);
    expect(error.message).toContain(`${stub.origin}/svc`);
    expect(error.info.url).toBe(`${stub.origin}/svc`);
  });

  it('should not follow a redirect, to another origin or any', async () => {
    const target = await startHttpStub((_req, res) => {
      sendJson(res, { stolen: true });
    });
    const stub = await startHttpStub((_req, res) => {
      res.writeHead(302, { location: `${target.origin}/elsewhere?token=${TOKEN}` });
      res.end();
    });
    const error = await failure(createRestClient({ timeoutMs: 2_000 }).getJson(`${stub.origin}/svc`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
    expect(error.info.arcgisCode).toBe(302);
    expect(error.message).toContain('not followed');
    expect(target.seen).toHaveLength(0);
  });

  it('should map a body that is not JSON to UPSTREAM_INVALID_RESPONSE', async () => {
    const stub = await startHttpStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html><body>ArcGIS login page</body></html>');
    });
    const error = await failure(createRestClient({ timeoutMs: 2_000 }).getJson(`${stub.origin}/svc`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_INVALID_RESPONSE');
    expect(error.message).toContain('did not answer JSON');
  });

  it('should map HTTP-200 error bodies by their ArcGIS code', async () => {
    const bodies = [
      [{ code: 499, message: 'Token Required', details: [] }, 'AUTH_REQUIRED'],
      [{ code: 498, message: 'Invalid Token', details: [] }, 'AUTH_INVALID'],
      [{ code: 403, message: 'You do not have permissions', details: [] }, 'FORBIDDEN'],
      [{ code: 500, message: 'Error executing tool.', details: ['ERROR 000824: The tool is not licensed.'] }, 'TASK_FAILED'],
      [{ code: 400, message: 'Unable to complete operation.', details: ['Task does not exist'] }, 'UPSTREAM_ERROR'],
    ] as const;
    let next = 0;
    const stub = await startHttpStub((_req, res) => {
      sendJson(res, { error: bodies[next++]?.[0] });
    });
    const client = createRestClient({ timeoutMs: 2_000 });
    for (const [body, code] of bodies) {
      const error = await failure(client.postForm(`${stub.origin}/task/execute`, { token: TOKEN }));
      expect(error.code).toBe(code);
      expect(error.info.arcgisCode).toBe(body.code);
      expect(error.info.details).toEqual(body.details);
      expect(error.message).toContain(body.message);
      expect(error.message).toContain(`${stub.origin}/task/execute`);
    }
  });

  it('should time out a slow answer with UPSTREAM_TIMEOUT', async () => {
    const stub = await startHttpStub((_req, res) => {
      setTimeout(() => {
        sendJson(res, {});
      }, 5_000);
    });
    // The answer (valid JSON, 5 s later) would be a success: only the timeout makes this a failure.
    const error = await failure(createRestClient({ timeoutMs: 100 }).getJson(`${stub.origin}/slow`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
  });

  it('should time out a body that stalls after the headers', async () => {
    const stub = await startHttpStub((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"jobId":');
    });
    const error = await failure(createRestClient({ timeoutMs: 150 }).getJson(`${stub.origin}/stall`));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
  });

  it("should rethrow the caller's abort reason, not a gateway error", async () => {
    const stub = await startHttpStub((_req, res) => {
      setTimeout(() => {
        sendJson(res, {});
      }, 1_000);
    });
    const controller = new AbortController();
    const pending = createRestClient({ timeoutMs: 5_000 }).getJson(`${stub.origin}/slow`, {}, { signal: controller.signal });
    const reason = new Error('client went away');
    setTimeout(() => {
      controller.abort(reason);
    }, 50);
    await expect(pending).rejects.toBe(reason);
  });

  it('should map a refused connection to UPSTREAM_UNREACHABLE', async () => {
    const port = await closedPort();
    const error = await failure(createRestClient({ timeoutMs: 2_000 }).getJson(`http://127.0.0.1:${port}/svc`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_UNREACHABLE');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('should map a DNS failure to UPSTREAM_UNREACHABLE', async () => {
    // undici's shape for a failed lookup, injected so the test needs no resolver.
    const dnsFailure: typeof fetch = () =>
      Promise.reject(
        new TypeError('fetch failed', {
          cause: Object.assign(new Error('getaddrinfo ENOTFOUND no-such-host.invalid'), { code: 'ENOTFOUND' }),
        }),
      );
    const client = createRestClient({ fetch: dnsFailure, timeoutMs: 5_000 });
    const error = await failure(client.getJson(`http://no-such-host.invalid/svc?token=${TOKEN}`));
    expect(error.code).toBe('UPSTREAM_UNREACHABLE');
    expect(error.message).toContain('ENOTFOUND');
    expect(error.info.url).toBe('http://no-such-host.invalid/svc');
  });
});
