import { describe, expect, it } from 'vitest';
import type { RestClient } from '../../../gateway/arcgis/rest-client.js';
import { createServerToken } from '../../../gateway/auth/server-token.js';
import { ManualClock } from '../../support/manual-clock.js';

const SERVICE = 'https://gis.example.com/arcgis/rest/services/X/GPServer';

/** A token service that issues `t<n>` valid for `lifetimeMs` from the clock's now. */
function tokenService(clock: ManualClock, lifetimeMs: number): { client: RestClient; issued: () => number } {
  let count = 0;
  const refuse = (): Promise<never> => Promise.reject(new Error('not the token service'));
  const client: RestClient = {
    getJson: refuse,
    getFile: refuse,
    postForm: () => {
      count++;
      return Promise.resolve({ token: `t${count}`, expires: clock.now() + lifetimeMs });
    },
  };
  return { client, issued: () => count };
}

describe('server token', () => {
  it('should renew a token a minute before it expires, on its clock', async () => {
    const clock = new ManualClock({ start: 1_000_000 });
    const { client, issued } = tokenService(clock, 60 * 60_000);
    const source = createServerToken(SERVICE, { username: 'gateway', password: 'secret' }, client, clock);
    expect(await source.token()).toBe('t1');
    await clock.advance(59 * 60_000 - 1);
    expect(await source.token()).toBe('t1');
    await clock.advance(1);
    expect(await source.token()).toBe('t2');
    expect(issued()).toBe(2);
  });

  it('should renew a short-lived token after three quarters of its lifetime, and at once when invalidated', async () => {
    const clock = new ManualClock();
    const { client } = tokenService(clock, 40_000);
    const source = createServerToken(SERVICE, { username: 'gateway', password: 'secret' }, client, clock);
    expect(await source.token()).toBe('t1');
    await clock.advance(29_999);
    expect(await source.token()).toBe('t1');
    await clock.advance(1);
    expect(await source.token()).toBe('t2');
    source.invalidate('t2');
    expect(await source.token()).toBe('t3');
  });
});
