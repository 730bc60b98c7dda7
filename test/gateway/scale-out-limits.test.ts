import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient } from 'graphql-ws';
import { expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { stopChild } from '../support/child-process.js';
import { startGpServer } from '../support/gp-server-fixture.js';
import { startGatewayInstance } from '../support/gateway-instance.js';
import { describeRedis, startRedisServer } from '../support/redis-server.js';

const KEY = 'scale-out-limits-key';

/** One operation of the caller over HTTP: its status, code and retryAfter. */
async function operate(url: string): Promise<{ status: number; code?: unknown; retryAfter?: unknown; header: string | null }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': KEY },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: unknown; retryAfter?: unknown } }[] };
  const extensions = body.errors?.[0]?.extensions;
  return {
    status: response.status,
    code: extensions?.code,
    retryAfter: extensions?.retryAfter,
    header: response.headers.get('retry-after'),
  };
}

/** The same over graphql-ws: the operation's error extensions, or undefined when it ran. */
async function operateWs(url: string): Promise<Record<string, unknown> | undefined> {
  const client = createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { apiKey: KEY },
    retryAttempts: 0,
  });
  try {
    return await new Promise((resolve, reject) => {
      client.subscribe(
        { query: '{ __typename }' },
        {
          next: () => undefined,
          error: (errors: unknown) => {
            const first = Array.isArray(errors) ? (errors[0] as { extensions?: Record<string, unknown> } | undefined) : undefined;
            if (first?.extensions) resolve(first.extensions);
            else reject(errors instanceof Error ? errors : new Error(JSON.stringify(errors)));
          },
          complete: () => {
            resolve(undefined);
          },
        },
      );
    });
  } finally {
    await client.dispose();
  }
}

describeRedis('per-caller limits across gateway instances', () => {
  it('should hold 10 operations a minute across two instances: the 11th is RATE_LIMITED on either', async () => {
    const redis = await startRedisServer();
    const upstream = await startGpServer();
    const dir = mkdtempSync(join(tmpdir(), 'gpgw-limits-'));
    const config = join(dir, 'gateway.json');
    const sha256 = createHash('sha256').update(KEY).digest('hex');
    writeFileSync(config, JSON.stringify({ access: { apiKeys: [{ id: 'frontend', sha256 }], operationsPerMinute: 10 } }));
    const serviceUrl = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer`;
    const instances = await Promise.all(
      [0, 1].map(() => startGatewayInstance(redis.url, serviceUrl, { leaseMs: 1000, pollMs: 200, args: ['--config', config] })),
    );
    const [a, b] = instances;
    if (!a || !b) throw new Error('two instances expected');
    try {
      // Alternating, as a load balancer would spread them: each instance alone would allow 10.
      const answers = [];
      for (let i = 0; i < 10; i += 1) answers.push(await operate((i % 2 === 0 ? a : b).url));
      expect(answers.map((answer) => answer.status)).toEqual(Array<number>(10).fill(200));
      for (const instance of [a, b]) {
        const refused = await operate(instance.url);
        expect(refused.status).toBe(429);
        expect(refused.code).toBe('RATE_LIMITED');
        // One token every 6 s.
        expect(refused.retryAfter).toBeGreaterThanOrEqual(1);
        expect(refused.retryAfter).toBeLessThanOrEqual(6);
        expect(refused.header).toBe(String(refused.retryAfter));
      }
      expect(await operateWs(b.url)).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) as number });
    } finally {
      await Promise.all(instances.map((instance) => stopChild(instance.child)));
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
