import type { CatalogService, CatalogTask } from '../core/catalog.js';
import type { ExecuteResult, ExecuteTask } from '../resolvers/execute-result.js';
import type { RunCacheService } from '../resolvers/run-cache-service.js';
import type { InputUrlPolicy } from '../resolvers/input-urls.js';
import { createRunSyncTask, type InputBinding } from '../resolvers/run-sync-task.js';
import type { Builder } from './builder.js';
import { catalogArgs } from './catalog-shapes.js';
import { accessOf } from './context.js';
import type { TaskNames } from './naming.js';
import type { SharedTypes } from './shared-types.js';
import { taskDescription } from './task-description.js';
import { addJobType, type JobDeps } from './task-job.js';
import { addLazyOutputs, addSyncOutputs } from './task-outputs.js';
import { addInputType, mapParams, parameterViews } from './task-parameters.js';
import type { TaskView } from './types/catalog-types.js';
import type { WorkflowTaskParts } from './workflow-step-inputs.js';

type OkService = Extract<CatalogService, { status: 'ok' }>;

export interface TaskDeps extends JobDeps {
  readonly execute: ExecuteTask;
  readonly cachedExecute?: (service: RunCacheService, taskName: string) => ExecuteTask | undefined;
  readonly inputUrls: InputUrlPolicy;
}

/** A synchronous task: `<Prefix>Result { results, messages }` and `run<Prefix>` (one `execute`). */
function addSyncTask(
  builder: Builder,
  shared: SharedTypes,
  service: OkService,
  task: CatalogTask,
  names: TaskNames,
  parts: {
    inputType: ReturnType<typeof addInputType>;
    outputsType: ReturnType<typeof addSyncOutputs>;
    bindings: readonly InputBinding[];
  },
  deps: TaskDeps,
): void {
  const { inputType, outputsType, bindings } = parts;
  const resultType = builder.objectRef<ExecuteResult>(names.resultType).implement({
    description: `What ${task.displayName} returned.`,
    fields: (t) => ({
      ...(outputsType ? { results: t.field({ type: outputsType, nullable: false, resolve: (r) => r }) } : {}),
      messages: t.field({ type: [shared.gpMessage], nullable: false, resolve: (r) => r.messages }),
    }),
  });
  const execute = deps.cachedExecute?.(service, task.name) ?? deps.execute;
  const run = createRunSyncTask(service, task.name, bindings, execute, deps.uploads);
  builder.mutationField(names.runField, (t) =>
    t.field({
      type: resultType,
      nullable: false,
      description: taskDescription(task, task.displayName),
      args: {
        ...(inputType ? { input: t.arg({ type: inputType, required: true }) } : {}),
        options: t.arg({ type: shared.gpOptions }),
      },
      resolve: async (_root, args, context, info) => {
        const result = await run(catalogArgs(args), accessOf(context));
        if (result.runCache) context.runCache?.push({ field: info.path.key.toString(), ...result.runCache });
        return result;
      },
    }),
  );
}

/** One task's types and root fields; returns the task's entry for `Query.services` and the parts a workflow step reuses. */
export function addTaskTypes(
  builder: Builder,
  shared: SharedTypes,
  service: OkService,
  task: CatalogTask,
  names: TaskNames,
  deps: TaskDeps,
): { view: TaskView; parts: WorkflowTaskParts } {
  const inputs = mapParams(
    task.parameters.filter((p) => p.direction === 'input'),
    builder,
    shared,
    names.prefix,
  );
  const outputs = mapParams(
    task.parameters.filter((p) => p.direction === 'output'),
    builder,
    shared,
    names.prefix,
  );
  const inputType = addInputType(builder, names.inputType, `Inputs of ${task.displayName} (${service.name}/${task.name}).`, inputs);
  const outputsDescription = `Outputs of ${task.displayName}, one field per output parameter.`;
  const bindings: InputBinding[] = inputs.map(({ param, field, mapping }) => ({
    name: param.name,
    field,
    toGp: (value, name) => deps.inputUrls.checked(mapping.toGp(value, name), name),
  }));
  let outputsType: WorkflowTaskParts['outputsType'];
  if (task.execution === 'synchronous') {
    const syncOutputs = addSyncOutputs(builder, shared, names.outputsType, outputsDescription, outputs);
    addSyncTask(builder, shared, service, task, names, { inputType, outputsType: syncOutputs, bindings }, deps);
    outputsType = syncOutputs && { execution: 'synchronous', ref: syncOutputs };
  } else {
    const lazyOutputs = addLazyOutputs(builder, shared, names.outputsType, outputsDescription, outputs);
    addJobType(builder, shared, { service, task, names, inputType, outputsType: lazyOutputs, bindings }, deps);
    outputsType = lazyOutputs && { execution: 'asynchronous', ref: lazyOutputs };
  }
  const view: TaskView = {
    name: task.name,
    displayName: task.displayName,
    description: task.description,
    helpUrl: task.helpUrl,
    execution: task.execution === 'synchronous' ? 'SYNCHRONOUS' : 'ASYNCHRONOUS',
    runField: names.runField,
    submitField: task.execution === 'asynchronous' ? names.submitField : undefined,
    parameters: [...parameterViews(inputs), ...parameterViews(outputs)],
  };
  return { view, parts: { service, task, names, inputs, outputs, bindings, outputsType } };
}
