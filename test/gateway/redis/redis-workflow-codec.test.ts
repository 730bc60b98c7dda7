/* eslint-disable @typescript-eslint/no-non-null-assertion -- review reproductions */
import { describe, expect, it } from 'vitest';
import { decodeJobState, encodeJobState } from '../../../gateway/redis/redis-job-codec.js';
import type { WorkflowState } from '../../../core/workflows/workflow-state.js';
import { initialState, asyncStep, syncStep } from './driver-harness.review.js';

describe('review: redis codec round trip of a workflow', () => {
  it('keeps every field of every step', () => {
    const start = initialState('codec', [asyncStep('a'), syncStep('b', 'a')]);
    const state: WorkflowState = {
      ...start,
      submission: { ...start.submission!, deadline: 5, subscriber: { successUri: 'https://x.example/hook' } },
      workflow: {
        cancelRequested: true,
        failedStep: 'b',
        steps: [
          {
            ...start.workflow.steps[0]!,
            status: 'SUCCEEDED',
            jobId: 'j1',
            progress: { type: 'step', message: 'm', percent: 50 },
            messages: [{ type: 'esriJobMessageTypeInformative', description: 'd' }],
            results: { Features: 'results/Features' },
            startedAt: 1,
            endedAt: 2,
            bindings: [{ input: 'Zones', fromStep: 'x', output: 'F', kind: 'FEATURES', mode: 'VALUE', outSR: 4326 }],
            params: { env: { a: [1, { b: null }] } },
          },
          {
            ...start.workflow.steps[1]!,
            status: 'FAILED',
            values: { Out: { features: [], n: 0, nested: [null, true] } },
            error: { code: 'UPSTREAM_ERROR', message: 'x' },
          },
        ],
      },
    };
    expect(decodeJobState(encodeJobState(state))).toEqual(state);
  });
});
