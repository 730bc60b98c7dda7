import { describe, expect, it } from 'vitest';
import { GATEWAY_CREDENTIAL } from '../../../core/credential.js';
import { JobCredentials } from '../../../gateway/jobs/job-credentials.js';
import { REF } from './fake-upstream.js';

const alice = { kind: 'caller', token: 'alice-token' } as const;

describe('job credentials', () => {
  it('should know no owner for a job it has no entry for, so that a caller is checked upstream', () => {
    const credentials = new JobCredentials();
    expect(credentials.isOwner(REF, GATEWAY_CREDENTIAL)).toBe(false);
    credentials.remember(REF, GATEWAY_CREDENTIAL);
    expect(credentials.isOwner(REF, GATEWAY_CREDENTIAL)).toBe(true);
    expect(credentials.isOwner(REF, alice)).toBe(false);
  });

  it('should keep at most maxEntries, dropping the least recently remembered', () => {
    const credentials = new JobCredentials(60_000, { now: () => 0 }, 3);
    const refs = Array.from({ length: 5 }, (_, i) => ({ ...REF, jobId: `j${i}` }));
    for (const ref of refs) credentials.remember(ref, alice);
    credentials.remember(refs[2] ?? REF, alice);
    expect(refs.map((ref) => credentials.isOwner(ref, alice))).toEqual([false, false, true, true, true]);
  });
});
