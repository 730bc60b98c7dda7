/**
 * A separate process holding N graphql-ws subscriptions to one job (100 per WebSocket) until it
 * completes. Prints `READY` once every subscriber has had its first event (the bench reads the
 * gateway's CPU from there, so connecting is not counted as fan-out), then
 * `RESULT {"events", "p50", "p99"}`: events delivered after READY, and percentiles of how long after
 * the first subscriber each subscriber received the same change (fan-out delivery time, in ms).
 * Mode `same`: every subscriber sends one operation; `distinct`: each selects under its own alias,
 * so no two operations are alike.
 */
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

const [wsUrl = '', id = '', count = '0', mode = 'same'] = process.argv.slice(2);
const n = Number(count);
const query = (i: number): string =>
  mode === 'distinct'
    ? `subscription ($id: ID!) { jobUpdates(id: $id) { s${i}: status progress { percent } newMessages { description } } }`
    : 'subscription ($id: ID!) { jobUpdates(id: $id) { status progress { percent } newMessages { description } } }';
const receipts = new Map<string, number[]>();
let events = 0;
let started = 0;
let ready = false;
const clients = Array.from({ length: Math.ceil(n / 100) }, () => createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 }));
await Promise.all(
  Array.from({ length: n }, (_, i) =>
    (async () => {
      const client = clients[Math.floor(i / 100)];
      if (!client) return;
      let first = true;
      for await (const event of client.iterate<Record<string, Record<string, unknown>>>({ query: query(i), variables: { id } })) {
        const now = performance.now();
        if (first) {
          first = false;
          started += 1;
          if (started === n) {
            ready = true;
            process.stdout.write('READY\n');
          }
          continue;
        }
        if (!ready) continue;
        events++;
        const update = event.data?.jobUpdates ?? {};
        // Status, progress and the new messages name one state: two states alike in status and progress alone
        // (a message added, the percent unchanged) would read as one change delivered 100 ms apart.
        const key = JSON.stringify([update.status ?? update[`s${i}`] ?? '', update.progress ?? null, update.newMessages ?? null]);
        const times = receipts.get(key);
        if (times) times.push(now);
        else receipts.set(key, [now]);
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
