import { describe, expect, it } from 'vitest';
import { graphql, startGateway } from '../../support/gateway-fixture.js';
import { RELAY_SERVICE, startRelayServer, THREE_RELAYS } from './relay-service.js';

const auth = (token: string) => ({ authorization: `Bearer ${token}` });

describe('reading one’s workflow after the ArcGIS token was refreshed', () => {
  it('should let the submitter read the workflow with a new token of the same user, as a job submitted with the old one is', async () => {
    const upstream = await startRelayServer();
    const gateway = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(RELAY_SERVICE) }],
      polling: { floorMs: 50, ceilingMs: 50, graceMs: 100, jitter: 0 },
    });
    const submitted = await graphql<{ submitWorkflow: { id: string; steps: unknown } }>(
      gateway.graphqlUrl,
      THREE_RELAYS,
      {},
      auth('token-1'),
    );
    expect(submitted.errors).toBeUndefined();
    const id = submitted.data?.submitWorkflow.id ?? '';
    // An ordinary job submitted with token-1 is readable with token-2 (the server says token-2 may read it).
    let jobId = '';
    for (let i = 0; i < 200 && jobId === ''; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      const stepJob = await graphql<{ workflow: { steps: { job: { id: string } | null }[] } }>(
        gateway.graphqlUrl,
        'query ($id: ID!) { workflow(id: $id) { steps { job { id } } } }',
        { id },
        auth('token-1'),
      );
      jobId = stepJob.data?.workflow.steps[0]?.job?.id ?? '';
    }
    expect(jobId).not.toBe('');
    const job = await graphql(gateway.graphqlUrl, 'query ($id: ID!) { job(id: $id) { status } }', { id: jobId }, auth('token-2'));
    expect(job.errors).toBeUndefined();
    const workflow = await graphql<{ workflow: { status: string } }>(
      gateway.graphqlUrl,
      'query ($id: ID!) { workflow(id: $id) { status } }',
      { id },
      auth('token-2'),
    );
    expect(workflow.errors).toBeUndefined();
    expect(workflow.data?.workflow.status).toEqual(expect.any(String));
  });
});
