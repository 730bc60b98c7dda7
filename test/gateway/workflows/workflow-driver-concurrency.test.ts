/* eslint-disable @typescript-eslint/require-await, @typescript-eslint/no-non-null-assertion, @typescript-eslint/no-unnecessary-type-assertion -- review reproductions */
import { describe, expect, it } from 'vitest';
import { workflowRef } from '../../../core/workflows/workflow-state.js';
import { asyncStep, harness, initialState, instantUpstream, syncStep, waitFor } from './driver-harness.review.js';

describe('review: workflow driver under concurrency', () => {
  it('runs a workflow of 20 parallel asynchronous steps (MAX_WORKFLOW_STEPS) without failing a step on lost writes', async () => {
    const upstream = instantUpstream();
    const h = harness({ upstream, jobStatus: () => 'esriJobSucceeded' });
    const steps = Array.from({ length: 20 }, (_, i) => asyncStep(`s${i}`));
    const ref = workflowRef('wide');
    await h.hub.seed(initialState('wide', steps));
    const leave = h.drive(ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    console.log(
      'store puts',
      h.puts,
      'failed steps',
      done.workflow.steps.filter((s) => s.status === 'FAILED').map((s) => s.error?.message),
    );
    expect(done.workflow.steps.filter((s) => s.status === 'FAILED').map((s) => s.error?.message)).toEqual([]);
    expect(done.status).toBe('SUCCEEDED');
  });

  it('runs a workflow of 20 parallel synchronous steps without failing a step on lost writes', async () => {
    const upstream = instantUpstream();
    const h = harness({ upstream });
    const steps = Array.from({ length: 20 }, (_, i) => syncStep(`s${i}`));
    const ref = workflowRef('wide-sync');
    await h.hub.seed(initialState('wide-sync', steps));
    const leave = h.drive(ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    console.log('store puts', h.puts, 'executes', upstream.executes.length);
    expect(done.workflow.steps.filter((s) => s.status === 'FAILED').map((s) => s.error?.message)).toEqual([]);
    expect(done.status).toBe('SUCCEEDED');
    expect(upstream.executes).toHaveLength(20);
  });
});

import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import type { JobStore } from '../../../gateway/jobs/job-store.js';
import { isWorkflowState, type WorkflowState } from '../../../core/workflows/workflow-state.js';
import type { ExecuteResult } from '../../../resolvers/execute-result.js';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('review: a pass acting on a state read before a concurrent start finished', () => {
  it('executes a synchronous step once, even when it finishes while the pass folds in another step’s job change', async () => {
    const releases: (() => void)[] = [];
    const upstream = instantUpstream({
      execute: (target) =>
        new Promise<ExecuteResult>((resolve) => {
          upstream.executes.push(target.task);
          releases.push(() => {
            resolve({ values: new Map([['Out', 1]]), messages: [] });
          });
        }),
    });
    let armed = false;
    const wrapStore = (inner: JobStore): JobStore => ({
      ...inner,
      get: (key) => inner.get(key),
      subscribe: (key, listener) => inner.subscribe(key, listener),
      async put(state) {
        const ok = await inner.put(state);
        // The pass is folding step A's job change in: let S's execute answer and S's start finish now.
        if (ok && armed && isWorkflowState(state) && state.workflow.steps.find((s) => s.id === 'A')?.status === 'SUCCEEDED') {
          armed = false;
          releases.shift()?.();
          await turns(20);
        }
        return ok;
      },
    });
    const h = harness({ upstream, wrapStore });
    const ref = workflowRef('race');
    const start = initialState('race', [asyncStep('A'), syncStep('S')]);
    const running: WorkflowState = {
      ...start,
      workflow: {
        steps: start.workflow.steps.map((s) => (s.id === 'A' ? { ...s, status: 'EXECUTING', jobId: 'jA', startedAt: Date.now() } : s)),
      },
    };
    await h.hub.seed(running);
    const leave = h.drive(ref);
    await waitFor(
      async () => upstream.executes.length,
      (n) => n === 1,
      'S executing',
    );
    armed = true;
    await h.hub.seed(
      stateFromUpstream(
        { serviceUrl: asyncStep('A').serviceUrl, task: 'Relay', jobId: 'jA' },
        { status: 'esriJobSucceeded', messages: [] },
      ),
    );
    await turns(50);
    for (const release of releases.splice(0)) release();
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    expect(done.status).toBe('SUCCEEDED');
    // The synchronous task ran twice upstream for one step.
    expect(upstream.executes).toEqual(['Echo']);
  });
});

import { createMemoryIdempotencyStore } from '../../../gateway/jobs/idempotency.js';
import type { JobState } from '../../../core/jobs/job-state.js';

describe('review: stopping a workflow a dead driver left mid-submit', () => {
  it('cancels upstream the job the dead driver submitted (recorded under the step’s idempotency key) when the takeover finds a cancel', async () => {
    const idempotency = createMemoryIdempotencyStore();
    const orphan = { serviceUrl: asyncStep('one').serviceUrl, task: 'Relay', jobId: 'j-submitted-by-A' };
    // Instance A: `once` for step 'one' submitted and recorded the job, then A died before writing jobId.
    await idempotency.once('workflow\nw-orphan\none', async () => orphan);
    const cancels: string[] = [];
    const upstream = instantUpstream({
      async cancel(ref) {
        cancels.push(ref.jobId);
        return stateFromUpstream(ref, { status: 'esriJobCancelled', messages: [] });
      },
    });
    const h = harness({ upstream, idempotency });
    const ref = workflowRef('w-orphan');
    const start = initialState('w-orphan', [asyncStep('one'), asyncStep('two', 'one')]);
    await h.hub.seed({
      ...start,
      workflow: {
        cancelRequested: true,
        steps: start.workflow.steps.map((s) => (s.id === 'one' ? { ...s, status: 'NEW', startedAt: Date.now() } : s)),
      },
    } as WorkflowState);
    const leave = h.drive(ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    expect(done.status).toBe('CANCELLED');
    console.log(done.workflow.steps.map((s) => [s.id, s.status, s.jobId]));
    // The job A submitted runs on upstream, and nobody will ever cancel or see it.
    expect(cancels).toEqual(['j-submitted-by-A']);
  });
});

describe('review: cancel while a step is being submitted (sanity)', () => {
  it('cancels the job whose submit was in flight when the cancel came', async () => {
    let release: (() => void) | undefined;
    const cancels: string[] = [];
    const upstream = instantUpstream({
      submit: (target) =>
        new Promise<JobState>((resolve) => {
          release = () => {
            resolve(
              stateFromUpstream(
                { serviceUrl: target.serviceUrl, task: target.task, jobId: 'j1' },
                { status: 'esriJobSubmitted', messages: [] },
              ),
            );
          };
        }),
      async cancel(ref) {
        cancels.push(ref.jobId);
        return stateFromUpstream(ref, { status: 'esriJobCancelled', messages: [] });
      },
    });
    const h = harness({ upstream });
    const ref = workflowRef('w-cancel');
    await h.hub.seed(initialState('w-cancel', [asyncStep('one')]));
    const leave = h.drive(ref);
    await waitFor(
      async () => release,
      (r) => r !== undefined,
      'the submit',
    );
    const { requestCancel } = await import('../../../gateway/workflows/workflow-cancel.js');
    await requestCancel(h.hub, ref);
    await turns(10);
    release?.();
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    expect(done.status).toBe('CANCELLED');
    expect(cancels).toEqual(['j1']);
  });
});

describe('review: deadline and cancel during a synchronous step', () => {
  it('ends TIMED_OUT at the deadline, aborting the synchronous execute in flight, rather than when it answers', async () => {
    let aborted = false;
    const upstream = instantUpstream({
      execute: (_target, _params, _credential, signal) =>
        new Promise<ExecuteResult>((resolve) => {
          signal.addEventListener('abort', () => {
            aborted = true;
          });
          setTimeout(() => {
            resolve({ values: new Map([['Out', 1]]), messages: [] });
          }, 3_000);
        }),
    });
    const h = harness({ upstream });
    const ref = workflowRef('w-deadline');
    const start = initialState('w-deadline', [syncStep('slow'), syncStep('next', 'slow')]);
    const began = Date.now();
    await h.hub.seed({ ...start, submission: { ...start.submission!, deadline: began + 200 } });
    const leave = h.drive(ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    const late = Date.now() - began;
    expect(done.status).toBe('TIMED_OUT');
    expect(late).toBeLessThan(1_500);
    expect(aborted).toBe(true);
  });
});

import { createMemoryJobStore, jobKey } from '../../../gateway/jobs/job-store.js';

describe('review: size of a workflow state', () => {
  it('does not push every other finished job out of the memory store (maxFinishedBytes 32 MiB) with one workflow', async () => {
    const store = createMemoryJobStore();
    const other = { serviceUrl: asyncStep('x').serviceUrl, task: 'Relay', jobId: 'someone-elses-job' };
    await store.put({ ...stateFromUpstream(other, { status: 'esriJobSucceeded', messages: [] }), version: 1 });
    const big = 'x'.repeat(7 * 1024 * 1024); // under the 8 MiB a step may keep
    const upstream = instantUpstream({ execute: async () => ({ values: new Map([['Out', big]]), messages: [] }) });
    const h = harness({ upstream, store });
    const ref = workflowRef('w-big');
    await h.hub.seed(
      initialState(
        'w-big',
        [0, 1, 2, 3, 4].map((i) => syncStep(`s${i}`)),
      ),
    );
    const leave = h.drive(ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
      20_000,
    );
    leave();
    // One 7 MiB answer is kept; the next would pass the workflow's 8 MiB: that step fails and says so.
    expect(done.status).toBe('FAILED');
    expect(done.messages.at(-1)?.description).toMatch(/a workflow keeps at most 8388608 bytes of its synchronous steps' outputs/);
    expect(JSON.stringify(done).length).toBeLessThan(8 * 1024 * 1024 + 64 * 1024);
    expect(await store.get(jobKey(other))).toBeDefined();
  });
});

import { GatewayError } from '../../../core/errors/gateway-error.js';

describe('review: a step job whose polls keep failing on its credential', () => {
  it('does not leave the workflow running forever when the step job can no longer be read (token expired, or gateway credential after a takeover)', async () => {
    const upstream = instantUpstream();
    const h = harness({ upstream, jobStatus: () => new GatewayError('TOKEN_EXPIRED', 'Token expired.') });
    const ref = workflowRef('w-token');
    await h.hub.seed(initialState('w-token', [asyncStep('one'), asyncStep('two', 'one')]));
    const leave = h.drive(ref);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const state = await h.read(ref);
    leave();
    console.log(
      state.status,
      state.final,
      state.workflow.steps.map((s) => [s.id, s.status, s.error?.code]),
    );
    // Without a deadline nothing ever ends it: step 'one' stays SUBMITTED with a fault, the workflow EXECUTING.
    expect(state.final).toBe(true);
  });
});

describe('review: a store error right after a step’s submitJob answered', () => {
  it('keeps the job it submitted (no orphan upstream, the step not failed) when seeding the step job’s state fails once', async () => {
    let failNext = true;
    const cancels: string[] = [];
    const upstream = instantUpstream({
      async cancel(ref) {
        cancels.push(ref.jobId);
        return stateFromUpstream(ref, { status: 'esriJobCancelled', messages: [] });
      },
    });
    const wrapStore = (inner: JobStore): JobStore => ({
      get: (key) => inner.get(key),
      subscribe: (key, listener) => inner.subscribe(key, listener),
      async put(state) {
        if (failNext && state.ref.jobId === 'j1') {
          failNext = false;
          throw new GatewayError('UPSTREAM_UNREACHABLE', 'Redis is away a moment.');
        }
        return inner.put(state);
      },
    });
    const h = harness({ upstream, wrapStore, jobStatus: () => 'esriJobSucceeded' });
    const ref = workflowRef('w-seed');
    await h.hub.seed(initialState('w-seed', [asyncStep('one')]));
    const leave = h.drive(ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    leave();
    console.log(
      done.status,
      upstream.submits,
      done.workflow.steps.map((s) => [s.id, s.status, s.jobId, s.error?.message]),
      'cancels',
      cancels,
    );
    // j1 was submitted upstream and runs there; the workflow forgot it (and failed, or submitted j2).
    expect(done.workflow.steps[0]?.jobId).toBe('j1');
    expect(done.status).toBe('SUCCEEDED');
  });
});

describe('review: the final state of a cancelled workflow', () => {
  it('leaves no step running (CANCELLING, no endedAt) in a final workflow when the server answers the cancel with esriJobCancelling', async () => {
    const upstream = instantUpstream({
      async cancel(ref) {
        return stateFromUpstream(ref, { status: 'esriJobCancelling', messages: [] });
      },
    });
    const h = harness({ upstream, jobStatus: () => 'esriJobExecuting' });
    const ref = workflowRef('w-cancelling');
    await h.hub.seed(initialState('w-cancelling', [asyncStep('one')]));
    const leave = h.drive(ref);
    await waitFor(
      () => h.read(ref),
      (s) => s.workflow.steps[0]?.status === 'EXECUTING',
      'step running',
    );
    const { requestCancel } = await import('../../../gateway/workflows/workflow-cancel.js');
    await requestCancel(h.hub, ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await h.read(ref);
    leave();
    console.log(
      done.status,
      later.workflow.steps.map((s) => [s.id, s.status, s.endedAt]),
    );
    // Workflow.currentSteps lists every step neither PENDING, SKIPPED nor final: here ['one'], for good.
    expect(later.workflow.steps[0]?.status).toBe('CANCELLED');
  });
});
