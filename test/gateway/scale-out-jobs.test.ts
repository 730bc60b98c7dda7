import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { generateWebhookSecret } from '../../gateway/webhooks/webhook-signature.js';
import { stopChild } from '../support/child-process.js';
import { graphql } from '../support/gateway-fixture.js';
import { startGatewayInstance, type GatewayInstance } from '../support/gateway-instance.js';
import { describeRedis, startRedisServer } from '../support/redis-server.js';
import { ASYNC_SERVICE, startScriptedGpServer, type ScriptedGpServer } from '../support/scripted-gpserver.js';
import { startReceiver } from './webhooks/webhook-receiver.js';

const POLL_MS = 200;
const LEASE_MS = 1000;
const KEYS = { alice: 'alice-key-0123456789', bob: 'bob-key-0123456789' } as const;
type Caller = keyof typeof KEYS;

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

async function configFile(extra: Record<string, unknown> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gpgw-jobs-'));
  const file = join(dir, 'gateway.json');
  const apiKeys = Object.entries(KEYS).map(([id, key]) => ({ id, sha256: sha256(key) }));
  await writeFile(file, JSON.stringify({ access: { apiKeys }, ...extra }));
  return file;
}

/** The operation's data as `caller`; its errors fail the test. */
async function call<T>(instance: GatewayInstance, caller: Caller, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const { data, errors } = await graphql<T>(instance.url, query, variables, { 'x-api-key': KEYS[caller] });
  if (errors !== undefined || data === undefined || data === null) throw new Error(JSON.stringify(errors));
  return data;
}

const SUBMIT = 'mutation ($deadline: Int) { submitProcessJob(input: { text: "hello" }, deadlineSeconds: $deadline) { id jobId } }';
const LIST = /* GraphQL */ `
  query ($after: String, $filter: JobListFilter) {
    jobs(first: 2, after: $after, filter: $filter) {
      edges {
        cursor
        node {
          id
          status
          submittedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;
interface Page {
  jobs: { edges: { node: { id: string; status: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

async function start(upstream: ScriptedGpServer, extra: Record<string, unknown> = {}): Promise<[GatewayInstance, GatewayInstance]> {
  const redis = await startRedisServer();
  const args = ['--config', await configFile(extra)];
  const [a, b] = await Promise.all(
    [0, 1].map(() => startGatewayInstance(redis.url, upstream.serviceUrl(ASYNC_SERVICE), { leaseMs: LEASE_MS, pollMs: POLL_MS, args })),
  );
  if (!a || !b) throw new Error('two instances expected');
  return [a, b];
}

describeRedis("a caller's jobs and deadlines on two instances sharing Redis", () => {
  it('should list the jobs a caller submitted on A when asked on B, newest first, two by two, and nobody else’s', async () => {
    const upstream = await startScriptedGpServer({ advance: 'manual' });
    const [a, b] = await start(upstream);
    try {
      const submitted: string[] = [];
      for (let i = 0; i < 5; i++) {
        submitted.push((await call<{ submitProcessJob: { id: string } }>(i % 2 === 0 ? a : b, 'alice', SUBMIT)).submitProcessJob.id);
      }
      const bobs = (await call<{ submitProcessJob: { id: string } }>(a, 'bob', SUBMIT)).submitProcessJob.id;

      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 5; page++) {
        const { jobs }: Page = await call<Page>(b, 'alice', LIST, { after });
        expect(jobs.edges.length).toBeLessThanOrEqual(2);
        seen.push(...jobs.edges.map((e) => e.node.id));
        after = jobs.pageInfo.endCursor;
        if (!jobs.pageInfo.hasNextPage) break;
      }
      expect(seen).toEqual([...submitted].reverse());
      expect((await call<Page>(a, 'bob', LIST)).jobs.edges.map((e) => e.node.id)).toEqual([bobs]);

      // A cursor stays where it was while new jobs arrive.
      const first = await call<Page>(a, 'alice', LIST);
      submitted.push((await call<{ submitProcessJob: { id: string } }>(b, 'alice', SUBMIT)).submitProcessJob.id);
      const next = await call<Page>(b, 'alice', LIST, { after: first.jobs.pageInfo.endCursor });
      expect(next.jobs.edges.map((e) => e.node.id)).toEqual([submitted[2], submitted[1]]);

      // Filters: the job that ends is listed as final only.
      const [oldest] = upstream.jobIds();
      upstream.setJobScript(oldest ?? '', [{ status: 'esriJobSucceeded' }]);
      // A read of the job joins its poll loop, which brings the final status within a round.
      for (let i = 0; i < 40; i++) {
        const { job } = await call<{ job: { status: string } }>(b, 'alice', 'query ($id: ID!) { job(id: $id) { status } }', {
          id: submitted[0],
        });
        if (job.status === 'SUCCEEDED') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const ended = await call<Page>(b, 'alice', LIST, { filter: { running: false } });
      expect(ended.jobs.edges.map((e) => [e.node.id, e.node.status])).toEqual([[submitted[0], 'SUCCEEDED']]);
    } finally {
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
    }
  }, 60_000);

  it('should cancel a job at its deadline upstream and end it TIMED_OUT, though the instance that took it died', async () => {
    const upstream = await startScriptedGpServer({ advance: 'manual' });
    const [a, b] = await start(upstream);
    try {
      const { submitProcessJob } = await call<{ submitProcessJob: { id: string; jobId: string } }>(a, 'alice', SUBMIT, { deadline: 3 });
      const submittedAt = Date.now();
      a.child.kill('SIGKILL');
      // Nobody watches: B follows the job because it has a deadline, and keeps it.
      const statusOf = async (): Promise<string> =>
        (await call<{ job: { status: string } }>(b, 'alice', 'query ($id: ID!) { job(id: $id) { status } }', { id: submitProcessJob.id }))
          .job.status;
      let status = '';
      for (let i = 0; i < 60 && status !== 'TIMED_OUT'; i++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        // Not read before the cancel: a read would make B follow the job, which it must do of itself.
        if (upstream.counts('cancel', submitProcessJob.jobId) > 0) status = await statusOf();
      }
      expect(status).toBe('TIMED_OUT');
      expect(upstream.counts('cancel', submitProcessJob.jobId)).toBe(1);
      process.stdout.write(`deadline 3 s: cancelled upstream by the other instance ${Date.now() - submittedAt} ms after the submit\n`);
      const listed = await call<Page>(b, 'alice', LIST, { filter: { statuses: ['TIMED_OUT'] } });
      expect(listed.jobs.edges.map((e) => e.node.id)).toEqual([submitProcessJob.id]);
    } finally {
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
    }
  }, 60_000);

  it('should POST exactly one verified event per change to the subscriber while the instance that took the job is killed', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver();
    const upstream = await startScriptedGpServer({
      advance: 'manual',
      script: [{ status: 'esriJobSubmitted' }, { status: 'esriJobExecuting', progress: 50 }, { status: 'esriJobSucceeded' }],
    });
    const [a, b] = await start(upstream, { webhooks: { secret, allowedOrigins: [receiver.origin] } });
    try {
      const subscriber = {
        successUri: `${receiver.origin}/done`,
        failedUri: `${receiver.origin}/failed`,
        inProgressUri: `${receiver.origin}/progress`,
      };
      const { submitProcessJob } = await call<{ submitProcessJob: { id: string; jobId: string } }>(
        a,
        'alice',
        'mutation ($subscriber: JobSubscriberInput) { submitProcessJob(input: { text: "hello" }, subscriber: $subscriber) { id jobId } }',
        { subscriber },
      );
      await receiver.waitFor(1);
      upstream.advance(submitProcessJob.jobId);
      await receiver.waitFor(2);
      a.child.kill('SIGKILL');
      upstream.advance(submitProcessJob.jobId);
      await receiver.waitFor(3, 20_000);
      // Time for a duplicate to show, were there one (a retry, or both instances sending).
      await new Promise((resolve) => setTimeout(resolve, 2 * LEASE_MS));
      const webhook = new Webhook(secret);
      const events = receiver.received.map((request) => {
        const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
        return {
          path: request.path,
          id: String(request.headers['webhook-id']),
          ...(webhook.verify(request.body, headers) as { type: string; data: { status: string } }),
        };
      });
      expect(events.map((e) => [e.path, e.type, e.data.status])).toEqual([
        ['/progress', 'job.progress', 'SUBMITTED'],
        ['/progress', 'job.progress', 'EXECUTING'],
        ['/done', 'job.succeeded', 'SUCCEEDED'],
      ]);
      expect(new Set(events.map((e) => e.id)).size).toBe(3);
    } finally {
      await receiver.close();
      await Promise.all([stopChild(a.child), stopChild(b.child)]);
    }
  }, 60_000);
});
