/**
 * A separate process holding N graphql-ws subscriptions to one job until it completes; prints
 * `RESULT {"events", "p50", "p99"}`: percentiles of how long after the first subscriber each
 * subscriber received the same change (fan-out delivery time, in ms).
 */
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

const [wsUrl = '', id = '', count = '0'] = process.argv.slice(2);
const n = Number(count);
const query = 'subscription ($id: ID!) { jobUpdates(id: $id) { status progress { percent } } }';
const receipts = new Map<string, number[]>();
let events = 0;
const clients = Array.from({ length: Math.ceil(n / 100) }, () => createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }));
await Promise.all(
  Array.from({ length: n }, (_, i) =>
    (async () => {
      const client = clients[Math.floor(i / 100)];
      if (!client) return;
      for await (const event of client.iterate<{ jobUpdates: { status: string; progress: { percent: number | null } | null } }>({
        query,
        variables: { id },
      })) {
        const now = performance.now();
        events++;
        const key = `${event.data?.jobUpdates.status ?? ''}:${String(event.data?.jobUpdates.progress?.percent ?? '')}`;
        receipts.set(key, [...(receipts.get(key) ?? []), now]);
      }
    })(),
  ),
);
const spreads = [...receipts.values()].flatMap((times) => {
  const first = Math.min(...times);
  return times.map((t) => t - first);
});
spreads.sort((a, b) => a - b);
const at = (p: number): number => spreads[Math.min(spreads.length - 1, Math.floor((p / 100) * spreads.length))] ?? Number.NaN;
process.stdout.write(`RESULT ${JSON.stringify({ events, p50: at(50), p99: at(99) })}\n`);
await Promise.all(
  clients.map(async (c) => {
    await c.dispose();
  }),
);
