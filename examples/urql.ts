/**
 * urql, as a frontend uses it: queries and mutations with `fetchExchange`, subscriptions through
 * `subscriptionExchange` over graphql-ws (a WebSocket) or graphql-sse (Server-Sent Events over plain
 * HTTP, for networks that do not pass WebSockets). Submits an elevation statistics job and follows it.
 *
 *   npx tsx examples/urql.ts [http://localhost:4000/graphql] [ws|sse]
 */
import { Client, fetchExchange, gql, subscriptionExchange, type SubscriptionForwarder } from '@urql/core';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient } from 'graphql-ws';
import { WebSocket } from 'ws';

const SUBMIT = gql`
  mutation Submit {
    submitElevationStatisticsJob(input: { bandCount: 3, stepDelayMs: 200 }) {
      id
      status
    }
  }
`;

const UPDATES = gql`
  subscription Updates($id: ID!) {
    jobUpdates(id: $id) {
      status
      final
      progress {
        percent
      }
    }
  }
`;

interface Update {
  status: string;
  final: boolean;
  progress: { percent: number | null } | null;
}

/** The forwarder `subscriptionExchange` calls for each subscription, on the chosen transport. */
function forwarder(url: string, transport: 'ws' | 'sse'): { forward: SubscriptionForwarder; dispose: () => Promise<void> } {
  if (transport === 'sse') {
    // graphql-sse's "distinct connections" mode: one SSE response per subscription, as the gateway serves it.
    const sse = createSseClient({ url });
    return {
      forward: (request) => ({ subscribe: (sink) => ({ unsubscribe: sse.subscribe({ ...request, query: request.query ?? '' }, sink) }) }),
      dispose: () => {
        sse.dispose();
        return Promise.resolve();
      },
    };
  }
  const ws = createWsClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
  return {
    forward: (request) => ({ subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }) }),
    dispose: async () => {
      await ws.dispose();
    },
  };
}

export async function runUrqlExample(url: string, transport: 'ws' | 'sse', print: (line: string) => void = console.log): Promise<string[]> {
  const subscriptions = forwarder(url, transport);
  const client = new Client({ url, exchanges: [fetchExchange, subscriptionExchange({ forwardSubscription: subscriptions.forward })] });
  try {
    const submitted = await client.mutation<{ submitElevationStatisticsJob: { id: string; status: string } }>(SUBMIT, {}).toPromise();
    const job = submitted.data?.submitElevationStatisticsJob;
    if (!job) throw new Error(submitted.error?.message ?? 'no job came back');
    print(`submitted ${job.id}: ${job.status} (updates over ${transport})`);
    return await new Promise<string[]>((resolve, reject) => {
      const statuses: string[] = [];
      const subscription = client.subscription<{ jobUpdates: Update }>(UPDATES, { id: job.id }).subscribe((result) => {
        if (result.error) {
          reject(result.error);
          return;
        }
        const update = result.data?.jobUpdates;
        if (!update) return;
        statuses.push(update.status);
        print(`  ${update.status}${update.progress?.percent == null ? '' : ` ${update.progress.percent} %`}`);
        if (update.final) {
          subscription.unsubscribe();
          resolve(statuses);
        }
      });
    });
  } finally {
    await subscriptions.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runUrqlExample(process.argv[2] ?? 'http://localhost:4000/graphql', process.argv[3] === 'sse' ? 'sse' : 'ws');
}
