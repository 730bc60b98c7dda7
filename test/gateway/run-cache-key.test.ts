import { describe, expect, it } from 'vitest';
import { credentialOf, GATEWAY_CREDENTIAL } from '../../core/credential.js';
import { canonicalJson, runCacheKey } from '../../gateway/run-cache/run-cache-key.js';

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
