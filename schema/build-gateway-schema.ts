import { addUploadFields } from './upload-fields.js';
import type { UploadItems } from '../resolvers/staged-uploads.js';
import { GraphQLDeferDirective, GraphQLStreamDirective } from '@graphql-tools/utils';
import { specifiedDirectives, type GraphQLSchema } from 'graphql';
import type { Catalog } from '../core/catalog.js';
import type { ExecuteTask } from '../resolvers/execute-result.js';
import type { JobOperations } from '../core/jobs/job-operations.js';
import { inputUrlPolicy } from '../resolvers/input-urls.js';
import { JobRegistry } from '../resolvers/job-registry.js';
import { addJobFields } from './job-fields.js';
import { createBuilder } from './builder.js';
import { taskKey, taskNames } from './naming.js';
import { addSharedTypes, SHARED_TYPE_NAMES } from './shared-types.js';
import { addTaskTypes, type TaskDeps } from './task-types.js';
import type { ServiceView } from './types/catalog-types.js';
import type { WorkflowOperations } from '../core/workflows/workflow-operations.js';
import { addWorkflowFields } from './workflow-fields.js';
import type { WorkflowTaskParts } from './workflow-step-inputs.js';

/** What resolvers call upstream; the gateway passes its REST client in. */
export interface GatewayDeps {
  readonly execute: ExecuteTask;
  /** The `execute` of one task when the run cache covers it (README › Cached runs); otherwise `execute`. */
  readonly cachedExecute?: TaskDeps['cachedExecute'];
  readonly jobs: JobOperations;
  /** How long `run<Task>` of an asynchronous task waits before handing back the unfinished job. */
  readonly runDeadlineMs: number;
  /** Services' `uploads/`: files of an input, and `uploadItem`. */
  readonly uploads: UploadItems;
  /** Upstream hosts are kept from callers: input URLs on the services' hosts are refused (resolvers/input-urls.ts). */
  readonly privateUpstream?: boolean;
  /** Runs workflows (README › Workflows); without it the schema has no workflow fields. */
  readonly workflows?: WorkflowOperations;
  /** Origins every service can read results from, besides its own: workflow hand-overs from them go by reference. */
  readonly workflowReferenceOrigins?: readonly string[];
}

/**
 * The schema for a catalog: a pure function (no I/O; a fresh builder each call), so a
 * re-introspected catalog yields a new schema that can be swapped in beside the old one.
 */
export function buildGatewaySchema(catalog: Catalog, deps: GatewayDeps): GraphQLSchema {
  const builder = createBuilder();
  const shared = addSharedTypes(builder);
  const names = taskNames(catalog, SHARED_TYPE_NAMES);
  const registry = new JobRegistry();
  // Inputs may point the GPServer at public hosts, and at the services' origins unless those are private (resolvers/input-urls.ts).
  const inputUrls = inputUrlPolicy(
    catalog.services.map((service) => service.url),
    { privateUpstream: deps.privateUpstream },
  );
  const taskDeps = { ...deps, registry, inputUrls };
  let mutations = 0;
  const workflowTasks: WorkflowTaskParts[] = [];
  const services: ServiceView[] = catalog.services.map((service) => {
    if (service.status === 'error') {
      return {
        name: service.name,
        url: service.url,
        alias: service.alias,
        status: 'ERROR',
        error: service.error,
        description: undefined,
        execution: undefined,
        version: undefined,
        tasks: [],
      };
    }
    const tasks = service.tasks.flatMap((task) => {
      const taskNaming = names.get(taskKey(service.url, task.name));
      if (!taskNaming) return [];
      mutations++;
      const { view, parts } = addTaskTypes(builder, shared, service, task, taskNaming, taskDeps);
      workflowTasks.push(parts);
      return [view];
    });
    return {
      name: service.name,
      url: service.url,
      alias: service.alias,
      status: 'OK',
      error: undefined,
      description: service.description,
      execution: service.execution === 'synchronous' ? 'SYNCHRONOUS' : 'ASYNCHRONOUS',
      version: service.currentVersion,
      tasks,
    };
  });
  builder.queryType({
    fields: (t) => ({
      services: t.field({
        type: [shared.service],
        nullable: false,
        description:
          'The configured GP services, their tasks and how each maps to this schema; services that failed introspection carry their error.',
        resolve: () => services,
      }),
    }),
  });
  // Before the job fields: a workflow is a job they read, list, watch and cancel too.
  if (deps.workflows && workflowTasks.length > 0) {
    addWorkflowFields(builder, shared, workflowTasks, {
      workflows: deps.workflows,
      jobs: deps.jobs,
      registry,
      uploads: deps.uploads,
      referenceOrigins: deps.workflowReferenceOrigins,
    });
  }
  if (!registry.isEmpty) addJobFields(builder, shared, deps.jobs, registry, taskDeps.inputUrls);
  const uploadTargets = services.filter((s) => s.status === 'OK');
  if (uploadTargets.length > 0) {
    addUploadFields(builder, uploadTargets, deps.uploads);
    mutations++;
  }
  if (mutations > 0) builder.mutationType({});
  // @defer and @stream are part of the schema itself: added by a plugin instead, the schema would be
  // copied on every swap of the live schema (gateway/graphql/use-live-schema.ts), once per request.
  return builder.toSchema({ sortSchema: false, directives: [...specifiedDirectives, GraphQLDeferDirective, GraphQLStreamDirective] });
}
