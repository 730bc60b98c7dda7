import { describe, expect, it } from 'vitest';
import { createRestClient } from '../../../gateway/arcgis/rest-client.js';
import type { GatewayError } from '../../../core/errors/gateway-error.js';
import { failureWithout } from './expect-gateway-error.js';
import { startGpServer } from '../../support/gp-server-fixture.js';

const TOKEN = 'Qz9-secret_token-value';
const SERVICE = 'Elevation/ESRI_Elevation_World/GPServer';

const failure = (promise: Promise<unknown>): Promise<GatewayError> => failureWithout(TOKEN, promise);

describe('rest client against the embedded GPServer with injected faults', () => {
  it('should read a task resource', async () => {
    const server = await startGpServer();
    const client = createRestClient({ timeoutMs: 5_000 });
    const json = await client.getJson(`${server.servicesUrl}/${SERVICE}/Viewshed`);
    expect(json).toMatchObject({ name: 'Viewshed', executionType: 'esriExecutionTypeSynchronous' });
  });

  it('should report an injected 5xx as UPSTREAM_HTTP_ERROR', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'http-status', status: 503 }, routes: ['service'] });
    const error = await failure(createRestClient({ timeoutMs: 5_000 }).getJson(`${server.servicesUrl}/${SERVICE}`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_HTTP_ERROR');
    expect(error.info.arcgisCode).toBe(503);
    expect(error.info.url).toBe(`${server.servicesUrl}/${SERVICE}`);
  });

  it('should report malformed JSON as UPSTREAM_INVALID_RESPONSE', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'malformed-json' }, routes: ['task'] });
    const error = await failure(
      createRestClient({ timeoutMs: 5_000 }).getJson(`${server.servicesUrl}/${SERVICE}/Viewshed`, { token: TOKEN }),
    );
    expect(error.code).toBe('UPSTREAM_INVALID_RESPONSE');
  });

  it('should report a connection reset as UPSTREAM_UNREACHABLE', async () => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'reset' }, routes: ['execute'] });
    const error = await failure(
      createRestClient({ timeoutMs: 5_000 }).postForm(`${server.servicesUrl}/${SERVICE}/Viewshed/execute`, { token: TOKEN }),
    );
    expect(error.code).toBe('UPSTREAM_UNREACHABLE');
    expect(server.requests.count('execute')).toBe(1);
  });

  it('should report latency beyond the timeout as UPSTREAM_TIMEOUT', async () => {
    const server = await startGpServer();
    // undici's timeouts tick at about 0.5 s: the answer comes well after that.
    server.faults.inject({ action: { kind: 'latency', ms: 3_000 }, routes: ['service'] });
    const error = await failure(createRestClient({ timeoutMs: 100 }).getJson(`${server.servicesUrl}/${SERVICE}`, { token: TOKEN }));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toContain('100 ms');
  });

  it.each([
    [499, 'Token Required', 'AUTH_REQUIRED'],
    [498, 'Invalid Token', 'AUTH_INVALID'],
    [403, 'You do not have permissions to access this resource or perform this operation.', 'FORBIDDEN'],
    [500, 'Error executing tool.', 'TASK_FAILED'],
    [500, 'Internal server error.', 'UPSTREAM_ERROR'],
  ] as const)('should map an HTTP-200 error body %i "%s" to %s', async (code, message, expected) => {
    const server = await startGpServer();
    server.faults.inject({ action: { kind: 'error-body', code, message, details: ['one', 'two'] }, routes: ['execute'] });
    const error = await failure(
      createRestClient({ timeoutMs: 5_000 }).postForm(`${server.servicesUrl}/${SERVICE}/Viewshed/execute`, { token: TOKEN }),
    );
    expect(error.code).toBe(expected);
    expect(error.info).toEqual({ arcgisCode: code, details: ['one', 'two'], url: `${server.servicesUrl}/${SERVICE}/Viewshed/execute` });
    expect(error.message).toContain(message);
    expect(error.message).toContain(`${server.servicesUrl}/${SERVICE}/Viewshed/execute`);
  });

  it("should surface the server's own error bodies with their details", async () => {
    const server = await startGpServer();
    const error = await failure(
      createRestClient({ timeoutMs: 5_000 }).getJson(`${server.servicesUrl}/${SERVICE}/NoSuchTask`, { token: TOKEN }),
    );
    expect(error.code).toBe('UPSTREAM_ERROR');
    expect(error.info.arcgisCode).toBe(400);
    expect(error.message).toContain("Task 'NoSuchTask' does not exist");
  });

  it('should report a real token rejection as AUTH_REQUIRED and AUTH_INVALID', async () => {
    const server = await startGpServer({ security: { users: [{ username: 'u', password: 'p' }] } });
    const client = createRestClient({ timeoutMs: 5_000 });
    expect((await failure(client.getJson(`${server.servicesUrl}/${SERVICE}`))).code).toBe('AUTH_REQUIRED');
    expect((await failure(client.getJson(`${server.servicesUrl}/${SERVICE}`, { token: TOKEN }))).code).toBe('AUTH_INVALID');
  });
});
