import { describe, expect, it } from 'vitest';
import { FileLinks, credentialDigest } from '../../../core/files/file-links.js';

const URL_ = 'https://gis.example.com/arcgis/rest/directories/arcgisjobs/x_gpserver/j1/scratch/out.csv';
const JOB = { serviceUrl: 'https://gis.example.com/arcgis/rest/services/X/GPServer', task: 'T', jobId: 'j1' };

describe('file links', () => {
  it("should grant what was sealed, for a job's file and for a run's", () => {
    const links = new FileLinks(undefined);
    expect(links.verify(links.id(URL_, { job: JOB }))).toEqual({ url: URL_, job: JOB, credentialDigest: undefined });
    const caller = { kind: 'caller', token: 't0k3n' } as const;
    expect(links.verify(links.id(URL_, { credential: caller }))).toEqual({
      url: URL_,
      job: undefined,
      credentialDigest: credentialDigest(caller),
    });
  });

  it('should refuse an altered, truncated, foreign or expired id', () => {
    let now = 1_000;
    const links = new FileLinks('shared secret', 60_000, { now: () => now });
    const id = links.id(URL_, { job: JOB });
    const flipped = Buffer.from(id, 'base64url');
    flipped[20] = (flipped[20] ?? 0) ^ 1;
    expect(links.verify(flipped.toString('base64url'))).toBeUndefined();
    expect(links.verify(id.slice(0, 30))).toBeUndefined();
    expect(links.verify('')).toBeUndefined();
    expect(new FileLinks('another secret', 60_000, { now: () => now }).verify(id)).toBeUndefined();
    // Instances with the same secret accept each other's links (scale-out).
    expect(new FileLinks('shared secret', 60_000, { now: () => now }).verify(id)?.url).toBe(URL_);
    now += 60_001;
    expect(links.verify(id)).toBeUndefined();
  });

  it('should give different digests to different tokens, and none of them the token', () => {
    const a = credentialDigest({ kind: 'caller', token: 'a' });
    expect(a).not.toBe(credentialDigest({ kind: 'caller', token: 'b' }));
    expect(a).not.toBe(credentialDigest({ kind: 'gateway' }));
    expect(a).toMatch(/^[\w-]{43}$/);
  });
});
