import { expect, it } from 'vitest';
import { stopChild } from '../../support/child-process.js';
import { graphql } from '../../support/gateway-fixture.js';
import { startGatewayInstance, until, type GatewayInstance } from '../../support/gateway-instance.js';
import { describeRedis, startRedisServer } from '../../support/redis-server.js';
import { RELAY_SERVICE, startRelayServer, THREE_RELAYS, WORKFLOW_STATE, type WorkflowView } from './relay-service.js';

const LEASE_MS = 1000;

async function read(instance: GatewayInstance, id: string): Promise<WorkflowView | undefined> {
  const response = await graphql<{ workflow: WorkflowView }>(instance.url, WORKFLOW_STATE, { id });
  return response.data?.workflow;
}

async function readUntil(instance: GatewayInstance, id: string, check: (w: WorkflowView) => boolean, what: string): Promise<WorkflowView> {
  const end = Date.now() + 30_000;
  for (;;) {
    const latest = await read(instance, id);
    if (latest && check(latest)) return latest;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(latest)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeRedis('a workflow on two instances sharing Redis', () => {
  it('should finish once on the other instance when the one driving it is killed mid-chain: no step submitted twice', async () => {
    const upstream = await startRelayServer();
    const redis = await startRedisServer();
    const [a, b] = await Promise.all(
      [0, 1].map(() => startGatewayInstance(redis.url, upstream.serviceUrl(RELAY_SERVICE), { leaseMs: LEASE_MS, pollMs: 100 })),
    );
    if (!a || !b) throw new Error('two instances expected');
    try {
      const submitted = await graphql<{ submitWorkflow: { id: string } }>(a.url, THREE_RELAYS);
      const id = submitted.data?.submitWorkflow.id ?? '';
      expect(id).not.toBe('');
      await until(() => upstream.jobIds().length >= 1, 'the first job');
      const first = upstream.jobIds()[0] ?? '';
      upstream.advance(first);
      upstream.advance(first);
      await until(() => upstream.jobIds().length >= 2, 'the second job');
      const second = upstream.jobIds()[1] ?? '';
      upstream.advance(second);
      await readUntil(a, id, (w) => w.steps[1]?.status === 'EXECUTING', 'step two executing on A');

      a.child.kill('SIGKILL');
      upstream.advance(second);
      // Nobody watches: B adopts the workflow from the kept set once A's heartbeat stops, and drives it on.
      await until(() => upstream.jobIds().length >= 3, 'the third job, submitted by B', 30_000);
      const third = upstream.jobIds()[2] ?? '';
      upstream.advance(third);
      upstream.advance(third);
      const done = await readUntil(b, id, (w) => w.final, 'the end on B');
      expect(done.status).toBe('SUCCEEDED');
      expect(done.steps.map((s) => s.job?.jobId)).toEqual([first, second, third]);
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
      expect(upstream.counts('submitJob')).toBe(3);
      expect(upstream.jobIds()).toHaveLength(3);
    } finally {
      await Promise.all([a, b].map((instance) => stopChild(instance.child)));
    }
  });
});
