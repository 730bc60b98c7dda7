/**
 * A separate process that holds N graphql-ws subscriptions (one WebSocket each) to one job, so the
 * gateway's memory is measured without the clients in it. Prints `ready <n>`; exits on SIGTERM.
 */
import { subscribe, waitFor } from './subscribers.js';

const [wsUrl = '', id = '', count = '0'] = process.argv.slice(2);
const n = Number(count);
const subscribers = subscribe(wsUrl, [id], n, 1);
await waitFor(() => subscribers.ready() === n, `${n} subscribers`, 120_000);
process.stdout.write(`ready ${n}\n`);
process.once('SIGTERM', () => {
  void subscribers.close().then(() => process.exit(0));
});
