import { describe, expect, it } from 'vitest';
import { credentialKey, type Credential } from '../../../core/credential.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { JobState } from '../../../core/jobs/job-state.js';
import type { UpstreamJobStatus } from '../../../gateway/arcgis/job-status-response.js';
import { createMemoryAccessGrants } from '../../../gateway/jobs/access-grants.js';
import { JobAccessCheck } from '../../../gateway/jobs/job-access.js';
import { JobCredentials } from '../../../gateway/jobs/job-credentials.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import { ManualClock } from '../../support/manual-clock.js';
import { REF } from './fake-upstream.js';

const alice = { kind: 'caller', token: 'alice-token' } as const;
const bob = { kind: 'caller', token: 'bob-token' } as const;
const EXECUTING: UpstreamJobStatus = { status: 'esriJobExecuting', messages: [] };
const STORED: JobState = stateFromUpstream(REF, EXECUTING);

/** An upstream on which only `readers` may read the job; counts the checks and those in flight. */
const upstream = (readers: readonly Credential[]) => {
  const checks: Credential[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const fetchAs = async (_ref: unknown, credential: Credential): Promise<UpstreamJobStatus> => {
    checks.push(credential);
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    await new Promise((resolve) => setTimeout(resolve, 5));
    inFlight -= 1;
    if (readers.includes(credential)) return EXECUTING;
    throw new GatewayError('FORBIDDEN', 'not yours');
  };
  return { checks, fetchAs, maxInFlight: () => maxInFlight };
};

const check = (fetchAs: ReturnType<typeof upstream>['fetchAs'], clock: ManualClock, credentials = new JobCredentials(60_000, clock)) =>
  new JobAccessCheck({ fetchAs, credentials, grants: createMemoryAccessGrants(clock), ttlMs: 30_000 });

describe('job access check', () => {
  it('should check a non-owner upstream once, keep the grant for its TTL, then check again', async () => {
    const clock = new ManualClock();
    const credentials = new JobCredentials(60_000, clock);
    credentials.remember(REF, alice);
    const { checks, fetchAs } = upstream([alice, bob]);
    const access = check(fetchAs, clock, credentials);
    expect(await access.ensure(REF, { credential: alice }, STORED)).toBeUndefined();
    expect(await access.ensure(REF, { credential: bob }, STORED)).toEqual(EXECUTING);
    await clock.advance(29_999);
    expect(await access.ensure(REF, { credential: bob }, STORED)).toBeUndefined();
    expect(checks).toEqual([bob]);
    await clock.advance(1);
    expect(await access.ensure(REF, { credential: bob }, STORED)).toEqual(EXECUTING);
    expect(checks).toEqual([bob, bob]);
  });

  it('should take the owner named by the stored state (another instance took the submit) without asking upstream', async () => {
    const clock = new ManualClock();
    const { checks, fetchAs } = upstream([alice, bob]);
    const access = check(fetchAs, clock);
    const owned = { ...STORED, submission: { owner: credentialKey(alice), lister: 'a', service: 'Analysis', submittedAt: 0 } };
    expect(await access.ensure(REF, { credential: alice }, owned)).toBeUndefined();
    expect(await access.ensure(REF, { credential: bob }, owned)).toEqual(EXECUTING);
    expect(checks).toEqual([bob]);
  });

  it('should share one upstream check among concurrent watchers of one caller, refusals included', async () => {
    const clock = new ManualClock();
    const { checks, fetchAs, maxInFlight } = upstream([bob]);
    const access = check(fetchAs, clock);
    const granted = await Promise.all(Array.from({ length: 50 }, () => access.ensure(REF, { credential: bob }, STORED)));
    expect(granted.filter((status) => status !== undefined)).toHaveLength(50);
    const refused = await Promise.allSettled(Array.from({ length: 50 }, () => access.ensure(REF, { credential: alice }, STORED)));
    expect(refused.every((outcome) => outcome.status === 'rejected')).toBe(true);
    expect(checks).toEqual([bob, alice]);
    expect(maxInFlight()).toBe(1);
  });

  it('should answer a refusal as a missing job, and grant nothing', async () => {
    const clock = new ManualClock();
    const { checks, fetchAs } = upstream([]);
    const access = check(fetchAs, clock);
    for (let i = 0; i < 2; i++) {
      await expect(access.ensure(REF, { credential: bob }, STORED)).rejects.toSatisfy(
        (error) => error instanceof GatewayError && error.code === 'JOB_NOT_FOUND',
      );
    }
    expect(checks).toEqual([bob, bob]);
  });
});
