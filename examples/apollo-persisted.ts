/**
 * Apollo Client 4 with automatic persisted queries (`PersistedQueryLink`): each operation goes out as
 * its SHA-256 hash first, and with its text only when the gateway does not know the hash yet
 * (`PERSISTED_QUERY_NOT_FOUND`). Queries go out as GET (`useGETForHashedQueries`: cacheable by a CDN),
 * mutations as POST, subscriptions over graphql-ws with the hash in the payload's extensions. Submits
 * an elevation statistics job, follows it, and reads the list of jobs twice: the second time by hash only.
 *
 *   npx tsx examples/apollo-persisted.ts [http://localhost:4000/graphql]
 */
import { createHash } from 'node:crypto';
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql, type TypedDocumentNode } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

const SUBMIT: TypedDocumentNode<{ submitElevationStatisticsJob: { id: string; status: string } }> = gql`
  mutation Submit {
    submitElevationStatisticsJob(input: { bandCount: 2, stepDelayMs: 50 }) {
      id
      status
    }
  }
`;

const UPDATES: TypedDocumentNode<{ jobUpdates: { id: string; status: string; final: boolean } }, { id: string }> = gql`
  subscription Updates($id: ID!) {
    jobUpdates(id: $id) {
      id
      status
      final
    }
  }
`;

const JOBS: TypedDocumentNode<{ jobs: { edges: { node: { id: string; status: string } }[] } }, { first: number }> = gql`
  query Jobs($first: Int!) {
    jobs(first: $first) {
      edges {
        node {
          id
          status
        }
      }
    }
  }
`;

/** What went over HTTP: the method, and whether the text was sent or the hash alone. */
export interface WireRequest {
  readonly method: string;
  readonly operationName: string;
  readonly withText: boolean;
}

export interface PersistedRun {
  readonly statuses: readonly string[];
  readonly listed: readonly string[];
  readonly wire: readonly WireRequest[];
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The request as the gateway sees it: GET parameters or a JSON body. */
function describe(input: RequestInfo | URL, init: RequestInit | undefined): WireRequest {
  const method = init?.method ?? 'GET';
  if (method === 'GET') {
    const params = new URL(input instanceof Request ? input.url : input.toString()).searchParams;
    return { method, operationName: params.get('operationName') ?? '', withText: params.has('query') };
  }
  const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as { operationName?: string; query?: string };
  return { method, operationName: body.operationName ?? '', withText: body.query !== undefined };
}

export async function runApolloPersistedExample(url: string, print: (line: string) => void = console.log): Promise<PersistedRun> {
  const wire: WireRequest[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    wire.push(describe(input, init));
    return fetch(input, init);
  };
  const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
  const client = new ApolloClient({
    cache: new InMemoryCache(),
    link: new PersistedQueryLink({ sha256, useGETForHashedQueries: true }).concat(
      ApolloLink.split(
        ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
        new GraphQLWsLink(ws),
        new HttpLink({ uri: url, fetch: recordingFetch }),
      ),
    ),
  });
  try {
    const { data } = await client.mutate({ mutation: SUBMIT });
    const id = data?.submitElevationStatisticsJob.id;
    if (id === undefined) throw new Error('no job came back');
    print(`submitted ${id}`);
    const statuses = await new Promise<string[]>((resolve, reject) => {
      const seen: string[] = [];
      const subscription = client.subscribe({ query: UPDATES, variables: { id } }).subscribe({
        next: ({ data: update, error }) => {
          if (error) reject(error instanceof Error ? error : new Error('the subscription failed', { cause: error }));
          if (!update) return;
          seen.push(update.jobUpdates.status);
          if (update.jobUpdates.final) {
            subscription.unsubscribe();
            resolve(seen);
          }
        },
        error: reject,
      });
    });
    print(`  ${statuses.join(' → ')}`);
    // Twice: the first registers the document, the second (another page, the same build) sends the hash alone.
    await client.query({ query: JOBS, variables: { first: 3 }, fetchPolicy: 'network-only' });
    const { data: jobs } = await client.query({ query: JOBS, variables: { first: 3 }, fetchPolicy: 'network-only' });
    const listed = (jobs?.jobs.edges ?? []).map((edge) => edge.node.id);
    print(`your latest jobs: ${listed.join(', ')}`);
    for (const request of wire) print(`  ${request.method} ${request.operationName}: ${request.withText ? 'text and hash' : 'hash only'}`);
    return { statuses, listed, wire };
  } finally {
    client.stop();
    await ws.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runApolloPersistedExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
