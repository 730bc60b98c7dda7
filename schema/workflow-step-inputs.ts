import type { InputObjectRef } from '@pothos/core';
import type { CatalogService, CatalogTask } from '../core/catalog.js';
import type { InputBinding } from '../resolvers/run-sync-task.js';
import type { OutputRefArgs, WorkflowTaskSpec } from '../resolvers/workflow-plan.js';
import type { Builder, Types } from './builder.js';
import type { TaskNames } from './naming.js';
import type { addLazyOutputs, addSyncOutputs } from './task-outputs.js';
import { describeParameter, hasPublishedDefault, type MappedParam } from './task-parameters.js';

type OkService = Extract<CatalogService, { status: 'ok' }>;

/** A task's `<Prefix>Outputs`, with the parent its fields read: a synchronous answer or a job's results. */
export type TaskOutputsType =
  | { readonly execution: 'synchronous'; readonly ref: NonNullable<ReturnType<typeof addSyncOutputs>> }
  | { readonly execution: 'asynchronous'; readonly ref: NonNullable<ReturnType<typeof addLazyOutputs>> }
  | undefined;

/** What `addTaskTypes` built for a task that a workflow step reuses. */
export interface WorkflowTaskParts {
  readonly service: OkService;
  readonly task: CatalogTask;
  readonly names: TaskNames;
  readonly inputs: readonly MappedParam[];
  readonly outputs: readonly MappedParam[];
  /** The conversions of `run<Task>`, input URL policy included: a step's literals are converted alike. */
  readonly bindings: readonly InputBinding[];
  readonly outputsType: TaskOutputsType;
}

/** A task as a workflow step: its `<Prefix>Step`, its plan spec and its outputs type. */
export interface WorkflowTask {
  readonly spec: WorkflowTaskSpec;
  readonly stepType: InputObjectRef<Types, unknown>;
  readonly outputsType: TaskOutputsType;
  readonly parts: WorkflowTaskParts;
}

/** `buffer`, `zonalStatistics`: the task's `run<Prefix>` without `run`. */
export function workflowTaskField(prefix: string): string {
  return prefix.charAt(0).toLowerCase() + prefix.slice(1);
}

/** `<field>From` for each input, unless a literal field already has that name: then `<field>From2`, … */
function refFieldNames(fields: readonly string[]): string[] {
  const taken = new Set(fields);
  return fields.map((field) => {
    let name = `${field}From`;
    for (let n = 2; taken.has(name); n++) name = `${field}From${n}`;
    taken.add(name);
    return name;
  });
}

/** How the task's feature outputs can reach later steps: a job's results can be read by the next server itself. */
function outputsNote(parts: WorkflowTaskParts): string {
  return parts.task.execution === 'asynchronous'
    ? 'an asynchronous task: its features can be handed over by reference'
    : 'a synchronous task: its features are handed over by value';
}

/**
 * `<Prefix>Step`: every input of `<Prefix>Input`, optional, with the same type (the literal), and
 * beside it `<field>From`, an earlier step's output to take instead. A task without inputs gets one
 * placeholder field, since GraphQL has no empty input objects.
 */
export function addStepInputType(
  builder: Builder,
  outputRef: InputObjectRef<Types, OutputRefArgs>,
  parts: WorkflowTaskParts,
  serviceLabel: string,
): WorkflowTask {
  const { service, task, names, inputs, bindings } = parts;
  const refFields = refFieldNames(inputs.map((i) => i.field));
  const specInputs = inputs.map(({ param, field, mapping }, i) => {
    // Never the bare mapping: the binding's conversion is the one that applies the input URL policy.
    const binding = bindings.find((b) => b.field === field);
    if (!binding) throw new Error(`No conversion of ${task.name}.${param.name}.`);
    return {
      name: param.name,
      field,
      toGp: binding.toGp,
      refField: refFields[i] ?? `${field}From`,
      dataType: param.dataType,
      needsValue: param.requirement === 'required' && !hasPublishedDefault(param, mapping),
      ...(param.defaultValue === undefined ? {} : { defaultValue: param.defaultValue }),
    };
  });
  const stepType = builder.inputType(`${names.prefix}Step`, {
    description:
      `${task.displayName} (${service.name}/${task.name}) as a workflow step, ${outputsNote(parts)}. ` +
      `Each input is given as in \`${names.inputType}\` or taken from an earlier step's output with its \`…From\` field; ` +
      'at most one of the two. Required inputs need one of them unless the service publishes a default.',
    fields: (t) =>
      specInputs.length === 0
        ? { _: t.boolean({ description: `${task.displayName} takes no inputs: give \`{}\`; this field is ignored.` }) }
        : Object.fromEntries(
            inputs.flatMap(({ param, field, mapping }, i) => [
              [
                field,
                t.field({
                  type: mapping.input,
                  required: false,
                  description: describeParameter(param, mapping),
                  extensions: { gpName: param.name, gpDataType: param.dataType },
                }),
              ],
              [
                specInputs[i]?.refField ?? `${field}From`,
                t.field({
                  type: outputRef,
                  required: false,
                  description: `Instead of \`${field}\`: an earlier step's output, for \`${param.name}\` (${param.dataType}).`,
                }),
              ],
            ]),
          ),
  });
  const spec: WorkflowTaskSpec = {
    field: workflowTaskField(names.prefix),
    serviceUrl: service.url,
    serviceLabel,
    currentVersion: service.currentVersion,
    task: task.name,
    execution: task.execution,
    inputs: specInputs,
    outputs: parts.outputs.map(({ param, field }) => ({ name: param.name, field, dataType: param.dataType })),
  };
  return { spec, stepType, outputsType: parts.outputsType, parts };
}
