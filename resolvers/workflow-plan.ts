/**
 * `submitWorkflow`'s input → the steps the workflow engine runs (`StepPlan[]`). Pure: every rule a
 * client can break is checked here, before any file is uploaded or anything is stored, so a bad
 * workflow is an INVALID_INPUT answer and never a failed step later. The schema describes each task
 * (`WorkflowTaskSpec`); the rules are the README's (Workflows): unique step ids, references to
 * existing outputs of other steps, no cycle, one value per input, hand-overs of a matching kind.
 */
import { GatewayError } from '../core/errors/gateway-error.js';
import type { HandOverKind, HandOverMode, StepBinding, StepPlan } from '../core/workflows/workflow-state.js';
import type { GpOptionsShape } from './convert/gp-options.js';
import { toRestParams, type InputBinding } from './run-sync-task.js';

/** At most this many steps: a workflow is a short chain run for one caller, not a batch system. */
export const MAX_WORKFLOW_STEPS = 20;

/** Letters, digits, `_` and `-`, starting with a letter: ids appear in messages, webhooks and URLs as they are. */
const STEP_ID = /^[A-Za-z][\w-]{0,63}$/;

/** One input of a task as a workflow step takes it: the literal (converted as `run<Task>` converts it) or a reference. */
export interface WorkflowInputSpec extends InputBinding {
  /** The `<Prefix>Step` field that takes a `WorkflowOutputRef` instead of the literal. */
  readonly refField: string;
  readonly dataType: string;
  /** Required and without a published default the server would apply: a literal or a reference must be given. */
  readonly needsValue: boolean;
  /** The published default (its spatial reference is the one features are handed over in). */
  readonly defaultValue?: unknown;
}

export interface WorkflowOutputSpec {
  /** GP name. */
  readonly name: string;
  /** GraphQL field name in `<Prefix>Outputs`. */
  readonly field: string;
  readonly dataType: string;
}

/** A task a step may run, as the schema built it. */
export interface WorkflowTaskSpec {
  /** Its field in `WorkflowTaskInput`. */
  readonly field: string;
  readonly serviceUrl: string;
  /** The service as job ids name it. */
  readonly serviceLabel: string;
  readonly currentVersion?: number | undefined;
  readonly task: string;
  readonly execution: 'synchronous' | 'asynchronous';
  readonly inputs: readonly WorkflowInputSpec[];
  readonly outputs: readonly WorkflowOutputSpec[];
}

/** The tasks a step may run, by their `WorkflowTaskInput` field. */
export type WorkflowCatalog = ReadonlyMap<string, WorkflowTaskSpec>;

export interface WorkflowPlanOptions {
  /** Origins every service can read results from (besides its own): hand-overs from them go by reference. */
  readonly referenceOrigins?: readonly string[];
}

/** `WorkflowOutputRef` as GraphQL gives it. */
export interface OutputRefArgs {
  readonly step: string;
  readonly output: string;
}

/** `WorkflowStepInput` as GraphQL gives it: `run` holds one task's `<Prefix>Step` (`@oneOf`). */
export interface WorkflowStepArgs {
  readonly id: string;
  readonly run: Readonly<Record<string, Readonly<Record<string, unknown>> | null | undefined>>;
  readonly options?: GpOptionsShape | null;
}

/** A step that passed every check, in run order (each after the steps it takes outputs from). */
export interface CheckedStep {
  readonly id: string;
  readonly spec: WorkflowTaskSpec;
  /** Its literal inputs by field, files still as files (resolvers/workflow-uploads.ts stages them). */
  readonly literals: Readonly<Record<string, unknown>>;
  /** The step to submit, from its literal inputs (once their files are item ids). */
  plan(literals: Readonly<Record<string, unknown>>): StepPlan;
}

function invalid(message: string, parameter: string): GatewayError {
  return new GatewayError('INVALID_INPUT', message, { parameter });
}

export function handOverKind(dataType: string): HandOverKind {
  if (dataType === 'GPFeatureRecordSetLayer' || dataType === 'GPRecordSet') return 'FEATURES';
  if (dataType === 'GPDataFile' || dataType === 'GPRasterData' || dataType === 'GPRasterDataLayer') return 'FILE';
  return 'VALUE';
}

/** Values of these kinds travel as they are: equal types, except that a whole number is a number. */
function sameValueType(output: string, input: string): boolean {
  const number = (type: string) => type.replace(/\bGPLong\b/g, 'GPDouble');
  return number(output) === number(input);
}

function originOf(url: string): string {
  return URL.canParse(url) ? new URL(url).origin : url;
}

/** The spatial reference of a published feature default: the one the task expects its features in. */
function publishedWkid(defaultValue: unknown): number | undefined {
  if (typeof defaultValue !== 'object' || defaultValue === null) return undefined;
  const sr = (defaultValue as { spatialReference?: unknown }).spatialReference;
  if (typeof sr !== 'object' || sr === null) return undefined;
  const { wkid, latestWkid } = sr as { wkid?: unknown; latestWkid?: unknown };
  if (typeof wkid === 'number') return wkid;
  return typeof latestWkid === 'number' ? latestWkid : undefined;
}

/**
 * A result is read by the next server itself when it can reach it: features only as a job's result
 * URL (a synchronous answer has none), files by their URL; and only where the next server's origin is
 * the source's or the source's origin is one the deployment says every service can read.
 */
function modeOf(
  kind: HandOverKind,
  source: WorkflowTaskSpec,
  target: WorkflowTaskSpec,
  referenceOrigins: ReadonlySet<string>,
): HandOverMode {
  const readable = kind === 'FILE' || (kind === 'FEATURES' && source.execution === 'asynchronous');
  const origin = originOf(source.serviceUrl);
  const reachable = origin === originOf(target.serviceUrl) || referenceOrigins.has(origin);
  return readable && reachable ? 'REFERENCE' : 'VALUE';
}

interface ParsedStep {
  readonly index: number;
  readonly id: string;
  readonly spec: WorkflowTaskSpec;
  /** `steps[i].<task>`: where its fields are, for error parameters. */
  readonly path: string;
  readonly fields: Readonly<Record<string, unknown>>;
  readonly options: GpOptionsShape | null | undefined;
}

function parseStep(step: WorkflowStepArgs, index: number, catalog: WorkflowCatalog): ParsedStep {
  const given = Object.entries(step.run).filter(([, value]) => value != null);
  const [chosen] = given;
  // graphql-js checks @oneOf already; this guards direct callers.
  if (given.length !== 1 || chosen === undefined) throw invalid(`steps[${index}].run: give exactly one task.`, `steps[${index}].run`);
  const [field, fields] = chosen;
  const spec = catalog.get(field);
  if (!spec || !fields) throw invalid(`steps[${index}].run: no task '${field}'.`, `steps[${index}].run`);
  return { index, id: step.id, spec, path: `steps[${index}].${field}`, fields, options: step.options };
}

function checkIds(steps: readonly WorkflowStepArgs[]): void {
  if (steps.length === 0) throw invalid('steps: give at least one step.', 'steps');
  if (steps.length > MAX_WORKFLOW_STEPS) throw invalid(`steps: at most ${MAX_WORKFLOW_STEPS} steps.`, 'steps');
  const seen = new Set<string>();
  steps.forEach(({ id }, i) => {
    if (!STEP_ID.test(id)) {
      throw invalid(`steps[${i}].id: '${id}' is no step id (a letter, then at most 63 letters, digits, '_' or '-').`, `steps[${i}].id`);
    }
    if (seen.has(id)) throw invalid(`steps[${i}].id: '${id}' names an earlier step already.`, `steps[${i}].id`);
    seen.add(id);
  });
}

function isOutputRef(value: unknown): value is OutputRefArgs {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { step?: unknown }).step === 'string' &&
    typeof (value as { output?: unknown }).output === 'string'
  );
}

/** The binding of one input referencing another step's output, checked. */
function bindingOf(
  ref: OutputRefArgs,
  input: WorkflowInputSpec,
  step: ParsedStep,
  byId: ReadonlyMap<string, ParsedStep>,
  referenceOrigins: ReadonlySet<string>,
): StepBinding {
  const parameter = `${step.path}.${input.refField}`;
  if (ref.step === step.id) throw invalid(`${parameter}: a step cannot take its own output.`, parameter);
  const source = byId.get(ref.step);
  if (!source) throw invalid(`${parameter}: no step '${ref.step}'.`, parameter);
  const output = source.spec.outputs.find((o) => o.name === ref.output) ?? source.spec.outputs.find((o) => o.field === ref.output);
  if (!output) {
    const names = source.spec.outputs.map((o) => o.name).join(', ') || 'none';
    throw invalid(
      `${parameter}: step '${ref.step}' (${source.spec.task}) has no output '${ref.output}' (its outputs: ${names}).`,
      parameter,
    );
  }
  const kind = handOverKind(input.dataType);
  // Features fit a table (their attributes), a table does not fit features: it has no geometry.
  const tableForFeatures = output.dataType === 'GPRecordSet' && input.dataType === 'GPFeatureRecordSetLayer';
  if (kind !== handOverKind(output.dataType) || tableForFeatures || (kind === 'VALUE' && !sameValueType(output.dataType, input.dataType))) {
    throw invalid(
      `${parameter}: output ${output.name} of step '${ref.step}' is ${output.dataType}, the input ${input.name} takes ${input.dataType}.`,
      parameter,
    );
  }
  const outSR = kind === 'FEATURES' ? publishedWkid(input.defaultValue) : undefined;
  return {
    input: input.name,
    fromStep: source.id,
    output: output.name,
    kind,
    mode: modeOf(kind, source.spec, step.spec, referenceOrigins),
    ...(outSR === undefined ? {} : { outSR }),
  };
}

/** Each input: a literal, a reference, or neither where the server has a default; never both. */
function inputsOf(
  step: ParsedStep,
  byId: ReadonlyMap<string, ParsedStep>,
  referenceOrigins: ReadonlySet<string>,
): { literals: Record<string, unknown>; bindings: StepBinding[] } {
  const literals: Record<string, unknown> = {};
  const bindings: StepBinding[] = [];
  for (const input of step.spec.inputs) {
    const literal = step.fields[input.field];
    const ref = step.fields[input.refField];
    if (literal != null && ref != null) {
      const parameter = `${step.path}.${input.refField}`;
      throw invalid(`${parameter}: give ${input.field} or ${input.refField}, not both.`, parameter);
    }
    if (literal != null) literals[input.field] = literal;
    else if (isOutputRef(ref)) bindings.push(bindingOf(ref, input, step, byId, referenceOrigins));
    else if (input.needsValue) {
      const parameter = `${step.path}.${input.field}`;
      throw invalid(`${parameter}: the input ${input.name} is required: give ${input.field} or ${input.refField}.`, parameter);
    }
  }
  return { literals, bindings };
}

/** A cycle among `remaining` (each step's sources by id), as step ids from its first step back to it. */
function cycleIn(remaining: ReadonlyMap<string, readonly string[]>): string[] {
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    const at = path.indexOf(id);
    if (at >= 0) return [...path.slice(at), id];
    path.push(id);
    for (const next of remaining.get(id) ?? []) {
      if (!remaining.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    return undefined;
  };
  for (const id of remaining.keys()) {
    const cycle = visit(id);
    if (cycle) return cycle;
  }
  return [...remaining.keys()];
}

/** The steps in run order: each after its sources, otherwise as listed. */
function runOrder<T extends { readonly step: ParsedStep; readonly bindings: readonly StepBinding[] }>(steps: readonly T[]): T[] {
  const ordered: T[] = [];
  const done = new Set<string>();
  const remaining = [...steps];
  while (remaining.length > 0) {
    const next = remaining.findIndex((s) => s.bindings.every((b) => done.has(b.fromStep)));
    if (next < 0) {
      const cycle = cycleIn(new Map(remaining.map((s) => [s.step.id, s.bindings.map((b) => b.fromStep)])));
      throw invalid(`steps: ${cycle.join(' → ')} take each other's outputs: a cycle never starts.`, 'steps');
    }
    const [step] = remaining.splice(next, 1);
    if (!step) break;
    ordered.push(step);
    done.add(step.step.id);
  }
  return ordered;
}

/** The REST parameters as `run<Task>` makes them; its errors name the step's field. */
function paramsOf(step: ParsedStep, literals: Readonly<Record<string, unknown>>): Record<string, unknown> {
  try {
    return toRestParams(step.spec.inputs, { input: literals, options: step.options }, step.spec.currentVersion);
  } catch (error) {
    if (!(error instanceof GatewayError) || error.code !== 'INVALID_INPUT') throw error;
    const named = error.info.parameter;
    const input = step.spec.inputs.find((i) => i.name === named);
    const parameter = named === 'options' ? `steps[${step.index}].options` : input ? `${step.path}.${input.field}` : step.path;
    throw new GatewayError(
      'INVALID_INPUT',
      `steps[${step.index}] ('${step.id}'): ${error.message}`,
      { ...error.info, parameter },
      { cause: error },
    );
  }
}

/**
 * Checks a workflow and returns its steps in run order; throws INVALID_INPUT (with the offending
 * field's path as `parameter`) for the first rule broken. Every literal is converted once here, so a
 * bad value fails before any file is uploaded.
 */
export function checkWorkflow(
  steps: readonly WorkflowStepArgs[],
  catalog: WorkflowCatalog,
  options: WorkflowPlanOptions = {},
): CheckedStep[] {
  checkIds(steps);
  const parsed = steps.map((step, i) => parseStep(step, i, catalog));
  const byId = new Map(parsed.map((step) => [step.id, step]));
  const referenceOrigins = new Set((options.referenceOrigins ?? []).map(originOf));
  const resolved = parsed.map((step) => {
    const { literals, bindings } = inputsOf(step, byId, referenceOrigins);
    paramsOf(step, literals);
    return { step, literals, bindings };
  });
  return runOrder(resolved).map(({ step, literals, bindings }) => ({
    id: step.id,
    spec: step.spec,
    literals,
    plan: (staged) => ({
      id: step.id,
      serviceUrl: step.spec.serviceUrl,
      serviceLabel: step.spec.serviceLabel,
      task: step.spec.task,
      execution: step.spec.execution,
      params: paramsOf(step, staged),
      bindings,
    }),
  }));
}

/** The plan of a workflow whose literals hold no files to upload (see resolvers/workflow-uploads.ts for those). */
export function planWorkflow(steps: readonly WorkflowStepArgs[], catalog: WorkflowCatalog, options: WorkflowPlanOptions = {}): StepPlan[] {
  return checkWorkflow(steps, catalog, options).map((step) => step.plan(step.literals));
}
