/**
 * Apollo Client 4 against the gateway, as a frontend uses it: queries and mutations over HTTP,
 * subscriptions over graphql-ws, a cache that knows which job types implement `GPJob`
 * (`possibleTypes`) and that `newMessages` replaces rather than merges. Submits a viewshed job,
 * follows it to the end, and reads its result as GeoJSON.
 *
 *   npx tsx examples/apollo-client.ts [http://localhost:4000/graphql]
 *
 * `possibleTypes` is read from the gateway at start here (introspection); in an application, generate
 * it at build time: `npm run --silent sdl -- --possible-types > possibleTypes.json`.
 */
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql, type TypePolicies, type TypedDocumentNode } from '@apollo/client';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient } from 'graphql-ws';
import { WebSocket } from 'ws';

const JOB_STATE = gql`
  fragment JobState on GPJob {
    id
    jobId
    service
    task
    status
    upstreamStatus
    final
    progress {
      percent
      message
    }
    newMessages {
      type
      description
    }
  }
`;

const SUBMIT: TypedDocumentNode<{ submitWorldViewshedJob: JobState }, { point: unknown }> = gql`
  ${JOB_STATE}
  mutation Submit($point: JSON!) {
    submitWorldViewshedJob(input: { inputObservationPoint: { geoJson: $point }, viewshedDistance: { distance: 2, units: KILOMETERS } }) {
      ...JobState
    }
  }
`;

const UPDATES: TypedDocumentNode<{ jobUpdates: JobState }, { id: string }> = gql`
  ${JOB_STATE}
  subscription Updates($id: ID!) {
    jobUpdates(id: $id) {
      ...JobState
    }
  }
`;

const RESULT: TypedDocumentNode<{ job: { results: { viewshedResult: { featureCount: number } } | null } }, { id: string }> = gql`
  query Result($id: ID!) {
    job(id: $id) {
      id
      status
      ... on WorldViewshedJob {
        results {
          viewshedResult(format: GEOJSON) {
            featureCount
            data
          }
        }
      }
    }
  }
`;

/** The caller's own jobs, newest first: what a reloaded page (a new client, an empty cache) reattaches to. */
const MY_JOBS: TypedDocumentNode<
  { jobs: { edges: { node: { id: string; status: string; submittedAt: string | null } }[] } },
  { first: number }
> = gql`
  query MyJobs($first: Int!) {
    jobs(first: $first) {
      edges {
        node {
          id
          status
          submittedAt
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

interface JobState {
  id: string;
  jobId: string;
  service: string;
  task: string;
  status: string;
  upstreamStatus: string;
  final: boolean;
  progress: { percent: number | null; message: string } | null;
  newMessages: { type: string; description: string }[];
}

/** Interfaces and unions → their object types, from the schema (Apollo's documented recipe). */
async function fetchPossibleTypes(url: string): Promise<Record<string, string[]>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ __schema { types { kind name possibleTypes { name } } } }' }),
  });
  const { data } = (await response.json()) as {
    data: { __schema: { types: { name: string; possibleTypes: { name: string }[] | null }[] } };
  };
  return Object.fromEntries(data.__schema.types.flatMap((t) => (t.possibleTypes ? [[t.name, t.possibleTypes.map((p) => p.name)]] : [])));
}

export interface ExampleRun {
  readonly submitted: JobState;
  readonly statuses: readonly string[];
  readonly messages: readonly string[];
  readonly featureCount: number;
  /** Ids of the caller's latest jobs, as a new client (after a page reload) reads them. */
  readonly listed: readonly string[];
}

export async function runApolloExample(url: string, print: (line: string) => void = console.log): Promise<ExampleRun> {
  const possibleTypes = await fetchPossibleTypes(url);
  // `newMessages` are the messages since the previous event: each event's list replaces the last one.
  const typePolicies: TypePolicies = Object.fromEntries(
    (possibleTypes.GPJob ?? []).map((type) => [type, { fields: { newMessages: { merge: false } } }]),
  );
  const ws = createClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
  const client = new ApolloClient({
    cache: new InMemoryCache({ possibleTypes, typePolicies }),
    link: ApolloLink.split(
      ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
      new GraphQLWsLink(ws),
      new HttpLink({ uri: url }),
    ),
  });
  try {
    const point = { type: 'Point', coordinates: [-119.68, 36.31] };
    const { data } = await client.mutate({ mutation: SUBMIT, variables: { point } });
    const submitted = data?.submitWorldViewshedJob;
    if (!submitted) throw new Error('no job came back');
    print(`submitted ${submitted.task} job ${submitted.jobId} on ${submitted.service}: ${submitted.status}`);

    const statuses: string[] = [];
    const messages: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const subscription = client.subscribe({ query: UPDATES, variables: { id: submitted.id } }).subscribe({
        next: ({ data: update, error }) => {
          if (error) reject(error instanceof Error ? error : new Error('the subscription failed', { cause: error }));
          const job = update?.jobUpdates;
          if (!job) return;
          statuses.push(job.status);
          messages.push(...job.newMessages.map((m) => m.description));
          print(
            `  ${job.status}${job.progress?.percent == null ? '' : ` ${job.progress.percent} %`}${job.newMessages.map((m) => `\n    ${m.type}: ${m.description}`).join('')}`,
          );
          if (job.final) {
            subscription.unsubscribe();
            resolve();
          }
        },
        error: reject,
      });
    });

    const result = await client.query({ query: RESULT, variables: { id: submitted.id } });
    const featureCount = result.data?.job.results?.viewshedResult.featureCount ?? 0;
    print(`visible area: ${featureCount} polygon feature(s), GeoJSON`);

    // A page reload: a new client with an empty cache finds the job again in the caller's list.
    const reloaded = new ApolloClient({ cache: new InMemoryCache({ possibleTypes, typePolicies }), link: new HttpLink({ uri: url }) });
    const mine = await reloaded.query({ query: MY_JOBS, variables: { first: 5 } });
    const listed = (mine.data?.jobs.edges ?? []).map((edge) => edge.node);
    print(`your latest jobs: ${listed.map((job) => `${job.id.slice(0, 8)}… ${job.status}`).join(', ')}`);
    reloaded.stop();
    return { submitted, statuses, messages, featureCount, listed: listed.map((job) => job.id) };
  } finally {
    client.stop();
    await ws.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runApolloExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
