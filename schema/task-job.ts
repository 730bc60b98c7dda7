import type { InputObjectRef, ObjectRef } from '@pothos/core';
import type { CatalogService, CatalogTask } from '../core/catalog.js';
import type { JobAccess, JobOperations } from '../core/jobs/job-operations.js';
import type { JobRegistry } from '../resolvers/job-registry.js';
import { resultMapLayerIds, resultMapServerUrl } from '../resolvers/result-map-service.js';
import { runWithUploads, type InputBinding, type RunSyncTaskArgs } from '../resolvers/run-sync-task.js';
import type { UploadItems } from '../resolvers/staged-uploads.js';
import type { Builder, Types } from './builder.js';
import { catalogArgs } from './catalog-shapes.js';
import { accessOf } from './context.js';
import type { TaskNames } from './naming.js';
import type { SharedTypes } from './shared-types.js';
import { taskDescription } from './task-description.js';
import { submitExtras, submitExtrasArgs, type SubmitExtrasArgs } from './job-submit-args.js';
import type { JobResults } from './task-outputs.js';
import type { JobView } from '../resolvers/views.js';

type OkService = Extract<CatalogService, { status: 'ok' }>;

export interface AsyncTaskParts {
  readonly service: OkService;
  readonly task: CatalogTask;
  readonly names: TaskNames;
  readonly inputType: InputObjectRef<Types, unknown> | undefined;
  readonly outputsType: ObjectRef<Types, JobResults> | undefined;
  readonly bindings: readonly InputBinding[];
}

export interface JobDeps {
  readonly jobs: JobOperations;
  readonly registry: JobRegistry;
  /** How long `run<Task>` of an asynchronous task waits before handing back the unfinished job. */
  readonly runDeadlineMs: number;
  /** Files of an input go to the service's `uploads/` first. */
  readonly uploads: UploadItems;
}

function resultMapOf(service: OkService, task: CatalogTask): { mapServerUrl: string; layerIds: number[] } | undefined {
  const mapServerUrl = service.resultMapServerName === undefined ? undefined : resultMapServerUrl(service.url, service.resultMapServerName);
  return mapServerUrl === undefined ? undefined : { mapServerUrl, layerIds: resultMapLayerIds(task.parameters) };
}

/**
 * An asynchronous task's `<Prefix>Job` type (results null until SUCCEEDED, then fetched lazily),
 * `submit<Prefix>Job`, and `run<Prefix>`, which submits and waits for the job, bounded by a deadline.
 */
export function addJobType(builder: Builder, shared: SharedTypes, parts: AsyncTaskParts, deps: JobDeps): void {
  const { service, task, names, inputType, outputsType, bindings } = parts;
  deps.registry.register({
    serviceUrl: service.url,
    serviceName: service.name,
    alias: service.alias,
    currentVersion: service.currentVersion,
    task: task.name,
    typeName: names.jobType,
    resultMap: resultMapOf(service, task),
  });
  const jobType = builder.objectRef<JobView>(names.jobType).implement({
    description: taskDescription(task, `A job of ${task.displayName} (${service.name}/${task.name}).`),
    interfaces: [shared.node, shared.gpJob],
    isTypeOf: (value) => (value as Partial<JobView>).typeName === names.jobType,
    fields: (t) => ({
      ...(outputsType
        ? {
            results: t.field({
              type: outputsType,
              nullable: true,
              description: 'Null until SUCCEEDED; each output is fetched only when selected.',
              resolve: (view): JobResults | null =>
                view.state.status === 'SUCCEEDED' ? { ref: view.state.ref, paramUrls: view.state.results } : null,
            }),
          }
        : {}),
    }),
  });
  const args = (t: Parameters<Parameters<Builder['mutationField']>[1]>[0]) => ({
    ...(inputType ? { input: t.arg({ type: inputType, required: true }) } : {}),
    options: t.arg({ type: shared.gpOptions }),
  });
  const serviceLabel = deps.registry.labelOf({ serviceUrl: service.url, task: task.name, jobId: '' });
  const submit = (raw: RunSyncTaskArgs & SubmitExtrasArgs & { idempotencyKey?: string | null }, access: JobAccess) =>
    runWithUploads(deps.uploads, service, bindings, raw, access, (params) =>
      deps.jobs.submit({
        serviceUrl: service.url,
        task: task.name,
        params,
        idempotencyKey: raw.idempotencyKey ?? undefined,
        serviceLabel,
        ...submitExtras(raw),
        ...access,
      }),
    );
  builder.mutationField(names.submitField, (t) =>
    t.field({
      type: jobType,
      nullable: false,
      description: taskDescription(task, `Submits ${task.displayName} as a job and returns at once; watch it with \`jobUpdates\`.`),
      args: {
        ...args(t),
        idempotencyKey: t.arg.string({ description: 'A retried submit with the same key returns the same job.' }),
        ...submitExtrasArgs(t.arg, shared),
      },
      resolve: async (_root, raw, context) => deps.registry.view(await submit(catalogArgs(raw), accessOf(context))),
    }),
  );
  builder.mutationField(names.runField, (t) =>
    t.field({
      type: jobType,
      nullable: false,
      description: taskDescription(
        task,
        `Runs ${task.displayName}: submits the job and waits for it, at most ${deps.runDeadlineMs / 1000} s; past that the job is returned unfinished (it keeps running).`,
      ),
      args: args(t),
      resolve: async (_root, raw, context) => {
        const submitted = await submit(catalogArgs(raw), accessOf(context));
        return deps.registry.view(await deps.jobs.settle(submitted.ref, deps.runDeadlineMs, accessOf(context)));
      },
    }),
  );
}
