import type { Client } from 'graphql-ws';

const UPDATES = 'subscription ($id: ID!) { jobUpdates(id: $id) { status final } }';

/** How one subscriber's watch ended. */
export type WatchOutcome = 'final' | 'hung' | 'lost-final' | 'error' | 'disconnected';

/** Over graphql-ws: the job's events until a final one; `dropAfterFirst` leaves abruptly after the first. */
export function watchWs(client: Client, id: string, timeoutMs: number, dropAfterFirst: boolean): Promise<WatchOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (outcome: WatchOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      stop();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      done('hung');
    }, timeoutMs);
    let sawFinal = false;
    const stop = client.subscribe<{ jobUpdates: { final: boolean } }>(
      { query: UPDATES, variables: { id } },
      {
        next: (event) => {
          if (event.data?.jobUpdates.final === true) sawFinal = true;
          if (dropAfterFirst) done('disconnected');
        },
        error: () => {
          done('error');
        },
        complete: () => {
          done(sawFinal ? 'final' : 'lost-final');
        },
      },
    );
  });
}

/** Over SSE: the same, reading `data:` lines until the stream ends. */
export async function watchSse(graphqlUrl: string, id: string, timeoutMs: number, dropAfterFirst: boolean): Promise<WatchOutcome> {
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort();
  }, timeoutMs);
  let sawFinal = false;
  try {
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: UPDATES, variables: { id } }),
      signal: controller.signal,
    });
    if (!response.body) return 'error';
    let text = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      text += Buffer.from(chunk).toString();
      if (text.includes('"final":true')) sawFinal = true;
      if (text.includes('"errors"')) return 'error';
      if (dropAfterFirst && text.includes('data:')) {
        controller.abort();
        return 'disconnected';
      }
    }
    return sawFinal ? 'final' : 'lost-final';
  } catch {
    return controller.signal.aborted && !dropAfterFirst ? 'hung' : sawFinal ? 'final' : 'error';
  } finally {
    clearTimeout(timer);
  }
}
