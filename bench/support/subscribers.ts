import { createClient, type Client } from 'graphql-ws';
import { WebSocket } from 'ws';

export const JOB_UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status progress { percent } newMessages { description } } }';

export interface Subscribers {
  /** Subscribers that have received their first event. */
  readonly ready: () => number;
  readonly events: () => number;
  close(): Promise<void>;
}

/**
 * `count` graphql-ws subscriptions to the given job ids (round robin), `perConnection` per
 * WebSocket (graphql-ws multiplexes subscriptions on one socket).
 */
export function subscribe(wsUrl: string, ids: readonly string[], count: number, perConnection = 100): Subscribers {
  const clients: Client[] = [];
  const stops: (() => void)[] = [];
  let ready = 0;
  let events = 0;
  for (let i = 0; i < count; i++) {
    if (i % perConnection === 0) clients.push(createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }));
    const client = clients.at(-1);
    if (!client) break;
    let first = true;
    stops.push(
      client.subscribe(
        { query: JOB_UPDATES, variables: { id: ids[i % ids.length] } },
        {
          next: () => {
            events++;
            if (first) ready++;
            first = false;
          },
          error: () => undefined,
          complete: () => undefined,
        },
      ),
    );
  }
  return {
    ready: () => ready,
    events: () => events,
    close: async () => {
      for (const stop of stops) stop();
      await Promise.all(
        clients.map(async (c) => {
          await c.dispose();
        }),
      );
    },
  };
}

export async function waitFor(check: () => boolean, what: string, limitMs = 60_000): Promise<void> {
  const until = Date.now() + limitMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
