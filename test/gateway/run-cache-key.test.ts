import { describe, expect, it } from 'vitest';
import { credentialOf, GATEWAY_CREDENTIAL } from '../../core/credential.js';
import { canonicalJson, runCacheKey } from '../../gateway/run-cache/run-cache-key.js';
import { createRunCache } from '../../gateway/run-cache/run-cache.js';
import { systemClock } from '../../core/clock.js';
import { silentLogger } from '../../gateway/log/logger.js';
import type { ExecuteTask } from '../../resolvers/execute-result.js';

const RUN = {
  serviceUrl: 'https://gis.example.com/arcgis/rest/services/Tools/GPServer',
  taskName: 'Buffer',
  params: { Distance: { distance: 1, units: 'esriMeters' }, context: { outSR: { wkid: 3857 } } },
  credential: GATEWAY_CREDENTIAL,
};

describe('run cache keys', () => {
  it('should sort object keys at every depth and keep array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe('{"a":{"c":null,"d":[2,1]},"b":1}');
  });

  it('should give one key whatever order the parameters were built in', () => {
    const reordered = { context: { outSR: { wkid: 3857 } }, Distance: { units: 'esriMeters', distance: 1 } };
    expect(runCacheKey({ ...RUN, params: reordered })).toBe(runCacheKey(RUN));
  });

  it('should tell apart tasks, services, parameters and credentials', () => {
    const keys = [
      runCacheKey(RUN),
      runCacheKey({ ...RUN, taskName: 'Clip' }),
      runCacheKey({ ...RUN, serviceUrl: `${RUN.serviceUrl}2` }),
      runCacheKey({ ...RUN, params: { ...RUN.params, context: { outSR: { wkid: 4326 } } } }),
      runCacheKey({ ...RUN, credential: credentialOf('token-a') }),
      runCacheKey({ ...RUN, credential: credentialOf('token-b') }),
      runCacheKey({ ...RUN, caller: 'app-a' }),
      runCacheKey({ ...RUN, caller: 'app-b' }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.join(' ')).not.toContain('token');
  });

  it('should let the anonymous callers of an open gateway share one scope', () => {
    expect(runCacheKey({ ...RUN, caller: 'anonymous' })).toBe(runCacheKey(RUN));
  });
});

describe('run cache flights', () => {
  it('should send one request upstream in place of a caller that left, the other waiters sharing it', async () => {
    const calls: AbortSignal[] = [];
    const execute: ExecuteTask = (request) =>
      new Promise((resolve, reject) => {
        if (request.signal) calls.push(request.signal);
        request.signal?.addEventListener('abort', () => {
          reject(new Error('aborted'));
        });
        setTimeout(() => {
          resolve({ values: new Map([['out', 1]]), messages: [] });
        }, 50);
      });
    const cache = createRunCache({ tasks: ['Tools/Buffer'] }, { execute, clock: systemClock, log: silentLogger, count: () => undefined });
    const cached = cache.executeFor({ url: RUN.serviceUrl, name: 'Tools' }, 'Buffer');
    if (!cached) throw new Error('the task is marked');
    const first = new AbortController();
    const runs = [first, ...Array.from({ length: 5 }, () => new AbortController())].map((controller) =>
      cached({ ...RUN, signal: controller.signal }),
    );
    await new Promise((resolve) => setTimeout(resolve, 10));
    first.abort();
    const [left, ...waiters] = await Promise.allSettled(runs);
    expect(left?.status).toBe('rejected');
    expect(waiters.every((outcome) => outcome.status === 'fulfilled')).toBe(true);
    expect(calls).toHaveLength(2);
  });
});
