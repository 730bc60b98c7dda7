import { describe, expect, it } from 'vitest';
import { graphql, startGateway, subscribeSse, type RunningGateway } from '../../support/gateway-fixture.js';
import type { ScriptedGpServer } from '../../support/scripted-gpserver.js';
import { until } from '../../support/gateway-instance.js';
import { RELAY_SERVICE, startRelayServer, THREE_RELAYS, WORKFLOW_STATE, type WorkflowView } from './relay-service.js';

async function setup(options: { concurrentJobsPerCaller?: number } = {}): Promise<{ upstream: ScriptedGpServer; gateway: RunningGateway }> {
  const upstream = await startRelayServer();
  const gateway = await startGateway({
    sources: [{ kind: 'service', url: upstream.serviceUrl(RELAY_SERVICE) }],
    polling: { floorMs: 50, ceilingMs: 50, graceMs: 100, jitter: 0 },
    ...(options.concurrentJobsPerCaller === undefined ? {} : { access: { concurrentJobsPerCaller: options.concurrentJobsPerCaller } }),
  });
  return { upstream, gateway };
}

async function submit(gateway: RunningGateway, deadline?: number): Promise<string> {
  const response = await graphql<{ submitWorkflow: { id: string; status: string } }>(gateway.graphqlUrl, THREE_RELAYS, { deadline });
  expect(response.errors).toBeUndefined();
  expect(['SUBMITTED', 'EXECUTING']).toContain(response.data?.submitWorkflow.status);
  return response.data?.submitWorkflow.id ?? '';
}

async function read(gateway: RunningGateway, id: string): Promise<WorkflowView> {
  const response = await graphql<{ workflow: WorkflowView }>(gateway.graphqlUrl, WORKFLOW_STATE, { id });
  expect(response.errors).toBeUndefined();
  const workflow = response.data?.workflow;
  if (!workflow) throw new Error('no workflow');
  return workflow;
}

/** Reads the workflow until `check` holds. */
async function readUntil(gateway: RunningGateway, id: string, check: (w: WorkflowView) => boolean, what: string): Promise<WorkflowView> {
  let latest = await read(gateway, id);
  const end = Date.now() + 20_000;
  while (!check(latest)) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(latest)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
    latest = await read(gateway, id);
  }
  return latest;
}

const stepOf = (workflow: WorkflowView, id: string) => workflow.steps.find((s) => s.id === id);

/** Waits for the `n`th job upstream and plays it to SUCCEEDED. */
async function succeedJob(upstream: ScriptedGpServer, n: number): Promise<string> {
  await until(() => upstream.jobIds().length >= n, `job ${n}`);
  const jobId = upstream.jobIds()[n - 1] ?? '';
  upstream.advance(jobId);
  upstream.advance(jobId);
  return jobId;
}

describe('workflows on a scripted GPServer', () => {
  it('should run a chain step after step, handing features over by reference, each job submitted once', async () => {
    const { upstream, gateway } = await setup();
    const id = await submit(gateway);
    const first = await succeedJob(upstream, 1);
    await until(() => upstream.jobIds().length >= 2, 'the second job');
    // The second job read the first one's output from its own server: no features went through the gateway.
    expect(JSON.parse(upstream.lastQuery('submitJob').get('Zones') ?? '')).toEqual({
      url: `${upstream.jobUrl(first)}/results/Features`,
    });
    expect(upstream.lastQuery('submitJob').get('Label')).toBe('second');
    await succeedJob(upstream, 2);
    await succeedJob(upstream, 3);
    const done = await readUntil(gateway, id, (w) => w.final, 'the end');
    expect(done.status).toBe('SUCCEEDED');
    expect(done.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
    expect(stepOf(done, 'two')?.handOvers).toEqual([{ input: 'Zones', fromStep: 'one', output: 'Features', mode: 'REFERENCE' }]);
    expect(done.steps.map((s) => s.job?.jobId)).toEqual(upstream.jobIds());
    expect(upstream.counts('submitJob')).toBe(3);
    expect(upstream.counts('result')).toBe(0);
  });

  it('should cancel the running job upstream when the workflow is cancelled mid-chain, and skip the steps after it', async () => {
    const { upstream, gateway } = await setup();
    const id = await submit(gateway);
    await succeedJob(upstream, 1);
    await until(() => upstream.jobIds().length >= 2, 'the second job');
    const second = upstream.jobIds()[1] ?? '';
    upstream.advance(second);
    await readUntil(gateway, id, (w) => stepOf(w, 'two')?.status === 'EXECUTING', 'step two executing');
    const cancelled = await graphql<{ cancelWorkflow: { status: string } }>(
      gateway.graphqlUrl,
      'mutation ($id: ID!) { cancelWorkflow(id: $id) { status } }',
      { id },
    );
    expect(cancelled.errors).toBeUndefined();
    expect(['CANCELLING', 'CANCELLED']).toContain(cancelled.data?.cancelWorkflow.status);
    const done = await readUntil(gateway, id, (w) => w.final, 'the cancel');
    expect(done.status).toBe('CANCELLED');
    expect(upstream.counts('cancel', second)).toBe(1);
    expect(done.steps.map((s) => s.status)).toEqual(['SUCCEEDED', expect.stringMatching(/^CANCELL(ING|ED)$/), 'SKIPPED']);
    expect(upstream.counts('submitJob')).toBe(2);
  });

  it('should stop the chain at a failing middle step, naming the step, its task and the reason', async () => {
    const { upstream, gateway } = await setup();
    const id = await submit(gateway);
    await succeedJob(upstream, 1);
    await until(() => upstream.jobIds().length >= 2, 'the second job');
    const second = upstream.jobIds()[1] ?? '';
    upstream.setJobScript(second, [
      { status: 'esriJobFailed', messages: [{ type: 'esriJobMessageTypeError', description: 'Zones: no features to relay.' }] },
    ]);
    upstream.advance(second);
    const done = await readUntil(gateway, id, (w) => w.final, 'the failure');
    expect(done.status).toBe('FAILED');
    expect(done.failedStep).toMatchObject({ id: 'two', task: 'Relay', error: { message: 'Zones: no features to relay.' } });
    expect(done.messages.at(-1)?.description).toBe("Step 'two' (Relay) ended FAILED: Zones: no features to relay.");
    expect(done.steps.map((s) => s.status)).toEqual(['SUCCEEDED', 'FAILED', 'SKIPPED']);
    expect(upstream.counts('submitJob')).toBe(2);
    expect(upstream.counts('cancel')).toBe(0);
  });

  it('should follow the whole chain on one subscription, to its final status', async () => {
    const { upstream, gateway } = await setup();
    const id = await submit(gateway);
    const events = subscribeSse<{ workflowUpdates: { status: string; steps: { id: string; status: string }[] } }>(
      gateway.graphqlUrl,
      'subscription ($id: ID!) { workflowUpdates(id: $id) { status steps { id status } } }',
      { id },
    );
    for (const n of [1, 2, 3]) await succeedJob(upstream, n);
    const seen = (await events).map((event) => event.data?.workflowUpdates);
    expect(seen.at(-1)?.status).toBe('SUCCEEDED');
    // Every step was seen running and then done, in chain order.
    const firstSeen = (step: string, status: string) => seen.findIndex((w) => w?.steps.find((s) => s.id === step)?.status === status);
    expect(firstSeen('one', 'SUCCEEDED')).toBeLessThan(firstSeen('two', 'SUCCEEDED'));
    expect(firstSeen('two', 'SUCCEEDED')).toBeLessThan(firstSeen('three', 'SUCCEEDED'));
    expect(firstSeen('two', 'SUBMITTED')).toBeGreaterThan(-1);
  });

  it("should cancel a workflow at its deadline although nobody watches it, and list it among the caller's jobs", async () => {
    const { upstream, gateway } = await setup();
    const id = await submit(gateway, 1);
    await until(() => upstream.jobIds().length >= 1, 'the first job');
    const first = upstream.jobIds()[0] ?? '';
    await until(() => upstream.counts('cancel', first) === 1, 'the cancel at the deadline', 10_000);
    const done = await readUntil(gateway, id, (w) => w.final, 'the end');
    expect(done.status).toBe('TIMED_OUT');
    expect(done.steps.map((s) => s.status)).toEqual([expect.stringMatching(/^CANCELL(ING|ED)$/), 'SKIPPED', 'SKIPPED']);
    const listed = await graphql<{ jobs: { edges: { node: { id: string; __typename: string; status: string } }[] } }>(
      gateway.graphqlUrl,
      '{ jobs(first: 5) { edges { node { id __typename status } } } }',
    );
    expect(listed.data?.jobs.edges.map((e) => e.node)).toEqual([{ id, __typename: 'Workflow', status: 'TIMED_OUT' }]);
  });

  it("should count a running workflow as one of the caller's concurrent jobs", async () => {
    const { upstream, gateway } = await setup({ concurrentJobsPerCaller: 1 });
    const id = await submit(gateway);
    const refused = await graphql(gateway.graphqlUrl, 'mutation { submitRelayJob(input: { label: "x" }) { id } }');
    expect(refused.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    await graphql(gateway.graphqlUrl, 'mutation ($id: ID!) { cancelWorkflow(id: $id) { status } }', { id });
    await readUntil(gateway, id, (w) => w.final, 'the cancel');
    const accepted = await graphql(gateway.graphqlUrl, 'mutation { submitRelayJob(input: { label: "x" }) { id } }');
    expect(accepted.errors).toBeUndefined();
    expect(upstream.counts('submitJob')).toBe(2);
  });
});
