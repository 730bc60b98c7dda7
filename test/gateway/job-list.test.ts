import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryJobList, listerOf } from '../../gateway/jobs/job-list.js';
import { listJobs } from '../../gateway/jobs/job-list-page.js';
import { GATEWAY_CREDENTIAL } from '../../core/credential.js';
import type { JobState } from '../../core/jobs/job-state.js';
import { stateFromUpstream } from '../../gateway/jobs/state-from-upstream.js';
import { graphql, startGateway, type RunningGateway } from '../support/gateway-fixture.js';
import { ASYNC_SERVICE, startScriptedGpServer } from '../support/scripted-gpserver.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const KEYS = { alice: 'alice-key-0123456789', bob: 'bob-key-0123456789' } as const;

const call = (gateway: RunningGateway, key: string | undefined, query: string, variables: Record<string, unknown> = {}) =>
  graphql(gateway.graphqlUrl, query, variables, key ? { 'x-api-key': key } : {});

const SUBMIT = 'mutation { submitProcessJob(input: { text: "hello" }) { id } }';
const LIST =
  'query ($first: Int, $after: String, $filter: JobListFilter) { jobs(first: $first, after: $after, filter: $filter) { edges { cursor node { id status task } } pageInfo { hasNextPage endCursor } } }';
interface Page {
  jobs: { edges: { cursor: string; node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

describe('Query.jobs (memory store)', () => {
  it("should list each caller's own jobs only, filtered, and refuse a cursor it did not make", async () => {
    const upstream = await startScriptedGpServer({ advance: 'manual' });
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
      access: { apiKeys: Object.entries(KEYS).map(([id, key]) => ({ id, sha256: sha256(key) })) },
    });
    const ids = async (key: string) =>
      ((await call(gateway, key, SUBMIT)).data as { submitProcessJob: { id: string } } | undefined)?.submitProcessJob.id;
    const alices = [await ids(KEYS.alice), await ids(KEYS.alice)];
    const bobs = [await ids(KEYS.bob)];
    const list = async (key: string, variables: Record<string, unknown> = {}) =>
      ((await call(gateway, key, LIST, variables)).data as Page | undefined)?.jobs;
    expect((await list(KEYS.alice))?.edges.map((e) => e.node.id)).toEqual([...alices].reverse());
    expect((await list(KEYS.bob))?.edges.map((e) => e.node.id)).toEqual(bobs);
    expect((await list(KEYS.alice, { filter: { running: false } }))?.edges).toEqual([]);
    expect((await list(KEYS.alice, { filter: { statuses: ['SUBMITTED'], task: 'Process', service: ASYNC_SERVICE } }))?.edges).toHaveLength(
      2,
    );
    expect((await list(KEYS.alice, { filter: { submittedAfter: new Date(Date.now() + 60_000).toISOString() } }))?.edges).toEqual([]);
    expect((await list(KEYS.alice, { filter: { submittedBefore: new Date(Date.now() - 60_000).toISOString() } }))?.edges).toEqual([]);
    const paged = await list(KEYS.alice, { first: 1 });
    expect(paged?.pageInfo.hasNextPage).toBe(true);
    expect((await list(KEYS.alice, { first: 1, after: paged?.pageInfo.endCursor }))?.edges.map((e) => e.node.id)).toEqual([alices[0]]);

    for (const variables of [{ after: 'not-a-cursor' }, { first: 101 }, { filter: { service: 'Nowhere/Else' } }]) {
      expect((await call(gateway, KEYS.alice, LIST, variables)).errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    }
    expect((await call(gateway, undefined, LIST)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('job list paging', () => {
  const ref = (jobId: string) => ({ serviceUrl: 'http://gp.test/arcgis/rest/services/A/GPServer', task: 'T', jobId });

  it('should page newest first through jobs submitted in the same millisecond, and drop jobs whose state is gone', async () => {
    const list = createMemoryJobList();
    const states = new Map<string, JobState>();
    for (const [i, jobId] of ['j1', 'j2', 'j3', 'j4', 'j5'].entries()) {
      await list.add('me', { ref: ref(jobId), submittedAt: 1000 + Math.floor(i / 2) });
      if (jobId !== 'j3') states.set(jobId, stateFromUpstream(ref(jobId), { status: 'esriJobExecuting', messages: [] }));
    }
    const read = (r: { jobId: string }) => Promise.resolve(states.get(r.jobId));
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await listJobs(list, read, 'me', { first: 1, ...(after ? { after } : {}) });
      seen.push(...page.edges.map((e) => e.state.ref.jobId));
      after = page.edges.at(-1)?.cursor;
      if (!page.hasNextPage) break;
    }
    expect(seen).toEqual(['j5', 'j4', 'j2', 'j1']);
    expect((await list.after('me', undefined, 10)).map((e) => e.ref.jobId)).toEqual(['j5', 'j4', 'j2', 'j1']);
  });

  it('should show one identity only the jobs submitted with the credential it calls with', async () => {
    const list = createMemoryJobList();
    const states = new Map<string, JobState>();
    for (const [jobId, owner] of [
      ['mine', 'caller:me'],
      ['theirs', 'caller:them'],
    ] as const) {
      await list.add('app-key', { ref: ref(jobId), submittedAt: 1000 });
      states.set(jobId, {
        ...stateFromUpstream(ref(jobId), { status: 'esriJobExecuting', messages: [] }),
        submission: { owner, lister: 'app-key', service: 'A', submittedAt: 1000 },
      });
    }
    const page = await listJobs(list, (r) => Promise.resolve(states.get(r.jobId)), 'app-key', {
      first: 10,
      filter: { owner: 'caller:me' },
    });
    expect(page.edges.map((e) => e.state.ref.jobId)).toEqual(['mine']);
  });

  it('should keep the anonymous callers of an open gateway in one list, apart from callers with their own tokens', () => {
    const anonymous = listerOf({ credential: GATEWAY_CREDENTIAL, caller: 'anonymous' });
    expect(listerOf({ credential: GATEWAY_CREDENTIAL })).toBe(anonymous);
    expect(listerOf({ credential: { kind: 'caller', token: 't1' } })).not.toBe(anonymous);
    expect(listerOf({ credential: GATEWAY_CREDENTIAL, caller: 'alice' })).not.toBe(anonymous);
    expect(listerOf({ credential: GATEWAY_CREDENTIAL, caller: 'alice' })).not.toContain('alice');
  });
});
