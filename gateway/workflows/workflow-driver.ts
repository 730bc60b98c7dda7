/**
 * Runs a workflow from its stored state: the job hub's driver for workflow refs (job-hub.ts
 * `driverFor`), so one instance drives each workflow — the one holding its lease in scale-out — and
 * another takes over from the stored state when that one dies. Every pass re-reads the state, so a
 * driver that starts late (a takeover) simply carries on:
 *
 * - a cancel request, the deadline or a failed step stop the chain: running jobs are cancelled
 *   upstream, steps not yet started are SKIPPED;
 * - steps whose sources all succeeded start, in parallel: inputs handed over (hand-over.ts), then one
 *   `submitJob` made once by an idempotency key of the workflow and step (a takeover that repeats a
 *   start finds the job), or one `execute`;
 * - each running job is watched through the hub (its one shared poll loop) and folded into its step.
 */
import type { Clock } from '../../core/clock.js';
import type { Credential } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobRef, JobState, JobSubmission } from '../../core/jobs/job-state.js';
import { isWorkflowState, type WorkflowState, type WorkflowStep } from '../../core/workflows/workflow-state.js';
import type { IdempotencyStore } from '../jobs/idempotency.js';
import type { JobDriver, JobHub } from '../jobs/job-hub.js';
import { jobKey, type JobStore } from '../jobs/job-store.js';
import type { Logger } from '../log/logger.js';
import { handOver } from './hand-over.js';
import type { StepUpstream } from './step-upstream.js';
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
  /** A synchronous step's outputs are kept in the workflow's state up to this size (JSON). Default 8 MiB. */
  readonly maxStepValuesBytes?: number;
}

/** The longest wait between passes without news: a missed notice (Redis away a moment) costs at most this. */
const IDLE_PASS_MS = 15_000;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const faultOf = (error: unknown) => ({
  code: error instanceof GatewayError ? error.code : ('UPSTREAM_ERROR' as const),
  message: message(error),
});

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
    const starting = new Map<string, Promise<void>>();
    // Starts in flight are aborted when this driver stops (lease lost, dispose): a takeover repeats them.
    const local = new AbortController();
    const onAbort = (): void => {
      local.abort();
      wakeup.wake();
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const credential = deps.credentialOf(ref);
    const update = (change: (state: WorkflowState) => WorkflowState | undefined) => updateWorkflow(store, ref, change);

    const stepRef = (step: WorkflowStep): JobRef | undefined =>
      step.jobId === undefined ? undefined : { serviceUrl: step.serviceUrl, task: step.task, jobId: step.jobId };

    /** Folds a step's change into the workflow, with a message when its status moved. */
    const changeStep = (id: string, change: (step: WorkflowStep) => WorkflowStep) =>
      update((state) => {
        const before = state.workflow.steps.find((s) => s.id === id);
        if (!before) return undefined;
        const after = change(before);
        if (sameStep(before, after)) return undefined;
        let next = withStep(state, id, () => after);
        for (const m of transitionMessages(before, after)) next = withMessage(next, m.type, m.description);
        return summarised(next);
      });

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

    const startStep = (state: WorkflowState, step: WorkflowStep): Promise<void> => {
      const run = async (): Promise<void> => {
        const startedAt = step.startedAt ?? clock.now();
        await changeStep(step.id, (s) => ({
          ...s,
          status: s.status === 'PENDING' ? (s.execution === 'synchronous' ? 'EXECUTING' : 'NEW') : s.status,
          startedAt,
        }));
        const handed: Record<string, unknown> = {};
        for (const binding of step.bindings) {
          const source = state.workflow.steps.find((s) => s.id === binding.fromStep);
          if (!source) throw new GatewayError('INVALID_INPUT', `Step '${binding.fromStep}' is not part of the workflow.`);
          handed[binding.input] = await handOver(binding, source, step, upstream, credential, local.signal);
        }
        const params = { ...step.params, ...handed };
        if (step.execution === 'synchronous') {
          const result = await upstream.execute(step, params, credential, local.signal);
          const values = Object.fromEntries(result.values);
          const size = JSON.stringify(values).length;
          if (size > maxValuesBytes)
            throw new GatewayError(
              'UPSTREAM_INVALID_RESPONSE',
              `The outputs of step '${step.id}' are ${size} bytes; a workflow keeps at most ${maxValuesBytes} bytes of a synchronous step's outputs.`,
            );
          await changeStep(step.id, (s) => ({
            ...s,
            status: 'SUCCEEDED',
            values,
            messages: result.messages.map((m) => ({ type: m.type, description: m.description })),
            endedAt: clock.now(),
          }));
          return;
        }
        const submission = (await store.get(key))?.submission;
        const job = await deps.idempotency.once(`workflow\n${ref.jobId}\n${step.id}`, async () => {
          const submitted = await upstream.submit(step, params, credential, local.signal);
          deps.rememberCredential(submitted.ref, credential);
          const owned: JobSubmission | undefined = submission && {
            owner: submission.owner,
            lister: submission.lister,
            service: step.serviceLabel,
            submittedAt: clock.now(),
          };
          await deps.hub().seed(owned ? { ...submitted, submission: owned } : submitted);
          return submitted.ref;
        });
        await changeStep(step.id, (s) => ({ ...s, jobId: job.jobId, status: s.status === 'NEW' ? 'SUBMITTED' : s.status }));
      };
      return run().catch(async (error: unknown) => {
        if (local.signal.aborted) return;
        log.warn('workflow step failed to start', { workflow: ref.jobId, step: step.id, error: message(error) });
        await changeStep(step.id, (s) => ({ ...s, status: 'FAILED', error: faultOf(error), endedAt: clock.now() })).catch(() => undefined);
      });
    };

    /** Cancels the running jobs upstream and writes the final state. */
    const stop = async (state: WorkflowState, status: 'FAILED' | 'CANCELLED' | 'TIMED_OUT', why: string, failedStep?: string) => {
      // Starts in flight finish first, so a job they are submitting is cancelled too.
      await Promise.allSettled(starting.values());
      const latest = (await store.get(key)) ?? state;
      const current = isWorkflowState(latest) ? latest : state;
      const stopped = new Map<string, WorkflowStep>();
      for (const step of current.workflow.steps) {
        if (!stepRunning(step)) continue;
        const job = stepRef(step);
        if (!job) {
          stopped.set(step.id, { ...step, status: 'CANCELLED', endedAt: clock.now() });
          continue;
        }
        try {
          const after = await upstream.cancel(job, credential, new AbortController().signal);
          await deps.hub().seed(after);
          stopped.set(step.id, stepFromJob(step, after, clock.now()));
        } catch (error) {
          stopped.set(step.id, {
            ...step,
            error: { code: 'UPSTREAM_ERROR', message: `The cancel did not reach the server: ${message(error)}` },
          });
        }
      }
      await update((s) => ended(s, status, why, stopped, failedStep));
    };

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
        await stop(state, 'CANCELLED', 'The workflow was cancelled.');
        return { done: true };
      }
      if (deadline !== undefined && clock.now() >= deadline) {
        await stop(state, 'TIMED_OUT', 'The workflow passed its deadline (deadlineSeconds) and was cancelled.');
        return { done: true };
      }
      if (failed) {
        const why = failed.error ? `: ${failed.error.message}` : '.';
        await stop(state, 'FAILED', `Step ${stepLabel(failed)} ended ${failed.status}${why}`, failed.id);
        return { done: true };
      }
      if (state.workflow.steps.every((s) => s.status === 'SUCCEEDED')) {
        await update((s) => ended(s, 'SUCCEEDED', `All ${s.workflow.steps.length} steps succeeded.`));
        return { done: true };
      }
      for (const step of stepsToStart(state)) {
        if (starting.has(step.id)) continue;
        const started = startStep(state, step).finally(() => {
          starting.delete(step.id);
          wakeup.wake();
        });
        starting.set(step.id, started);
      }
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
      local.abort();
      for (const id of [...watched.keys()]) unwatch(id);
      await Promise.allSettled(starting.values());
    }
  };
}
