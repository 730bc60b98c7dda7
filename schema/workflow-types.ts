import type { JobOperations } from '../core/jobs/job-operations.js';
import { isFinal, JOB_STATUSES } from '../core/jobs/job-status.js';
import { isWorkflowState, type StepBinding, type StepStatus, type WorkflowStep as StepState } from '../core/workflows/workflow-state.js';
import type { ExecuteResult } from '../resolvers/execute-result.js';
import type { JobRegistry } from '../resolvers/job-registry.js';
import type { JobView } from '../resolvers/views.js';
import type { Builder } from './builder.js';
import { accessOf } from './context.js';
import { taskKey } from './naming.js';
import type { SharedTypes } from './shared-types.js';
import type { JobResults } from './task-outputs.js';
import type { TaskOutputsType, WorkflowTask } from './workflow-step-inputs.js';

/** The GraphQL type of a workflow's job view (`JobRegistry` entry of the workflow pseudo-task). */
export const WORKFLOW_TYPE_NAME = 'Workflow';

/** A step's results as the task's `<Prefix>Outputs` reads them, tagged with that type for the union. */
type StepResults = (ExecuteResult | JobResults) & { readonly outputsType: string };

const STEP_STATUS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  PENDING: 'Waits for the steps it takes outputs from.',
  SKIPPED: 'Never ran: the workflow stopped first (a step failed, the workflow was cancelled or timed out).',
  SUCCEEDED: 'Final: the results can be read, and later steps take them.',
  FAILED: 'Final: see `error` and `messages`; the workflow stops.',
};

function stepsOf(view: JobView): readonly StepState[] {
  return isWorkflowState(view.state) ? view.state.workflow.steps : [];
}

/** Started and not yet final: `PENDING` and `SKIPPED` are no job statuses, every other is. */
function isRunning(status: StepStatus): boolean {
  return status !== 'PENDING' && status !== 'SKIPPED' && !isFinal(status);
}

function outputsTypeOf(parent: object): string {
  if ('outputsType' in parent && typeof parent.outputsType === 'string') return parent.outputsType;
  throw new Error('A workflow step result without its outputs type.');
}

/** The parent `<Prefix>Outputs` reads: the answer kept with a synchronous step, the job of an asynchronous one. */
function resultsOf(step: StepState, outputs: TaskOutputsType): StepResults | null {
  // A task that changed its execution since the workflow ran cannot read the step's results.
  if (step.status !== 'SUCCEEDED' || !outputs || outputs.execution !== step.execution) return null;
  const outputsType = outputs.ref.name;
  if (outputs.execution === 'synchronous') {
    return { values: new Map(Object.entries(step.values ?? {})), messages: step.messages, outputsType };
  }
  if (step.jobId === undefined) return null;
  return { ref: { serviceUrl: step.serviceUrl, task: step.task, jobId: step.jobId }, paramUrls: step.results, outputsType };
}

/** `Workflow` and what it is made of: its steps, their statuses, hand-overs and results. */
export function addWorkflowTypes(
  builder: Builder,
  shared: SharedTypes,
  tasks: readonly WorkflowTask[],
  deps: { readonly jobs: JobOperations; readonly registry: JobRegistry },
) {
  const stepStatus = builder.enumType('WorkflowStepStatus', {
    description: 'Where a workflow step is: waiting for its inputs, skipped, or a job status.',
    values: Object.fromEntries(
      ['PENDING', 'SKIPPED', ...JOB_STATUSES].map((s) => [
        s,
        STEP_STATUS_DESCRIPTIONS[s] ? { description: STEP_STATUS_DESCRIPTIONS[s] } : {},
      ]),
    ),
  });
  const handOverMode = builder.enumType('HandOverMode', {
    description: 'How an output of one step reaches the next.',
    values: {
      REFERENCE: {
        description:
          "By reference: the next step's server reads it itself (a job's result URL, a file's URL), as it can when both share an origin or the deployment lists the source's.",
      },
      VALUE: {
        description:
          'By value: the gateway reads it and sends it (features in the spatial reference the next task publishes, files uploaded to its service).',
      },
    },
  });
  const handOver = builder.objectRef<StepBinding>('WorkflowHandOver').implement({
    description: 'An input of a step taken from an output of an earlier step.',
    fields: (t) => ({
      input: t.string({ nullable: false, description: "The receiving step's input, by GP name.", resolve: (b) => b.input }),
      fromStep: t.string({ nullable: false, description: 'The id of the step whose output it takes.', resolve: (b) => b.fromStep }),
      output: t.string({ nullable: false, description: "The source step's output, by GP name.", resolve: (b) => b.output }),
      mode: t.field({ type: handOverMode, nullable: false, description: 'How the value travels.', resolve: (b) => b.mode }),
    }),
  });
  const outputsByTask = new Map(tasks.map((task) => [taskKey(task.spec.serviceUrl, task.spec.task), task.outputsType]));
  const members = tasks.flatMap((task) => (task.outputsType ? [task.outputsType.ref] : []));
  const results =
    members.length === 0
      ? undefined
      : builder.unionType('WorkflowStepResults', {
          description: "A succeeded step's outputs: the `<Task>Outputs` of its task.",
          types: members,
          resolveType: (parent) => outputsTypeOf(parent),
        });
  const step = builder.objectRef<StepState>('WorkflowStep').implement({
    description: 'One task run of a workflow.',
    fields: (t) => ({
      id: t.string({ nullable: false, description: 'The id the step was submitted with.', resolve: (s) => s.id }),
      service: t.string({
        nullable: false,
        description: 'The service of its task, as job ids name it (its alias or catalog name).',
        resolve: (s) => s.serviceLabel,
      }),
      task: t.string({ nullable: false, description: 'The GP task, by name.', resolve: (s) => s.task }),
      execution: t.field({
        type: shared.executionType,
        nullable: false,
        description: 'An asynchronous task runs as a job (see `job`); a synchronous one in one request.',
        resolve: (s) => (s.execution === 'synchronous' ? 'SYNCHRONOUS' : 'ASYNCHRONOUS'),
      }),
      status: t.field({ type: stepStatus, nullable: false, description: 'Where the step is now.', resolve: (s) => s.status }),
      job: t.field({
        type: shared.gpJob,
        nullable: true,
        description: 'The upstream job of an asynchronous step once submitted, read now; null before and for a synchronous step.',
        resolve: async (s, _args, context) =>
          s.execution === 'asynchronous' && s.jobId !== undefined
            ? deps.registry.view(await deps.jobs.current({ serviceUrl: s.serviceUrl, task: s.task, jobId: s.jobId }, accessOf(context)))
            : null,
      }),
      ...(results
        ? {
            results: t.field({
              type: results,
              nullable: true,
              description:
                "Null until SUCCEEDED (and for a task without outputs). Select the outputs with `... on <Task>Outputs`; a job's outputs are fetched only when selected.",
              resolve: (s) => resultsOf(s, outputsByTask.get(taskKey(s.serviceUrl, s.task))),
            }),
          }
        : {}),
      messages: t.field({
        type: [shared.gpMessage],
        nullable: false,
        description: 'Every message of its run so far.',
        resolve: (s) => s.messages,
      }),
      progress: t.field({
        type: shared.jobProgress,
        nullable: true,
        description: 'The latest progress its job reported, if any.',
        resolve: (s) => s.progress,
      }),
      handOvers: t.field({
        type: [handOver],
        nullable: false,
        description: 'Its inputs taken from earlier steps.',
        resolve: (s) => [...s.bindings],
      }),
      error: t.field({
        type: shared.jobFault,
        nullable: true,
        description: 'Why it failed, or why the workflow stopped it; null otherwise.',
        resolve: (s) => s.error,
      }),
      startedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it started; null while pending or skipped.',
        resolve: (s) => s.startedAt ?? null,
      }),
      endedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it ended; null until final.',
        resolve: (s) => s.endedAt ?? null,
      }),
    }),
  });
  const workflow = builder.objectRef<JobView>(WORKFLOW_TYPE_NAME).implement({
    description:
      "A chain of task runs the gateway carries out itself (`submitWorkflow`): a job of the gateway's own, read, listed, watched and cancelled like any job. `jobId` is the workflow's id; `service` is `workflows`, `task` is `workflow`.",
    interfaces: [shared.node, shared.gpJob],
    isTypeOf: (value) => (value as Partial<JobView>).typeName === WORKFLOW_TYPE_NAME,
    fields: (t) => ({
      steps: t.field({ type: [step], nullable: false, description: 'Every step, in run order.', resolve: (v) => [...stepsOf(v)] }),
      currentSteps: t.stringList({
        nullable: false,
        description: 'The ids of the steps running now (none once the workflow ended).',
        resolve: (v) => (v.state.final ? [] : stepsOf(v).flatMap((s) => (isRunning(s.status) ? [s.id] : []))),
      }),
      failedStep: t.field({
        type: step,
        nullable: true,
        description: 'The step that stopped the workflow; null while none has.',
        resolve: (v) => {
          const failed = isWorkflowState(v.state) ? v.state.workflow.failedStep : undefined;
          return stepsOf(v).find((s) => s.id === failed) ?? null;
        },
      }),
    }),
  });
  return { workflow };
}
