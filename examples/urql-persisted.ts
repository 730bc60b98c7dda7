/**
 * urql with automatic persisted queries (`@urql/exchange-persisted`): queries as GET with the hash
 * alone, mutations and subscriptions too (`enableForMutation`, `enableForSubscriptions`); the text
 * follows only when the gateway answers PERSISTED_QUERY_NOT_FOUND. Subscriptions go over graphql-sse
 * (Server-Sent Events over HTTP). Submits an elevation statistics job, follows it, reads it twice.
 *
 *   npx tsx examples/urql-persisted.ts [http://localhost:4000/graphql]
 */
import { Client, fetchExchange, gql, subscriptionExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { createClient as createSseClient } from 'graphql-sse';

const SUBMIT = gql<{ submitElevationStatisticsJob: { id: string } }>`
  mutation Submit {
    submitElevationStatisticsJob(input: { bandCount: 2, stepDelayMs: 50 }) {
      id
    }
  }
`;

const UPDATES = gql<{ jobUpdates: { status: string; final: boolean } }, { id: string }>`
  subscription Updates($id: ID!) {
    jobUpdates(id: $id) {
      status
      final
    }
  }
`;

const JOB = gql<{ job: { id: string; status: string } | null }, { id: string }>`
  query Job($id: ID!) {
    job(id: $id) {
      id
      status
    }
  }
`;

export interface UrqlPersistedRun {
  readonly statuses: readonly string[];
  readonly status: string;
  /** Each HTTP request: its method and whether it carried the text. */
  readonly wire: readonly string[];
}

export async function runUrqlPersistedExample(url: string, print: (line: string) => void = console.log): Promise<UrqlPersistedRun> {
  const wire: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { query?: string }) : {};
    const href = input instanceof Request ? input.url : input.toString();
    const text = method === 'GET' ? new URL(href).searchParams.has('query') : Boolean(body.query);
    wire.push(`${method} ${text ? 'text' : 'hash'}`);
    return fetch(input, init);
  };
  // graphql-sse requires a query string: a hash-only subscription sends an empty one.
  const sse = createSseClient({ url, fetchFn: recordingFetch });
  const client = new Client({
    url,
    fetch: recordingFetch,
    exchanges: [
      persistedExchange({ preferGetForPersistedQueries: true, enableForMutation: true, enableForSubscriptions: true }),
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: sse.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  try {
    const submitted = await client.mutation(SUBMIT, {}).toPromise();
    const id = submitted.data?.submitElevationStatisticsJob.id;
    if (id === undefined) throw new Error(submitted.error?.message ?? 'no job came back');
    print(`submitted ${id}`);
    const statuses = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const subscription = client.subscription(UPDATES, { id }).subscribe((result) => {
        if (result.error) reject(result.error);
        const update = result.data?.jobUpdates;
        if (!update) return;
        seen.push(update.status);
        if (update.final) {
          subscription.unsubscribe();
          resolve(seen);
        }
      });
    });
    print(`  ${statuses.join(' → ')}`);
    await client.query(JOB, { id }, { requestPolicy: 'network-only' }).toPromise();
    const job = await client.query(JOB, { id }, { requestPolicy: 'network-only' }).toPromise();
    const status = job.data?.job?.status ?? 'unknown';
    print(`job ${id}: ${status}; over the wire: ${wire.join(', ')}`);
    return { statuses, status, wire };
  } finally {
    sse.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runUrqlPersistedExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
