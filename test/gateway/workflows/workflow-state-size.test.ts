/** A workflow's state stays bounded however large its synchronous steps' outputs (step-start.ts, `maxValuesBytes`). */
import { describe, expect, it } from 'vitest';
import { workflowRef } from '../../../core/workflows/workflow-state.js';
import { createMemoryJobStore, jobKey } from '../../../gateway/jobs/job-store.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import { asyncStep, harness, initialState, instantUpstream, syncStep, waitFor } from './driver-harness.js';

describe('the size of a workflow state', () => {
  it('should keep at most 8 MiB of synchronous outputs in all, so that one workflow does not push every other finished job out of the memory store (maxFinishedBytes 32 MiB)', async () => {
    const store = createMemoryJobStore();
    const other = { serviceUrl: asyncStep('x').serviceUrl, task: 'Relay', jobId: 'someone-elses-job' };
    await store.put({ ...stateFromUpstream(other, { status: 'esriJobSucceeded', messages: [] }), version: 1 });
    const big = 'x'.repeat(7 * 1024 * 1024); // under the 8 MiB a step may keep
    const upstream = instantUpstream({ execute: () => Promise.resolve({ values: new Map([['Out', big]]), messages: [] }) });
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
