import { createClient } from 'graphql-ws';
import { describe, expect, it, vi } from 'vitest';
import { WebSocket } from 'ws';
import { JobRegistry } from '../../resolvers/job-registry.js';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';

const WATCH = 'subscription ($id: ID!) { jobUpdates(id: $id) { id status progress { percent } newMessages { description } } }';

interface Update {
  jobUpdates: { id: string; status: string; newMessages: { description: string }[] };
}

describe('subscription events shared by subscribers of one operation', () => {
  it('should execute each event once for every subscriber of the same operation, each with its own new messages', async () => {
    const { origin, graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 50 } });
    const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
      graphqlUrl,
      'mutation { submitElevationStatisticsJob(input: { bandCount: 8, stepDelayMs: 150 }) { id } }',
    );
    const id = submitted.data?.submitElevationStatisticsJob.id ?? '';
    const ids = vi.spyOn(JobRegistry.prototype, 'idOf');
    const client = createClient({ url: `${origin.replace(/^http/, 'ws')}/graphql`, webSocketImpl: WebSocket, retryAttempts: 0 });
    const watch = async (delayMs: number, query = WATCH): Promise<Update[]> => {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const events: Update[] = [];
      for await (const event of client.iterate<Update>({ query, variables: { id } })) if (event.data) events.push(event.data);
      return events;
    };
    // 20 subscribers at once, 5 that join later (their first event is their own), one other selection.
    const streams = await Promise.all([
      ...Array.from({ length: 20 }, () => watch(0)),
      ...Array.from({ length: 5 }, () => watch(400)),
      watch(0, 'subscription ($id: ID!) { jobUpdates(id: $id) { id status } }'),
    ]);
    await client.dispose();
    const final = await graphql<{ job: { messages: { description: string }[] } }>(
      graphqlUrl,
      'query ($id: ID!) { job(id: $id) { messages { description } } }',
      { id },
    );
    const all = final.data?.job.messages.map((m) => m.description) ?? [];
    expect(all.length).toBeGreaterThan(3);
    const watchers = streams.slice(0, 25);
    for (const events of watchers) {
      expect(events.at(-1)?.jobUpdates.status).toBe('SUCCEEDED');
      // Every subscriber saw each message exactly once, in order: its new messages are its own.
      expect(events.flatMap((e) => e.jobUpdates.newMessages.map((m) => m.description))).toEqual(all);
    }
    expect(streams[25]?.at(-1)?.jobUpdates).toEqual({ id, status: 'SUCCEEDED' });

    // `id` is resolved once per execution: shared, the executions are far fewer than the events delivered.
    const delivered = streams.reduce((sum, events) => sum + events.length, 0);
    const distinct = new Set(watchers.flat().map((e) => JSON.stringify(e))).size;
    expect(ids.mock.calls.length).toBeLessThan(delivered / 4);
    expect(ids.mock.calls.length).toBeLessThanOrEqual(distinct + (streams[25]?.length ?? 0) + 2);
  });
});
