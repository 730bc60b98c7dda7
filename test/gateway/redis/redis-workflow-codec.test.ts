/** A workflow's state through the Redis job codec: what one instance writes, another reads whole. */
import { describe, expect, it } from 'vitest';
import type { WorkflowState } from '../../../core/workflows/workflow-state.js';
import { decodeJobState, encodeJobState } from '../../../gateway/redis/redis-job-codec.js';
import { asyncStep, initialState, syncStep } from '../workflows/driver-harness.js';

describe('the redis job codec with a workflow', () => {
  it('should keep every field of the workflow and of every step through a round trip', () => {
    const start = initialState('codec', [asyncStep('a'), syncStep('b', 'a')]);
    const { submission } = start;
    const [first, second] = start.workflow.steps;
    if (!submission || !first || !second) throw new Error('initialState gave no submission or steps');
    const state: WorkflowState = {
      ...start,
      submission: { ...submission, deadline: 5, subscriber: { successUri: 'https://x.example/hook' } },
      workflow: {
        cancelRequested: true,
        failedStep: 'b',
        steps: [
          {
            ...first,
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
            ...second,
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
