import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../gateway/webhooks/webhook-signature.js';
import { graphql, startGateway } from '../support/gateway-fixture.js';
import { ASYNC_SERVICE, startScriptedGpServer } from '../support/scripted-gpserver.js';
import { startReceiver, type Received } from './webhooks/webhook-receiver.js';

const SUBMIT = /* GraphQL */ `
  mutation ($subscriber: JobSubscriberInput) {
    submitProcessJob(input: { text: "hello" }, subscriber: $subscriber) {
      id
      jobId
    }
  }
`;

interface Event {
  type: string;
  data: { id: string; service: string; task: string; status: string; messageCount: number };
}

/** Each request's body, after checking its signature as a receiver would (the `standardwebhooks` package). */
function verified(secret: string, received: readonly Received[]): (Event & { path: string })[] {
  const webhook = new Webhook(secret);
  return received.map((request) => {
    const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
    return { ...(webhook.verify(request.body, headers) as Event), path: request.path };
  });
}

describe('job webhooks', () => {
  it('should POST one signed event per change to the subscriber’s URIs, the final one to successUri', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver();
    const upstream = await startScriptedGpServer();
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
      polling: { floorMs: 50, ceilingMs: 50, graceMs: 100, jitter: 0 },
      webhooks: { secret, allowedOrigins: [receiver.origin] },
    });
    const subscriber = {
      successUri: `${receiver.origin}/done`,
      failedUri: `${receiver.origin}/failed`,
      inProgressUri: `${receiver.origin}/progress`,
    };
    const submitted = await graphql<{ submitProcessJob: { id: string } }>(gateway.graphqlUrl, SUBMIT, { subscriber });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data?.submitProcessJob.id ?? '';
    // Nobody watches the job: the gateway follows it because it has a subscriber.
    for (let i = 0; i < 100 && !receiver.received.some((r) => r.path === '/done'); i++)
      await new Promise((resolve) => setTimeout(resolve, 50));
    const events = verified(secret, receiver.received);
    expect(events.map((e) => [e.path, e.type, e.data.status])).toEqual([
      ['/progress', 'job.progress', 'SUBMITTED'],
      ['/progress', 'job.progress', 'EXECUTING'],
      ['/done', 'job.succeeded', 'SUCCEEDED'],
    ]);
    expect(events.every((e) => e.data.id === id && e.data.task === 'Process' && e.data.service === ASYNC_SERVICE)).toBe(true);
    expect(receiver.received.map((r) => r.body).join()).not.toContain(upstream.origin);
    await receiver.close();
  });

  it('should refuse, before anything goes upstream, a subscriber on a private host or without a webhook secret', async () => {
    const upstream = await startScriptedGpServer();
    const configured = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }],
      webhooks: { secret: generateWebhookSecret() },
    });
    const open = await startGateway({ sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }] });
    for (const [gateway, uri] of [
      [configured, 'http://127.0.0.1:9/hook'],
      [configured, 'http://[64:ff9b::a9fe:a9fe]/hook'],
      [configured, 'file:///etc/passwd'],
      [open, 'https://hooks.example.com/done'],
    ] as const) {
      const response = await graphql(gateway.graphqlUrl, SUBMIT, { subscriber: { successUri: uri } });
      expect(response.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
      expect(response.errors?.[0]?.message).toMatch(/^subscriber\.successUri: /);
    }
    expect(upstream.counts('submitJob')).toBe(0);
  });
});
