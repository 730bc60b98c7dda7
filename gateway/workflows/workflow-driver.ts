/**
 * Runs a workflow from its stored state: the job hub's driver for workflow refs (job-hub.ts
 * `driverFor`), so one instance drives each workflow — the one holding its lease in scale-out — and
 * another takes over from the stored state when that one dies. Every pass re-reads the state, so a
 * driver that starts late (a takeover) simply carries on:
 *
 * - a cancel request, the deadline or a failed step stop the chain (workflow-stop.ts);
 * - steps whose sources all succeeded start, in parallel (step-start.ts);
 * - each running job is watched through the hub (its one shared poll loop) and folded into its step.
 *
 * The driver's own writes go one after another, so they never lose a versioned put to each other;
 * a cancel from another instance is the only concurrent writer (workflow-update.ts retries for it).
 */
import type { Clock } from '../../core/clock.js';
import type { Credential } from '../../core/credential.js';
import { withoutUpstreamHosts } from '../../core/private-upstream.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import { isWorkflowState, type WorkflowState, type WorkflowStep } from '../../core/workflows/workflow-state.js';
import type { IdempotencyStore } from '../jobs/idempotency.js';
import type { JobDriver, JobHub } from '../jobs/job-hub.js';
import { jobKey, type JobStore } from '../jobs/job-store.js';
import type { Logger } from '../log/logger.js';
import { StepFailure, startStep, type StartContext } from './step-start.js';
import type { StepUpstream } from './step-upstream.js';
import { stopWorkflow, type InFlightStart } from './workflow-stop.js';
import {
  ended,
  sameStep,
  stepFailed,
  stepFromJob,
  stepLabel,
  stepRunning,
  stepsToStart,
  summarised,
  transitionMessages,
  withMessage,
  withStep,
} from './workflow-steps.js';
import { updateWorkflow } from './workflow-update.js';

export interface WorkflowDriverDeps {
  readonly store: JobStore;
  /** The hub whose `driverFor` returns this driver: step jobs are watched through it. */
  readonly hub: () => JobHub;
  readonly upstream: StepUpstream;
  readonly idempotency: IdempotencyStore;
  /** The workflow's credential: its submitter's here, the gateway's on an instance that took it over. */
  readonly credentialOf: (ref: JobRef) => Credential;
  /** A step job's credential is its workflow's: its poll loop uses it. */
  readonly rememberCredential: (ref: JobRef, credential: Credential) => void;
  readonly clock: Clock;
  readonly log: Logger;
  /** Synchronous steps' outputs a workflow's state keeps, all steps together (JSON). Default 8 MiB. */
  readonly maxStepValuesBytes?: number;
}

/** The longest wait between passes without news: a missed notice (Redis away a moment) costs at most this. */
const IDLE_PASS_MS = 15_000;
/** The wait before a start that could not be made (the store away, another instance's submit in progress) is tried again. */
const RETRY_START_MS = 1_000;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** A promise to wait on until `wake` is called (any news) or the time runs out. */
class Wakeup {
  #wake: (() => void) | undefined;
  #pending = false;
  wake(): void {
    this.#pending = true;
    this.#wake?.();
  }
  async wait(clock: Clock, ms: number, signal: AbortSignal): Promise<void> {
    if (this.#pending) {
      this.#pending = false;
      return;
    }
    const timer = new AbortController();
    const stop = (): void => {
      timer.abort();
    };
    signal.addEventListener('abort', stop, { once: true });
    await new Promise<void>((resolve) => {
      this.#wake = resolve;
      clock.sleep(ms, timer.signal).then(resolve, resolve);
    });
    timer.abort();
    signal.removeEventListener('abort', stop);
    this.#wake = undefined;
    this.#pending = false;
  }
}

export function createWorkflowDriver(deps: WorkflowDriverDeps): JobDriver {
  const { store, upstream, clock, log } = deps;
  const maxValuesBytes = deps.maxStepValuesBytes ?? 8 * 1024 * 1024;

  return async (ref, options, signal) => {
    const key = jobKey(ref);
    const wakeup = new Wakeup();
    const unsubscribe = store.subscribe(key, () => {
      wakeup.wake();
    });
    const watched = new Map<string, () => void>();
    const heard = new Map<string, JobState>();
    const starts = new Map<string, InFlightStart>();
    const onAbort = (): void => {
      // Starts in flight stop with this driver (lease lost, dispose): a takeover repeats them.
      for (const start of starts.values()) start.controller.abort();
      wakeup.wake();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const credential = deps.credentialOf(ref);
    let writes: Promise<unknown> = Promise.resolve();
    const update = (change: (state: WorkflowState) => WorkflowState | undefined): Promise<WorkflowState | undefined> => {
      const write = writes.then(() => updateWorkflow(store, ref, change));
      writes = write.catch(() => undefined);
      return write;
    };

    const stepRef = (step: WorkflowStep): JobRef | undefined =>
      step.jobId === undefined ? undefined : { serviceUrl: step.serviceUrl, task: step.task, jobId: step.jobId };

    /** Folds a step's change into the workflow, with a message when it succeeded. */
    const changeStep = (id: string, change: (step: WorkflowStep, state: WorkflowState) => WorkflowStep) =>
      update((state) => {
        const before = state.workflow.steps.find((s) => s.id === id);
        if (!before) return undefined;
        const after = change(before, state);
        if (sameStep(before, after)) return undefined;
        let next = withStep(state, id, () => after);
        for (const m of transitionMessages(before, after)) next = withMessage(next, m.type, m.description);
        return summarised(next);
      });

    const startContext: StartContext = {
      workflow: ref,
      credential,
      upstream,
      idempotency: deps.idempotency,
      hub: deps.hub(),
      clock,
      rememberCredential: deps.rememberCredential,
      changeStep,
      maxValuesBytes,
    };

    const watchStep = (step: WorkflowStep): void => {
      const job = stepRef(step);
      if (!job || watched.has(step.id)) return;
      const hear = (state: JobState): void => {
        heard.set(step.id, state);
        wakeup.wake();
      };
      watched.set(step.id, deps.hub().watch(job, hear));
      void deps
        .hub()
        .current(job)
        .then(
          (state) => {
            if (state && !heard.has(step.id)) hear(state);
          },
          () => undefined,
        );
    };

    const unwatch = (id: string): void => {
      watched.get(id)?.();
      watched.delete(id);
    };

    const begin = (state: WorkflowState, step: WorkflowStep): void => {
      const controller = new AbortController();
      const start: { controller: AbortController; phase: InFlightStart['phase']; done: Promise<void> } = {
        controller,
        phase: 'inputs',
        done: Promise.resolve(),
      };
      starts.set(step.id, start);
      start.done = startStep(startContext, state, step, controller.signal, (phase) => {
        start.phase = phase;
      })
        .catch(async (error: unknown) => {
          if (controller.signal.aborted) return;
          if (error instanceof StepFailure) {
            await changeStep(step.id, (s) => ({ ...s, status: 'FAILED', error: error.fault, endedAt: clock.now() }));
            return;
          }
          log.warn('a workflow step could not be started; trying again', { workflow: ref.jobId, step: step.id, error: message(error) });
          await clock.sleep(RETRY_START_MS, controller.signal);
        })
        .catch(() => undefined)
        .finally(() => {
          if (starts.get(step.id) === start) starts.delete(step.id);
          wakeup.wake();
        });
    };

    const stopContext = { workflow: ref, store, hub: deps.hub(), upstream, idempotency: deps.idempotency, credential, clock, update };

    /** One look at the workflow and what it calls for; says whether it is over, and its deadline. */
    const pass = async (): Promise<{ done: boolean; deadline?: number }> => {
      const stored = await store.get(key);
      if (!stored || !isWorkflowState(stored) || stored.final) return { done: true };
      let state = stored;
      // Changes of the steps' jobs since the last pass.
      for (const [id, job] of heard) {
        heard.delete(id);
        const step = state.workflow.steps.find((s) => s.id === id);
        if (!step || step.jobId !== job.ref.jobId) continue;
        if (job.final) unwatch(id);
        state = (await changeStep(id, (s) => stepFromJob(s, job, clock.now()))) ?? state;
      }
      if (state.final) return { done: true };
      const failed = state.workflow.steps.find(stepFailed);
      const deadline = state.submission?.deadline;
      if (state.workflow.cancelRequested) {
        await stopWorkflow(stopContext, starts, 'CANCELLED', 'The workflow was cancelled.');
        return { done: true };
      }
      if (deadline !== undefined && clock.now() >= deadline) {
        await stopWorkflow(stopContext, starts, 'TIMED_OUT', 'The workflow passed its deadline (deadlineSeconds) and was cancelled.');
        return { done: true };
      }
      if (failed) {
        // Workflow messages show to every reader as stored: no upstream host in them (the step's own error is masked per reader).
        const why = failed.error ? `: ${withoutUpstreamHosts(failed.error.message)}` : '.';
        await stopWorkflow(stopContext, starts, 'FAILED', `Step ${stepLabel(failed)} ended ${failed.status}${why}`, failed.id);
        return { done: true };
      }
      if (state.workflow.steps.every((s) => s.status === 'SUCCEEDED')) {
        await update((s) => ended(s, 'SUCCEEDED', `All ${s.workflow.steps.length} steps succeeded.`));
        return { done: true };
      }
      for (const step of stepsToStart(state)) if (!starts.has(step.id)) begin(state, step);
      for (const step of state.workflow.steps) if (stepRunning(step)) watchStep(step);
      return { done: false, ...(deadline === undefined ? {} : { deadline }) };
    };

    try {
      while (!signal.aborted) {
        let outcome: { done: boolean; deadline?: number } = { done: false };
        try {
          outcome = await pass();
        } catch (error) {
          // The store away a moment: the next pass retries from the stored state.
          log.warn('workflow pass failed', { workflow: ref.jobId, error: message(error) });
        }
        options.onRound?.();
        if (outcome.done) return;
        const untilDeadline = outcome.deadline === undefined ? IDLE_PASS_MS : Math.max(0, outcome.deadline - clock.now());
        await wakeup.wait(clock, Math.min(IDLE_PASS_MS, untilDeadline), signal);
      }
    } finally {
      unsubscribe();
      signal.removeEventListener('abort', onAbort);
      for (const start of starts.values()) start.controller.abort();
      for (const id of [...watched.keys()]) unwatch(id);
      await Promise.allSettled([...starts.values()].map((start) => start.done));
    }
  };
}
