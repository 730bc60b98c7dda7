import { dateTimeToEpochMs } from './scalars.js';
import type { JobListFilter, JobOperations } from '../core/jobs/job-operations.js';
import type { JobStatus } from '../core/jobs/job-status.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { JobRegistry } from '../resolvers/job-registry.js';
import type { JobView } from '../resolvers/views.js';
import type { Builder } from './builder.js';
import { accessOf } from './context.js';
import type { SharedTypes } from './shared-types.js';

/** Jobs a page holds at most. */
const MAX_FIRST = 100;

interface Edge {
  readonly cursor: string;
  readonly node: JobView;
}

interface Connection {
  readonly edges: readonly Edge[];
  readonly hasNextPage: boolean;
  /** The last listed job's cursor, also when its service is no longer configured (its edge is not shown). */
  readonly endCursor: string | null;
}

/** `Query.jobs`: the caller's own jobs as a Relay connection, newest first (README › Jobs › Your jobs). */
export function addJobListField(builder: Builder, shared: SharedTypes, jobs: JobOperations, registry: JobRegistry): void {
  const filter = builder.inputType('JobListFilter', {
    description: 'Which of your jobs to list; every given condition must hold.',
    fields: (t) => ({
      running: t.boolean({ description: 'true: jobs not yet final; false: jobs that ended.' }),
      statuses: t.field({ type: [shared.jobStatus], description: 'Jobs with one of these statuses.' }),
      service: t.string({ description: "The service's name ('Folder/Name'), alias or GPServer URL." }),
      task: t.string(),
      submittedAfter: t.field({ type: 'DateTime' }),
      submittedBefore: t.field({ type: 'DateTime' }),
    }),
  });
  const pageInfo = builder.objectRef<Connection>('PageInfo').implement({
    description: "Relay's page information (forward paging only: `first` and `after`).",
    fields: (t) => ({
      hasNextPage: t.boolean({ nullable: false, resolve: (c) => c.hasNextPage }),
      hasPreviousPage: t.boolean({ nullable: false, resolve: () => false }),
      startCursor: t.string({ nullable: true, resolve: (c) => c.edges[0]?.cursor ?? null }),
      endCursor: t.string({ nullable: true, resolve: (c) => c.endCursor }),
    }),
  });
  const edge = builder.objectRef<Edge>('GPJobEdge').implement({
    fields: (t) => ({
      cursor: t.string({ nullable: false, resolve: (e) => e.cursor }),
      node: t.field({ type: shared.gpJob, nullable: false, resolve: (e) => e.node }),
    }),
  });
  const connection = builder.objectRef<Connection>('GPJobConnection').implement({
    fields: (t) => ({
      edges: t.field({ type: [edge], nullable: false, resolve: (c) => [...c.edges] }),
      pageInfo: t.field({ type: pageInfo, nullable: false, resolve: (c) => c }),
    }),
  });
  builder.queryField('jobs', (t) =>
    t.field({
      type: connection,
      nullable: false,
      description:
        'Your jobs, submitted through any instance of this gateway, newest first: as many as the job store keeps (README › Jobs › Your jobs). Nobody else’s.',
      args: {
        first: t.arg.int({ defaultValue: 20, description: `At most ${MAX_FIRST}.` }),
        after: t.arg.string({ description: 'The `cursor` of the last edge of the previous page.' }),
        filter: t.arg({ type: filter }),
      },
      resolve: async (_root, args, context) => {
        const first = args.first ?? 20;
        if (first < 0 || first > MAX_FIRST) {
          throw new GatewayError('INVALID_INPUT', `first: between 0 and ${MAX_FIRST}.`, { parameter: 'first' });
        }
        const given = args.filter ?? undefined;
        const listFilter: JobListFilter = {
          ...(given?.running === null || given?.running === undefined ? {} : { running: given.running }),
          ...(given?.statuses ? { statuses: given.statuses as JobStatus[] } : {}),
          ...(given?.service ? { serviceUrls: new Set([registry.serviceUrlOf(given.service)]) } : {}),
          ...(given?.task ? { task: given.task } : {}),
          ...(given?.submittedAfter ? { submittedAfter: dateTimeToEpochMs(given.submittedAfter) } : {}),
          ...(given?.submittedBefore ? { submittedBefore: dateTimeToEpochMs(given.submittedBefore) } : {}),
        };
        const page = await jobs.list(accessOf(context), { first, ...(args.after ? { after: args.after } : {}), filter: listFilter });
        return {
          hasNextPage: page.hasNextPage,
          endCursor: page.edges.at(-1)?.cursor ?? null,
          edges: page.edges.flatMap((e) => {
            // A job of a service no longer configured is not shown (its id could not be resolved).
            try {
              return [{ cursor: e.cursor, node: registry.view(e.state) }];
            } catch {
              return [];
            }
          }),
        };
      },
    }),
  );
}
