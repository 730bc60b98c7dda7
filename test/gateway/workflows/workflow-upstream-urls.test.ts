import { describe, expect, it } from 'vitest';
import { graphql, startGateway } from '../../support/gateway-fixture.js';
import { RELAY_SERVICE, startRelayServer, THREE_RELAYS, WORKFLOW_STATE, type WorkflowView } from './relay-service.js';

describe('upstream hosts in a workflow’s messages', () => {
  it('should name no upstream host in Workflow.messages when a step fails on an upstream error (hideUpstreamUrls)', async () => {
    const upstream = await startRelayServer();
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(RELAY_SERVICE) }],
      polling: { floorMs: 50, ceilingMs: 50, graceMs: 100, jitter: 0 },
      exposeUpstreamUrls: false,
      // The first step's submitJob answers HTTP 502 (a proxy in front of the GPServer, say).
      fetch: async (input, init) => {
        const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
        if (url.includes('/submitJob')) return new Response('bad gateway', { status: 502 });
        return fetch(input, init);
      },
    });
    const submitted = await graphql<{ submitWorkflow: { id: string } }>(gateway.graphqlUrl, THREE_RELAYS);
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data?.submitWorkflow.id ?? '';
    let latest: WorkflowView | undefined;
    const end = Date.now() + 10_000;
    while (latest?.final !== true && Date.now() < end) {
      const response = await graphql<{ workflow: WorkflowView }>(gateway.graphqlUrl, WORKFLOW_STATE, { id });
      latest = response.data?.workflow;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(latest?.status).toBe('FAILED');
    // The step's error (a JobFault) is redacted...
    expect(latest?.failedStep?.error?.message).not.toContain('127.0.0.1');
    // ...and so is the same text in the workflow's messages.
    for (const m of latest?.messages ?? []) expect(m.description).not.toContain(upstream.origin);
  });
});
