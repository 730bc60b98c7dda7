/**
 * Stopping a workflow — a cancel, its deadline — leaves no job running upstream and no step running in
 * the final state (workflow-stop.ts).
 */
import { describe, expect, it } from 'vitest';
import type { JobState } from '../../../core/jobs/job-state.js';
import { workflowRef, type WorkflowState } from '../../../core/workflows/workflow-state.js';
import { createMemoryIdempotencyStore } from '../../../gateway/jobs/idempotency.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import { requestCancel } from '../../../gateway/workflows/workflow-cancel.js';
import type { ExecuteResult } from '../../../resolvers/execute-result.js';
import { asyncStep, driveToEnd, harness, initialState, instantUpstream, recordedCancel, syncStep, waitFor } from './driver-harness.js';

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('a cancelled workflow', () => {
  it('should cancel upstream the job a dead driver submitted (recorded under the step’s idempotency key) when the takeover finds a cancel', async () => {
    const idempotency = createMemoryIdempotencyStore();
    const orphan = { serviceUrl: asyncStep('one').serviceUrl, task: 'Relay', jobId: 'j-submitted-by-A' };
    // Instance A: `once` for step 'one' submitted and recorded the job, then A died before writing jobId.
    await idempotency.once('workflow\nw-orphan\none', () => Promise.resolve(orphan));
    const cancels: string[] = [];
    const upstream = instantUpstream({ cancel: recordedCancel(cancels) });
    const h = harness({ upstream, idempotency });
    const ref = workflowRef('w-orphan');
    const start = initialState('w-orphan', [asyncStep('one'), asyncStep('two', 'one')]);
    const left: WorkflowState = {
      ...start,
      workflow: {
        cancelRequested: true,
        steps: start.workflow.steps.map((s) => (s.id === 'one' ? { ...s, status: 'NEW', startedAt: Date.now() } : s)),
      },
    };
    await h.hub.seed(left);
    const done = await driveToEnd(h, ref);
    expect(done.status).toBe('CANCELLED');
    expect(done.workflow.steps.map((s) => [s.id, s.status])).toEqual([
      ['one', 'CANCELLED'],
      ['two', 'SKIPPED'],
    ]);
    // The job A submitted is cancelled, not left running upstream where nobody would see it.
    expect(cancels).toEqual(['j-submitted-by-A']);
  });

  it('should cancel the job whose submit was in flight when the cancel came', async () => {
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
      cancel: recordedCancel(cancels),
    });
    const h = harness({ upstream });
    const ref = workflowRef('w-cancel');
    await h.hub.seed(initialState('w-cancel', [asyncStep('one')]));
    const leave = h.drive(ref);
    await waitFor(
      () => Promise.resolve(release),
      (r) => r !== undefined,
      'the submit',
    );
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

  it('should end no step CANCELLING (running, without endedAt) when the server answers the cancel with esriJobCancelling', async () => {
    const upstream = instantUpstream({
      cancel: (ref) => Promise.resolve(stateFromUpstream(ref, { status: 'esriJobCancelling', messages: [] })),
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
    await requestCancel(h.hub, ref);
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const later = await h.read(ref);
    leave();
    expect(done.status).toBe('CANCELLED');
    // Workflow.currentSteps lists every step neither PENDING, SKIPPED nor final: none, for good.
    expect(later.workflow.steps[0]?.status).toBe('CANCELLED');
    expect(later.workflow.steps[0]?.endedAt).toBeDefined();
  });
});

describe('a workflow past its deadline', () => {
  it('should end TIMED_OUT at the deadline, aborting the synchronous execute in flight, rather than when it answers', async () => {
    let aborted = false;
    let answered = false;
    const upstream = instantUpstream({
      execute: (_target, _params, _credential, signal) =>
        new Promise<ExecuteResult>((resolve, reject) => {
          const answer = setTimeout(() => {
            answered = true;
            resolve({ values: new Map([['Out', 1]]), messages: [] });
          }, 3_000);
          signal.addEventListener('abort', () => {
            aborted = true;
            clearTimeout(answer);
            reject(new Error('aborted'));
          });
        }),
    });
    const h = harness({ upstream });
    const ref = workflowRef('w-deadline');
    const start = initialState('w-deadline', [syncStep('slow'), syncStep('next', 'slow')]);
    const { submission } = start;
    if (!submission) throw new Error('initialState has no submission');
    await h.hub.seed({ ...start, submission: { ...submission, deadline: Date.now() + 200 } });
    const done = await driveToEnd(h, ref);
    // Ended by the deadline, not by the execute's answer: the run was aborted and never answered.
    expect(done.status).toBe('TIMED_OUT');
    expect(answered).toBe(false);
    expect(aborted).toBe(true);
    expect(done.workflow.steps.map((s) => s.status)).toEqual(['CANCELLED', 'SKIPPED']);
  });
});
