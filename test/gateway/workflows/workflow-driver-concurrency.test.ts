/**
 * The workflow driver with steps in parallel: its own writes go one after another (workflow-driver.ts
 * `update`), so none is lost to another and no pass acts twice on a step started meanwhile.
 */
import { describe, expect, it } from 'vitest';
import { isWorkflowState, workflowRef, type WorkflowState } from '../../../core/workflows/workflow-state.js';
import type { JobStore } from '../../../gateway/jobs/job-store.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import type { ExecuteResult } from '../../../resolvers/execute-result.js';
import { asyncStep, driveToEnd, harness, initialState, instantUpstream, syncStep, waitFor } from './driver-harness.js';

/** MAX_WORKFLOW_STEPS: the widest workflow a plan accepts. */
const STEPS = 20;

const turns = async (n: number): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

const failedSteps = (state: WorkflowState): (string | undefined)[] =>
  state.workflow.steps.filter((s) => s.status === 'FAILED').map((s) => s.error?.message);

describe('the workflow driver with steps in parallel', () => {
  it('should run 20 parallel asynchronous steps with a few writes per step, none lost to another', async () => {
    const upstream = instantUpstream();
    const h = harness({ upstream, jobStatus: () => 'esriJobSucceeded' });
    const ref = workflowRef('wide');
    await h.hub.seed(
      initialState(
        'wide',
        Array.from({ length: STEPS }, (_, i) => asyncStep(`s${i}`)),
      ),
    );
    const done = await driveToEnd(h, ref);
    expect(failedSteps(done)).toEqual([]);
    expect(done.status).toBe('SUCCEEDED');
    expect(upstream.submits).toHaveLength(STEPS);
    // Per step: started, its job recorded, its job's end folded in (3 workflow writes), its job seeded and
    // polled once (2 more); then the seed and the end of the workflow. Measured: 62 of the workflow, 102 in all.
    expect(h.puts.lost).toBe(0);
    expect(h.puts.workflowPuts).toBeLessThanOrEqual(STEPS * 4);
    expect(h.puts.count).toBeLessThanOrEqual(STEPS * 6);
  });

  it('should run 20 parallel synchronous steps, each executed once, with a few writes per step, none lost to another', async () => {
    const upstream = instantUpstream();
    const h = harness({ upstream });
    const ref = workflowRef('wide-sync');
    await h.hub.seed(
      initialState(
        'wide-sync',
        Array.from({ length: STEPS }, (_, i) => syncStep(`s${i}`)),
      ),
    );
    const done = await driveToEnd(h, ref);
    expect(failedSteps(done)).toEqual([]);
    expect(done.status).toBe('SUCCEEDED');
    expect(upstream.executes).toHaveLength(STEPS);
    // Per step: started and ended (2 writes); then the seed and the end of the workflow. Measured: 42.
    expect(h.puts.lost).toBe(0);
    expect(h.puts.workflowPuts).toBeLessThanOrEqual(STEPS * 3);
  });

  it('should execute a synchronous step once, even when it finishes while a pass folds in another step’s job change', async () => {
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
      () => Promise.resolve(upstream.executes.length),
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
    // One execute upstream for one step: the pass does not start S again from the state it read before S ended.
    expect(upstream.executes).toEqual(['Echo']);
  });
});
