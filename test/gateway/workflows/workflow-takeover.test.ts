import { createHash } from 'node:crypto';
import { Redis } from 'ioredis';
import { expect, it } from 'vitest';
import { workflowRef, type WorkflowState } from '../../../core/workflows/workflow-state.js';
import { silentLogger } from '../../../gateway/log/logger.js';
import { createRedisIdempotencyStore } from '../../../gateway/redis/redis-idempotency.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { asyncStep, harness, initialState, instantUpstream, waitFor } from './driver-harness.js';

describeRedis('the takeover of a workflow whose driver died while submitting a step', () => {
  it('should carry the step on, not fail it, while the dead driver’s idempotency claim is still pending', async () => {
    const redis = await startRedisServer();
    const client = new Redis(redis.url);
    try {
      const id = 'w-killed-mid-submit';
      // What instance A left behind when SIGKILLed inside `idempotency.once` for step 'one': the claim
      // (pending, TTL 60 s = pendingTtlSeconds default) and the step started (NEW, no jobId yet).
      const key = `workflow\n${id}\none`;
      await client.set(`gpgw:idem:${createHash('sha256').update(key).digest('base64url')}`, 'pending:instance-A', 'PX', 1_500);
      const start = initialState(id, [asyncStep('one')]);
      const left: WorkflowState = {
        ...start,
        workflow: { steps: start.workflow.steps.map((s) => ({ ...s, status: 'NEW', startedAt: Date.now() })) },
      };
      // Instance B takes over while A's claim still lives (60 s by default; 1.5 s here) and its waiters give
      // up after waitMs (30 s by default; 300 ms here): the start is repeated until the claim is gone.
      const idempotency = createRedisIdempotencyStore({ client, waitMs: 300, pollMs: 20, log: silentLogger });
      const upstream = instantUpstream();
      const h = harness({ upstream, idempotency, jobStatus: () => 'esriJobSucceeded' });
      const ref = workflowRef(id);
      await h.hub.seed(left);
      const leave = h.drive(ref);
      const after = await waitFor(
        () => h.read(ref),
        (s) => s.final,
        'the workflow to end',
        8_000,
      );
      leave();
      expect(after.status).toBe('SUCCEEDED');
      expect(after.workflow.steps[0]?.status).toBe('SUCCEEDED');
      expect(upstream.submits).toEqual(['j1']);
    } finally {
      client.disconnect();
    }
  });
});
