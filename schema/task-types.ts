import type { CatalogParameter, CatalogService, CatalogTask } from '../gateway/arcgis/catalog.js';
import type { ExecuteResult, ExecuteTask } from '../resolvers/execute-result.js';
import { createRunSyncTask, type InputBinding } from '../resolvers/run-sync-task.js';
import type { Builder } from './builder.js';
import { mapDataType, parameterTypeName, type TypeMapping } from './data-types.js';
import type { TaskNames } from './naming.js';
import { uniqueFieldNames } from './naming.js';
import type { SharedTypes } from './shared-types.js';
import type { ParameterView, TaskView } from './types/catalog-types.js';

type OkService = Extract<CatalogService, { status: 'ok' }>;

interface MappedParam {
  readonly param: CatalogParameter;
  readonly field: string;
  readonly mapping: TypeMapping;
}

function describe(param: CatalogParameter, mapping: TypeMapping): string {
  const text = [param.displayName !== param.name ? param.displayName : '', param.description].filter((s) => s !== '').join('. ');
  const origin = `GP parameter \`${param.name}\` (${param.dataType}, ${param.requirement}).`;
  return [text, origin, mapping.note ?? ''].filter((s) => s !== '').join(' ');
}

function mapParams(params: readonly CatalogParameter[], builder: Builder, shared: SharedTypes, prefix: string): MappedParam[] {
  const fields = uniqueFieldNames(params.map((p) => p.name));
  return params.map((param, i) => ({
    param,
    field: fields[i] ?? param.name,
    mapping: mapDataType(param, { builder, shared, typeName: parameterTypeName(prefix, param.name) }),
  }));
}

function parameterViews(mapped: readonly MappedParam[]): ParameterView[] {
  return mapped.map(({ param, field }) => ({
    name: param.name,
    fieldName: field,
    dataType: param.dataType,
    displayName: param.displayName,
    description: param.description,
    direction: param.direction === 'input' ? 'INPUT' : 'OUTPUT',
    required: param.requirement === 'required',
    choiceList: param.choiceList,
    defaultValue: param.defaultValue,
  }));
}

/**
 * One task's types — `<Prefix>Input`, `<Prefix>Outputs`, `<Prefix>Result` — and, for a synchronous
 * task, its `run<Prefix>` mutation. Returns the task's entry for `Query.services`.
 */
export function addTaskTypes(
  builder: Builder,
  shared: SharedTypes,
  service: OkService,
  task: CatalogTask,
  names: TaskNames,
  execute: ExecuteTask,
): TaskView {
  const inputs = mapParams(task.parameters.filter((p) => p.direction === 'input'), builder, shared, names.prefix);
  const outputs = mapParams(task.parameters.filter((p) => p.direction === 'output'), builder, shared, names.prefix);
  const inputType =
    inputs.length === 0
      ? undefined
      : builder.inputType(names.inputType, {
          description: `Inputs of ${task.displayName} (${service.name}/${task.name}).`,
          fields: (t) =>
            Object.fromEntries(
              inputs.map(({ param, field, mapping }) => {
                const defaultValue = param.defaultValue === undefined ? undefined : mapping.graphqlDefault(param.defaultValue);
                return [
                  field,
                  t.field({
                    type: mapping.input,
                    required: param.requirement === 'required',
                    description: describe(param, mapping),
                    extensions: { gpName: param.name, gpDataType: param.dataType },
                    ...(defaultValue === undefined ? {} : { defaultValue: defaultValue as never }),
                  }),
                ];
              }),
            ),
        });
  const outputsType =
    outputs.length === 0
      ? undefined
      : builder.objectRef<ExecuteResult>(names.outputsType).implement({
          description: `Outputs of ${task.displayName}, one field per output parameter.`,
          fields: (t) =>
            Object.fromEntries(
              outputs.map(({ param, field, mapping }) => [
                field,
                t.field({
                  type: mapping.output,
                  nullable: true,
                  description: describe(param, mapping),
                  extensions: { gpName: param.name, gpDataType: param.dataType },
                  args: mapping.featureOutput ? { format: t.arg({ type: shared.featureFormat, defaultValue: 'ESRI_JSON' }) } : {},
                  resolve: (parent, args: { format?: 'ESRI_JSON' | 'GEOJSON' | null }) => mapping.fromGp(parent.values.get(param.name), args) as never,
                }),
              ]),
            ),
        });
  const resultType = builder.objectRef<ExecuteResult>(names.resultType).implement({
    description: `What ${task.displayName} returned.`,
    fields: (t) => ({
      ...(outputsType ? { results: t.field({ type: outputsType, nullable: false, resolve: (r) => r }) } : {}),
      messages: t.field({ type: [shared.gpMessage], nullable: false, resolve: (r) => r.messages }),
    }),
  });
  if (task.execution === 'synchronous') {
    const bindings: InputBinding[] = inputs.map(({ param, field, mapping }) => ({ name: param.name, field, toGp: mapping.toGp }));
    const run = createRunSyncTask(service.url, task.name, bindings, execute);
    builder.mutationField(names.runField, (t) =>
      t.field({
        type: resultType,
        nullable: false,
        description: [task.displayName, task.description, task.helpUrl ? `Help: ${task.helpUrl}` : ''].filter((s) => s !== '').join('\n\n'),
        args: {
          ...(inputType ? { input: t.arg({ type: inputType, required: true }) } : {}),
          options: t.arg({ type: shared.gpOptions }),
        },
        resolve: (_root, args, context) => run(args as Parameters<typeof run>[0], context.signal),
      }),
    );
  }
  return {
    name: task.name,
    displayName: task.displayName,
    description: task.description,
    helpUrl: task.helpUrl,
    execution: task.execution === 'synchronous' ? 'SYNCHRONOUS' : 'ASYNCHRONOUS',
    runField: names.runField,
    submitField: task.execution === 'asynchronous' ? names.submitField : undefined,
    parameters: [...parameterViews(inputs), ...parameterViews(outputs)],
  };
}
