/**
 * Subscriptions over plain HTTP as Apollo Client's HttpLink asks for them by default (multipart
 * subscription protocol): tested with Apollo Client itself, and on the wire for heartbeats and for
 * what a client that leaves releases.
 */
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { describe, expect, it } from 'vitest';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';

const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';

async function submit(graphqlUrl: string, bands: number, delayMs: number): Promise<string> {
  const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
    graphqlUrl,
    `mutation { submitElevationStatisticsJob(input: { bandCount: ${bands}, stepDelayMs: ${delayMs} }) { id } }`,
  );
  return submitted.data?.submitElevationStatisticsJob.id ?? '';
}

describe('multipart HTTP subscriptions (Apollo Client default)', () => {
  it("streams a job's updates to Apollo Client's HttpLink without a WebSocket, to the final status", async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 100 } });
    const id = await submit(graphqlUrl, 3, 100);
    const client = new ApolloClient({ cache: new InMemoryCache(), link: new HttpLink({ uri: graphqlUrl }) });
    const statuses = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      client.subscribe({ query: gql(UPDATES), variables: { id } }).subscribe({
        next: ({ data, error }) => {
          if (error) reject(error instanceof Error ? error : new Error('the subscription failed', { cause: error }));
          const update = (data as { jobUpdates?: { status: string } } | undefined)?.jobUpdates;
          if (update) seen.push(update.status);
        },
        error: reject,
        complete: () => {
          resolve(seen);
        },
      });
    });
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(statuses.length).toBeGreaterThan(1);
    client.stop();
  });

  it('sends heartbeats while nothing changes, and a client that leaves releases the subscription', async () => {
    const { graphqlUrl, gateway } = await startEmbeddedGateway();
    const id = await submit(graphqlUrl, 10, 2000);
    const controller = new AbortController();
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json' },
      body: JSON.stringify({ query: UPDATES, variables: { id } }),
      signal: controller.signal,
    });
    expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = '';
    // The first event at once, then (no change for 2 s) a heartbeat part after 5 s.
    while (!text.includes('\r\n\r\n{}')) text += decoder.decode((await reader.read()).value);
    expect(text).toMatch(
      /^\r\n--graphql\r\ncontent-type: application\/json; charset=utf-8\r\n\r\n\{"payload":\{"data":\{"jobUpdates":\{"status":"/,
    );
    expect(gateway.hub.watchers).toBe(1);
    controller.abort();
    for (let i = 0; i < 100 && gateway.hub.watchers > 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gateway.hub.watchers).toBe(0);
  });
});
