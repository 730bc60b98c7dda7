/**
 * What a fault does to a step: one the gateway cannot poll past (the step job's credential) fails the
 * step; one that is not the step's own (the store away a moment) repeats its start, never fails it
 * (step-start.ts, workflow-steps.ts `stepFromJob`).
 */
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import { workflowRef } from '../../../core/workflows/workflow-state.js';
import type { JobStore } from '../../../gateway/jobs/job-store.js';
import { asyncStep, driveToEnd, harness, initialState, instantUpstream, recordedCancel, waitFor } from './driver-harness.js';

describe('a workflow step on a fault', () => {
  it('should fail the step, and so end the workflow, when its job can no longer be read with the workflow’s credential (token expired, or the gateway’s after a takeover)', async () => {
    const upstream = instantUpstream();
    const h = harness({ upstream, jobStatus: () => new GatewayError('TOKEN_EXPIRED', 'Token expired.') });
    const ref = workflowRef('w-token');
    await h.hub.seed(initialState('w-token', [asyncStep('one'), asyncStep('two', 'one')]));
    const leave = h.drive(ref);
    // Without a deadline nothing else would end it: step 'one' would stay SUBMITTED with a fault, the workflow EXECUTING.
    const done = await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
      2_000,
    );
    leave();
    expect(done.status).toBe('FAILED');
    expect(done.workflow.steps.map((s) => [s.id, s.status, s.error?.code])).toEqual([
      ['one', 'FAILED', 'TOKEN_EXPIRED'],
      ['two', 'SKIPPED', undefined],
    ]);
  });

  it('should keep the job it submitted (none submitted again, none cancelled, the step not failed) when seeding the step job’s state fails once', async () => {
    let failNext = true;
    const cancels: string[] = [];
    const upstream = instantUpstream({ cancel: recordedCancel(cancels) });
    const wrapStore = (inner: JobStore): JobStore => ({
      get: (key) => inner.get(key),
      subscribe: (key, listener) => inner.subscribe(key, listener),
      put(state) {
        if (failNext && state.ref.jobId === 'j1') {
          failNext = false;
          return Promise.reject(new GatewayError('UPSTREAM_UNREACHABLE', 'Redis is away a moment.'));
        }
        return inner.put(state);
      },
    });
    const h = harness({ upstream, wrapStore, jobStatus: () => 'esriJobSucceeded' });
    const ref = workflowRef('w-seed');
    await h.hub.seed(initialState('w-seed', [asyncStep('one')]));
    const done = await driveToEnd(h, ref);
    // j1 runs upstream: the workflow carries it on rather than failing or submitting j2 beside it.
    expect(done.status).toBe('SUCCEEDED');
    expect(done.workflow.steps[0]?.jobId).toBe('j1');
    expect(upstream.submits).toEqual(['j1']);
    expect(cancels).toEqual([]);
  });
});
