import { describe, expect, it } from 'vitest';
import { graphql, startGateway, subscribeSse } from '../support/gateway-fixture.js';
import { ASYNC_SERVICE, startScriptedGpServer } from '../support/scripted-gpserver.js';

const SUBMIT = 'mutation ($deadline: Int) { submitProcessJob(input: { text: "hello" }, deadlineSeconds: $deadline) { id jobId deadline } }';
const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final messages { description } } }';

interface Update {
  jobUpdates: { status: string; final: boolean; messages: { description: string }[] };
}

async function setup(deadlines?: { defaultSeconds?: number; maxSeconds?: number }) {
  const upstream = await startScriptedGpServer({ advance: 'manual' });
  const gateway = await startGateway({
    sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
    polling: { floorMs: 100, ceilingMs: 100, graceMs: 100, jitter: 0 },
    ...(deadlines ? { deadlines } : {}),
  });
  return { upstream, gateway };
}

describe('job deadlines', () => {
  it('should cancel the job upstream at its deadline and end it TIMED_OUT for every watcher, watched or not', async () => {
    const { upstream, gateway } = await setup();
    const submitted = await graphql<{ submitProcessJob: { id: string; jobId: string; deadline: string } }>(gateway.graphqlUrl, SUBMIT, {
      deadline: 1,
    });
    const { id, jobId, deadline } = submitted.data?.submitProcessJob ?? { id: '', jobId: '', deadline: '' };
    expect(Date.parse(deadline)).toBeGreaterThan(Date.now());
    const watchers = await Promise.all([0, 1, 2].map(() => subscribeSse<Update>(gateway.graphqlUrl, UPDATES, { id })));
    for (const events of watchers) {
      const last = events.at(-1)?.data?.jobUpdates;
      expect(last).toMatchObject({ status: 'TIMED_OUT', final: true });
      expect(last?.messages.at(-1)?.description).toMatch(/deadline/);
    }
    expect(upstream.counts('cancel', jobId)).toBe(1);
  });

  it('should keep a deadline when nobody watches the job', async () => {
    const { upstream, gateway } = await setup();
    const submitted = await graphql<{ submitProcessJob: { jobId: string } }>(gateway.graphqlUrl, SUBMIT, { deadline: 1 });
    const jobId = submitted.data?.submitProcessJob.jobId ?? '';
    for (let i = 0; i < 40 && upstream.counts('cancel', jobId) === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(upstream.counts('cancel', jobId)).toBe(1);
  });

  it('should give the default deadline and refuse one past the maximum before anything goes upstream', async () => {
    const { upstream, gateway } = await setup({ defaultSeconds: 600, maxSeconds: 3600 });
    const defaulted = await graphql<{ submitProcessJob: { deadline: string } }>(gateway.graphqlUrl, SUBMIT, {});
    const deadline = Date.parse(defaulted.data?.submitProcessJob.deadline ?? '');
    expect(deadline - Date.now()).toBeGreaterThan(590_000);
    expect(deadline - Date.now()).toBeLessThanOrEqual(600_000);
    for (const refused of [3601, 0, -5]) {
      const response = await graphql(gateway.graphqlUrl, SUBMIT, { deadline: refused });
      expect(response.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    }
    expect(upstream.counts('submitJob')).toBe(1);
  });

  it('should give jobs without a deadline none', async () => {
    const { gateway } = await setup();
    const submitted = await graphql<{ submitProcessJob: { deadline: string | null } }>(gateway.graphqlUrl, SUBMIT, {});
    expect(submitted.data?.submitProcessJob.deadline).toBeNull();
  });
});
