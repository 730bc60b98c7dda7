import { GatewayError } from '../core/errors/gateway-error.js';
import type { JobOperations } from '../core/jobs/job-operations.js';
import type { JobRef } from '../core/jobs/job-state.js';
import type { WorkflowOperations } from '../core/workflows/workflow-operations.js';
import { isWorkflowRef, WORKFLOW_SERVICE_LABEL, WORKFLOW_SERVICE_URL, WORKFLOW_TASK } from '../core/workflows/workflow-state.js';
import type { JobRegistry } from '../resolvers/job-registry.js';
import type { UploadItems } from '../resolvers/staged-uploads.js';
import type { JobView } from '../resolvers/views.js';
import { checkWorkflow, MAX_WORKFLOW_STEPS, type OutputRefArgs, type WorkflowStepArgs } from '../resolvers/workflow-plan.js';
import { submitWithStagedUploads } from '../resolvers/workflow-uploads.js';
import type { Builder } from './builder.js';
import { catalogArgs } from './catalog-shapes.js';
import { accessOf } from './context.js';
import { viewsOf, type StreamError } from './job-fields.js';
import { submitExtras, submitExtrasArgs, type SubmitExtrasArgs } from './job-submit-args.js';
import type { SharedTypes } from './shared-types.js';
import { addStepInputType, type WorkflowTaskParts } from './workflow-step-inputs.js';
import { addWorkflowTypes, WORKFLOW_TYPE_NAME } from './workflow-types.js';

export interface WorkflowDeps {
  readonly workflows: WorkflowOperations;
  readonly jobs: JobOperations;
  readonly registry: JobRegistry;
  readonly uploads: UploadItems;
  /** Origins every service can read results from: hand-overs from them go by reference. */
  readonly referenceOrigins?: readonly string[];
}

interface SubmitWorkflowArgs extends SubmitExtrasArgs {
  readonly steps: readonly WorkflowStepArgs[];
  readonly idempotencyKey?: string | null;
}

const SUBMIT_DESCRIPTION = [
  `Submits a workflow: up to ${MAX_WORKFLOW_STEPS} task runs the gateway carries out itself, each step starting once the steps it takes outputs from have succeeded, and returns at once; watch it with \`workflowUpdates\` (or \`jobUpdates\`).`,
  "A step runs one task (`run: { <task>: { … } }`, exactly one) and gives each input as that task's `run<Task>` takes it, or takes it from an earlier step's output with the input's `…From` field (`{ step, output }`, the output by GP name or field name). Outputs reach the next step without passing through the client: by reference where the next server can read them, otherwise by value.",
  'Typing: GraphQL has no input unions and no generics, so each task gets its own `<Task>Step` with the literal inputs typed as in `<Task>Input` and a reference field beside each; references are checked at submit (existing step and output, matching kind, no cycle, one value per input) and fail with INVALID_INPUT naming the field (`extensions.parameter`, e.g. `steps[1].zonalStatistics.inZoneFeaturesFrom`). Steps may be listed in any order.',
  'Files (`upload`) are uploaded to their step’s service at submit; should the submit fail, they are deleted again.',
].join('\n\n');

/** Services as job ids name them: by the registry where it knows them (asynchronous tasks), else alias or name, by URL when shared. */
function serviceLabels(parts: readonly WorkflowTaskParts[], registry: JobRegistry): (part: WorkflowTaskParts) => string {
  const services = [...new Map(parts.map((p) => [p.service.url, p.service])).values()];
  return ({ service, task }) => {
    if (task.execution === 'asynchronous') return registry.labelOf({ serviceUrl: service.url, task: task.name, jobId: '' });
    const name = service.alias ?? service.name;
    return services.some((s) => s.url !== service.url && (s.alias ?? s.name) === name) ? service.url : name;
  };
}

/** `WorkflowOutputRef`, each task's `<Prefix>Step`, `WorkflowTaskInput` and `WorkflowStepInput`. */
function addWorkflowInputs(builder: Builder, shared: SharedTypes, parts: readonly WorkflowTaskParts[], registry: JobRegistry) {
  const outputRef = builder.inputRef<OutputRefArgs>('WorkflowOutputRef').implement({
    description:
      'An output of another step of the same workflow, handed to this input by the gateway. Its kind must match: features (GPFeatureRecordSetLayer, GPRecordSet) take features, files (GPDataFile, GPRasterData, GPRasterDataLayer) take files, any other value takes the same data type (GPLong and GPDouble alike).',
    fields: (t) => ({
      step: t.string({ required: true, description: 'The id of the step.' }),
      output: t.string({
        required: true,
        description: "The output of that step's task: its GP name (`Output_Polygons`) or its field in `<Task>Outputs` (`outputPolygons`).",
      }),
    }),
  });
  const labelOf = serviceLabels(parts, registry);
  const tasks = parts.map((part) => addStepInputType(builder, outputRef, part, labelOf(part)));
  const taskInput = builder.inputType('WorkflowTaskInput', {
    description: 'The task a step runs: exactly one field, named as the task’s `run<Task>` without `run`.',
    isOneOf: true,
    fields: (t) =>
      Object.fromEntries(
        tasks.map(({ spec, stepType, parts: { task, service } }) => [
          spec.field,
          t.field({ type: stepType, description: `${task.displayName} (${service.name}/${task.name}).` }),
        ]),
      ),
  });
  const stepInput = builder.inputType('WorkflowStepInput', {
    description: 'One step of a workflow: its id, its task with that task’s inputs, and the task’s environment options.',
    fields: (t) => ({
      id: t.string({
        required: true,
        description:
          "The step's id, unique in the workflow, for references and in results: a letter, then up to 63 letters, digits, `_` or `-`.",
      }),
      run: t.field({ type: taskInput, required: true, description: 'The task to run, with its inputs.' }),
      options: t.field({ type: shared.gpOptions, description: 'Environment settings of this step’s run, as `run<Task>` takes them.' }),
    }),
  });
  return { tasks, stepInput };
}

/** A workflow's ref from its id; any other job's id is no workflow. */
function workflowRefOf(registry: JobRegistry, id: string): JobRef {
  const ref = registry.resolveId(id);
  if (!isWorkflowRef(ref)) throw new GatewayError('JOB_NOT_FOUND', `The id '${id}' names no workflow.`);
  return ref;
}

/**
 * Workflows: the types, `submitWorkflow`, `workflow`, `cancelWorkflow` and `workflowUpdates`, and the
 * workflow pseudo-task in the job registry, so the job fields (`job`, `node`, `jobs`, `jobUpdates`,
 * `cancelJob`) take workflows too. Call before the job fields are added.
 */
export function addWorkflowFields(builder: Builder, shared: SharedTypes, parts: readonly WorkflowTaskParts[], deps: WorkflowDeps): void {
  const { registry, jobs } = deps;
  registry.register({
    serviceUrl: WORKFLOW_SERVICE_URL,
    serviceName: WORKFLOW_SERVICE_LABEL,
    alias: undefined,
    task: WORKFLOW_TASK,
    typeName: WORKFLOW_TYPE_NAME,
  });
  const { tasks, stepInput } = addWorkflowInputs(builder, shared, parts, registry);
  const catalog = new Map(tasks.map((task) => [task.spec.field, task.spec]));
  const { workflow } = addWorkflowTypes(builder, shared, tasks, deps);
  const idDescription = 'The workflow’s id (`Workflow.id`).';
  builder.mutationField('submitWorkflow', (t) =>
    t.field({
      type: workflow,
      nullable: false,
      description: SUBMIT_DESCRIPTION,
      args: {
        steps: t.arg({ type: [stepInput], required: true, description: `The steps, at least one, at most ${MAX_WORKFLOW_STEPS}.` }),
        idempotencyKey: t.arg.string({ description: 'A retried submit with the same key returns the same workflow.' }),
        ...submitExtrasArgs(t.arg, shared),
      },
      resolve: async (_root, raw, context) => {
        const args = catalogArgs<SubmitWorkflowArgs>(raw);
        const access = accessOf(context);
        const steps = checkWorkflow(args.steps, catalog, { referenceOrigins: deps.referenceOrigins ?? [] });
        const state = await submitWithStagedUploads(deps.uploads, steps, access, (plans) =>
          deps.workflows.submit({
            steps: plans,
            ...(args.idempotencyKey == null ? {} : { idempotencyKey: args.idempotencyKey }),
            ...submitExtras(args),
            ...access,
          }),
        );
        return registry.view(state);
      },
    }),
  );
  builder.queryField('workflow', (t) =>
    t.field({
      type: workflow,
      nullable: true,
      description: 'A workflow by id, as `job(id:)` reads any job: JOB_NOT_FOUND for an id that names none (or one you may not read).',
      args: { id: t.arg.id({ required: true, description: idDescription }) },
      resolve: async (_root, { id }, context) => registry.view(await jobs.current(workflowRefOf(registry, id), accessOf(context))),
    }),
  );
  builder.mutationField('cancelWorkflow', (t) =>
    t.field({
      type: workflow,
      nullable: false,
      description:
        'Cancels a workflow: its running step is cancelled upstream and the steps not yet started are skipped. Idempotent while cancelling or cancelled; JOB_NOT_CANCELLABLE once it ended otherwise.',
      args: { id: t.arg.id({ required: true, description: idDescription }) },
      resolve: async (_root, { id }, context) => registry.view(await jobs.cancel(workflowRefOf(registry, id), accessOf(context))),
    }),
  );
  builder.subscriptionField('workflowUpdates', (t) =>
    t.field({
      type: workflow,
      nullable: false,
      description: 'The workflow now, then each change (a step started, progressed, ended; new messages), until it is final.',
      args: { id: t.arg.id({ required: true, description: idDescription }) },
      subscribe: async (_root, { id }, context) => {
        const ref = workflowRefOf(registry, id);
        // An unknown workflow errors at once, before the stream starts.
        await jobs.check(ref, accessOf(context));
        return viewsOf(jobs.updates(ref, accessOf(context)), registry);
      },
      resolve: (event: JobView | StreamError) => {
        if ('error' in event) throw event.error;
        return event;
      },
    }),
  );
}
