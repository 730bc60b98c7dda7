import { describe, expect, it } from 'vitest';
import { graphql, startGateway, type RunningGateway } from '../support/gateway-fixture.js';
import { redisAvailable, startRedisServer } from '../support/redis-server.js';
import { ASYNC_SERVICE, startScriptedGpServer, type ScriptedGpServer } from '../support/scripted-gpserver.js';

const POLL_MS = 100;
const JOB = 'query ($id: ID!) { job(id: $id) { status } }';
const NODE = 'query ($id: ID!) { node(id: $id) { ... on GPJob { status } } }';

type Mode = 'memory' | 'redis';

/** Gateways over one scripted GPServer whose status answers take 60 ms (so overlapping requests show). */
async function setup(mode: Mode): Promise<{ upstream: ScriptedGpServer; gateways: RunningGateway[] }> {
  const upstream = await startScriptedGpServer({
    advance: 'manual',
    script: [
      { status: 'esriJobSubmitted', delayMs: 60 },
      { status: 'esriJobExecuting', delayMs: 60 },
      { status: 'esriJobSucceeded', delayMs: 60 },
    ],
  });
  const redisUrl = mode === 'redis' ? (await startRedisServer()).url : undefined;
  const start = () =>
    startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
      polling: { floorMs: POLL_MS, ceilingMs: POLL_MS, graceMs: 300, jitter: 0 },
      ...(redisUrl === undefined ? {} : { redisUrl, leaseMs: 1000 }),
    });
  // In Redis mode a second instance that did not take the submit reads too.
  const gateways = mode === 'redis' ? await Promise.all([start(), start()]) : [await start()];
  return { upstream, gateways };
}

const statusOf = async (gateway: RunningGateway, query: string, id: string): Promise<string | undefined> => {
  const response = await graphql<{ job?: { status: string }; node?: { status: string } }>(gateway.graphqlUrl, query, { id });
  expect(response.errors).toBeUndefined();
  return (response.data?.job ?? response.data?.node)?.status;
};

describe.each<Mode>(redisAvailable() ? ['memory', 'redis'] : ['memory'])('job(id) without a subscription (%s store)', (mode) => {
  it('should follow the job: each read no older than the poll interval, through one shared poll loop', async () => {
    const { upstream, gateways } = await setup(mode);
    const [submitter] = gateways;
    if (!submitter) throw new Error('a gateway expected');
    const submitted = await graphql<{ submitProcessJob: { id: string; jobId: string } }>(
      submitter.graphqlUrl,
      'mutation { submitProcessJob(input: { text: "hello" }) { id jobId } }',
    );
    const { id, jobId } = submitted.data?.submitProcessJob ?? { id: '', jobId: '' };
    expect(await statusOf(submitter, JOB, id)).toBe('SUBMITTED');

    upstream.advance(jobId);
    // Within one round of the loop (an interval and a request) every read sees the change; margin for a busy machine.
    await new Promise((resolve) => setTimeout(resolve, 3 * POLL_MS));
    for (const gateway of gateways) {
      expect(await statusOf(gateway, JOB, id)).toBe('EXECUTING');
      expect(await statusOf(gateway, NODE, id)).toBe('EXECUTING');
    }

    // Frontends polling the query on every instance, 10 at a time, every 25 ms for 1.5 s.
    upstream.resetCounts();
    const startedAt = Date.now();
    while (Date.now() - startedAt < 1500) {
      const reads = gateways.flatMap((gateway) => Array.from({ length: 10 }, () => statusOf(gateway, JOB, id)));
      expect(new Set(await Promise.all(reads))).toEqual(new Set(['EXECUTING']));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const elapsedMs = Date.now() - startedAt;
    expect(upstream.maxInFlight('status', jobId)).toBe(1);
    // One loop: a request (60 ms) then the interval (100 ms), so at most one request per 160 ms.
    expect(upstream.counts('status', jobId)).toBeLessThanOrEqual(Math.ceil(elapsedMs / POLL_MS) + 1);

    upstream.advance(jobId);
    const reader = gateways.at(-1) ?? submitter;
    const seen: (string | undefined)[] = [];
    // The loop's next round (at most one interval and one request away) brings the final status.
    while (seen.at(-1) !== 'SUCCEEDED' && seen.length < 40) {
      seen.push(await statusOf(reader, JOB, id));
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(seen.at(-1)).toBe('SUCCEEDED');
  });
});
