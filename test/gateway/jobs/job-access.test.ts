import { describe, expect, it } from 'vitest';
import type { Credential } from '../../../core/credential.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { UpstreamJobStatus } from '../../../gateway/arcgis/job-status-response.js';
import { JobAccessCheck } from '../../../gateway/jobs/job-access.js';
import { JobCredentials } from '../../../gateway/jobs/job-credentials.js';
import { ManualClock } from '../../support/manual-clock.js';
import { REF } from './fake-upstream.js';

const alice = { kind: 'caller', token: 'alice-token' } as const;
const bob = { kind: 'caller', token: 'bob-token' } as const;
const EXECUTING: UpstreamJobStatus = { status: 'esriJobExecuting', messages: [] };

/** An upstream on which only `readers` may read the job; counts the checks. */
const upstream = (readers: readonly Credential[]) => {
  const checks: Credential[] = [];
  const fetchAs = (_ref: unknown, credential: Credential): Promise<UpstreamJobStatus> => {
    checks.push(credential);
    return readers.includes(credential) ? Promise.resolve(EXECUTING) : Promise.reject(new GatewayError('FORBIDDEN', 'not yours'));
  };
  return { checks, fetchAs };
};

describe('job access check', () => {
  it('should check a non-owner upstream once, keep the grant for its TTL, then check again', async () => {
    const clock = new ManualClock();
    const credentials = new JobCredentials(60_000, clock);
    credentials.remember(REF, alice);
    const { checks, fetchAs } = upstream([alice, bob]);
    const access = new JobAccessCheck(fetchAs, credentials, 30_000, clock);
    expect(await access.ensure(REF, { credential: alice }, true)).toBeUndefined();
    expect(await access.ensure(REF, { credential: bob }, true)).toEqual(EXECUTING);
    await clock.advance(29_999);
    expect(await access.ensure(REF, { credential: bob }, true)).toBeUndefined();
    expect(checks).toEqual([bob]);
    await clock.advance(1);
    expect(await access.ensure(REF, { credential: bob }, true)).toEqual(EXECUTING);
    expect(checks).toEqual([bob, bob]);
  });

  it('should answer a refusal as a missing job, and grant nothing', async () => {
    const clock = new ManualClock();
    const { checks, fetchAs } = upstream([]);
    const access = new JobAccessCheck(fetchAs, new JobCredentials(60_000, clock), 30_000, clock);
    for (let i = 0; i < 2; i++) {
      await expect(access.ensure(REF, { credential: bob }, true)).rejects.toSatisfy(
        (error) => error instanceof GatewayError && error.code === 'JOB_NOT_FOUND',
      );
    }
    expect(checks).toEqual([bob, bob]);
  });
});
