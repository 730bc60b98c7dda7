/** A workflow with a webhook subscriber: its events, signed, as a job's are; the final one once. */
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { generateWebhookSecret } from '../../../gateway/webhooks/webhook-signature.js';
import { graphql, startGateway } from '../../support/gateway-fixture.js';
import { until } from '../../support/gateway-instance.js';
import { startReceiver } from '../webhooks/webhook-receiver.js';
import { RELAY_SERVICE, startRelayServer } from './relay-service.js';

const SUBMIT = /* GraphQL */ `
  mutation ($subscriber: JobSubscriberInput) {
    submitWorkflow(
      subscriber: $subscriber
      steps: [
        { id: "one", run: { relay: { label: "first" } } }
        { id: "two", run: { relay: { label: "second", zonesFrom: { step: "one", output: "Features" } } } }
      ]
    ) {
      id
    }
  }
`;

interface Event {
  type: string;
  data: { id: string; service: string; task: string; status: string };
}

describe('workflow webhooks', () => {
  it('should POST signed events of the workflow to its subscriber, the final one once to successUri, unwatched', async () => {
    const secret = generateWebhookSecret();
    const receiver = await startReceiver();
    const upstream = await startRelayServer();
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(RELAY_SERVICE) }],
      polling: { floorMs: 50, ceilingMs: 50, graceMs: 100, jitter: 0 },
      webhooks: { secret, allowedOrigins: [receiver.origin] },
    });
    const subscriber = { successUri: `${receiver.origin}/done`, inProgressUri: `${receiver.origin}/progress` };
    const submitted = await graphql<{ submitWorkflow: { id: string } }>(gateway.graphqlUrl, SUBMIT, { subscriber });
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data?.submitWorkflow.id ?? '';
    for (const n of [1, 2]) {
      await until(() => upstream.jobIds().length >= n, `job ${String(n)}`);
      const jobId = upstream.jobIds()[n - 1] ?? '';
      upstream.advance(jobId);
      upstream.advance(jobId);
    }
    await until(() => receiver.received.some((r) => r.path === '/done'), 'the final event');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const webhook = new Webhook(secret);
    const events = receiver.received.map((request) => {
      const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, String(value)]));
      return { ...(webhook.verify(request.body, headers) as Event), path: request.path };
    });
    expect(events.filter((e) => e.path === '/done').map((e) => [e.type, e.data.status])).toEqual([['job.succeeded', 'SUCCEEDED']]);
    expect(events.at(-1)?.path).toBe('/done');
    expect(new Set(events.slice(0, -1).map((e) => e.data.status))).toEqual(new Set(['SUBMITTED', 'EXECUTING']));
    expect(events.every((e) => e.data.id === id && e.data.service === 'workflows' && e.data.task === 'workflow')).toBe(true);
    expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(receiver.received.length);
    expect(receiver.received.map((r) => r.body).join()).not.toContain(upstream.origin);
    await receiver.close();
  });
});
