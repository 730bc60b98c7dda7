import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { workflowRef, type WorkflowState } from '../../../core/workflows/workflow-state.js';
import { silentLogger } from '../../../gateway/log/logger.js';
import { createRedisIdempotencyStore } from '../../../gateway/redis/redis-idempotency.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { asyncStep, harness, initialState, instantUpstream, waitFor } from './driver-harness.review.js';

describeRedis('review: takeover of a workflow whose driver died while submitting a step', () => {
  it('carries the step on (it does not fail the workflow because the dead driver’s idempotency claim is still pending)', async () => {
    const redis = await startRedisServer();
    const client = new Redis(redis.url);
    try {
      const id = 'w-killed-mid-submit';
      // What instance A left behind when SIGKILLed inside `idempotency.once` for step 'one': the claim
      // (pending, TTL 60 s = pendingTtlSeconds default) and the step started (NEW, no jobId yet).
      const key = `workflow\n${id}\none`;
      await client.set(`gpgw:idem:${createHash('sha256').update(key).digest('base64url')}`, 'pending:instance-A', 'PX', 60_000);
      const start = initialState(id, [asyncStep('one')]);
      const left: WorkflowState = {
        ...start,
        workflow: { steps: start.workflow.steps.map((s) => ({ ...s, status: 'NEW', startedAt: Date.now() })) },
      };
      // Instance B takes over (within two lease periods, ~20 s with the defaults when a client watches
      // there). Its waiters give up after waitMs (default 30 s) while A's claim lives 60 s: scaled down
      // here to waitMs 300 ms, same ratio.
      const idempotency = createRedisIdempotencyStore({ client, waitMs: 300, pollMs: 20, log: silentLogger });
      const upstream = instantUpstream();
      const h = harness({ upstream, idempotency, jobStatus: () => 'esriJobSucceeded' });
      const ref = workflowRef(id);
      await h.hub.seed(left);
      const leave = h.drive(ref);
      const after = await waitFor(
        () => h.read(ref),
        (s) => s.final || s.workflow.steps[0]?.status === 'FAILED',
        'the step to end or fail',
        3_000,
      );
      leave();
      console.log(after.status, after.workflow.steps[0]?.status, after.workflow.steps[0]?.error);
      expect(after.workflow.steps[0]?.status).not.toBe('FAILED');
    } finally {
      client.disconnect();
    }
  });
});
