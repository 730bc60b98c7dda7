/**
 * One job's poll loop: fetch, store the state if it changed, sleep, again — a `setTimeout` chain
 * through the injected clock, so there is never more than one request in flight for the job.
 * Aborting the signal ends it at once: the sleep and the request in flight both abort, and nothing
 * is stored afterwards (an async-generator loop with a plain sleep would make one more request).
 */
import type { FetchJobStatus, UpstreamJobStatus } from '../arcgis/job-status-response.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Clock } from '../../core/clock.js';
import { succeeding, type JobFault, type JobRef, type JobState } from '../../core/jobs/job-state.js';
import { jobStatusFromEsri } from '../../core/jobs/job-status.js';
import { stateFromUpstream } from './state-from-upstream.js';
import { jobKey, type JobStore } from './job-store.js';
import { backoff, nextInterval, pollIntervals, withJitter, type PollTuning } from './poll-interval.js';

export interface JobPollerOptions extends PollTuning {
  readonly fetchStatus: FetchJobStatus;
  readonly store: JobStore;
  readonly clock: Clock;
  readonly log?: Logger;
  /** Consecutive failed polls before the state carries a fault. Default 3. */
  readonly faultAfter?: number;
  readonly metrics?: PollMetrics;
  /** Told after each poll whose outcome is stored (answered or failed): the stored state is as fresh as a poll. */
  readonly onRound?: () => void;
  /** Sends `cancel` for a job past its deadline (`JobSubmission.deadline`); without it, deadlines are not kept. */
  readonly cancelUpstream?: (ref: JobRef, signal: AbortSignal) => Promise<void>;
}

/** What a loop reports for metrics (gateway/metrics/): each status request, and the final state it stored. */
export interface PollMetrics {
  /** A status request answered or failed (not aborted) after `seconds`. */
  polled(seconds: number): void;
  finished(state: JobState): void;
}

function sameFault(a: JobFault | undefined, b: JobFault | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.code === b.code && a.message === b.message);
}

/** What counts as a change: status, progress, messages, results, fault. */
export function sameJobState(a: JobState, b: JobState): boolean {
  const resultsA = Object.entries(a.results ?? {});
  const resultsB = b.results ?? {};
  return (
    a.upstreamStatus === b.upstreamStatus &&
    a.status === b.status &&
    a.final === b.final &&
    sameFault(a.fault, b.fault) &&
    a.progress?.type === b.progress?.type &&
    a.progress?.message === b.progress?.message &&
    a.progress?.percent === b.progress?.percent &&
    a.messages.length === b.messages.length &&
    a.messages.every((m, i) => {
      const other = b.messages[i];
      return other !== undefined && m.type === other.type && m.description === other.description;
    }) &&
    (a.results === undefined) === (b.results === undefined) &&
    resultsA.length === Object.keys(resultsB).length &&
    resultsA.every(([name, url]) => resultsB[name] === url)
  );
}

const CREDENTIAL_FAULTS: ReadonlySet<string> = new Set([
  ERROR_CODES.TOKEN_EXPIRED,
  ERROR_CODES.AUTH_REQUIRED,
  ERROR_CODES.AUTH_INVALID,
  ERROR_CODES.FORBIDDEN,
]);

function blankState(ref: JobRef): JobState {
  return {
    ref,
    status: 'UNKNOWN',
    upstreamStatus: '',
    progress: undefined,
    messages: [],
    results: undefined,
    fault: undefined,
    version: 0,
    final: false,
  };
}

function faultOf(error: unknown): JobFault {
  // Anything but a GatewayError is a bug here, not an upstream answer: its text is not for clients.
  return error instanceof GatewayError
    ? { code: error.code, message: error.message }
    : { code: ERROR_CODES.UPSTREAM_ERROR, message: 'Unexpected error.' };
}

/** Runs the loop until a final status, the job's disappearance, or `signal`; never rejects. */
export async function runJobPoller(ref: JobRef, options: JobPollerOptions, signal: AbortSignal): Promise<void> {
  const { fetchStatus, store, clock } = options;
  const log = options.log ?? silentLogger;
  const faultAfter = Math.max(1, options.faultAfter ?? 3);
  const p = pollIntervals(options);
  const key = jobKey(ref);
  const unknownSeen = new Set<string>();
  let interval = p.floorMs;
  let failures = 0;
  /** From the stored state's submission, read back at every store: the loop that keeps it may be any instance's. */
  let deadline: number | undefined;

  /** A final state is stored (by this loop or any other writer): nothing more is polled or written. */
  let ended = false;
  // A function, not the variable: TypeScript would narrow it across the awaits of the loop.
  const hasEnded = (): boolean => ended;

  /**
   * Stores `next` as a new version when it differs from the stored state; says whether it did. A final
   * stored state is never replaced (its webhook event went out once). When another writer took the
   * version first (a cancel's answer, on any instance), the change is compared with theirs and tried again.
   */
  const publish = async (next: (previous: JobState) => JobState): Promise<boolean> => {
    for (let attempt = 0; attempt < 3; attempt++) {
      // Read back each time: a state seeded from elsewhere (after submitJob) is the one to compare with.
      const stored = await store.get(key);
      deadline = stored?.submission?.deadline;
      ended ||= stored?.final === true;
      if (signal.aborted || ended) return false;
      const previous = stored ?? blankState(ref);
      const state = next(previous);
      if (stored && sameJobState(stored, state)) return false;
      if (await store.put(succeeding(state, stored))) {
        ended = state.final;
        return true;
      }
    }
    return false;
  };

  const onSuccess = async (upstream: UpstreamJobStatus): Promise<number | undefined> => {
    failures = 0;
    const status = jobStatusFromEsri(upstream.status);
    if (status === 'UNKNOWN' && !unknownSeen.has(upstream.status)) {
      unknownSeen.add(upstream.status);
      log.warn('unknown job status; polling on', { job: key, jobStatus: upstream.status });
    }
    const next = stateFromUpstream(ref, upstream);
    const changed = await publish(() => next);
    if (changed && next.final) {
      log.info('job finished', { job: key, status: next.status });
      options.metrics?.finished(next);
    } else if (changed) {
      log.debug('job status changed', { job: key, status: next.status, upstreamStatus: next.upstreamStatus });
    }
    if (next.final) return undefined;
    interval = nextInterval(interval, changed, p);
    return interval;
  };

  const onFailure = async (error: unknown): Promise<number | undefined> => {
    const fault = faultOf(error);
    if (fault.code === ERROR_CODES.JOB_NOT_FOUND) {
      // Unknown or expired upstream: nothing more will ever change.
      log.info('job no longer exists upstream', { job: key });
      await publish((previous) => ({ ...previous, fault, final: true }));
      return undefined;
    }
    failures += 1;
    log.warn('job poll failed', { job: key, failures, code: fault.code, error: error instanceof Error ? error.message : String(error) });
    // Transient failures stay invisible to watchers until they persist; the loop keeps trying.
    // A credential problem will not go away by itself: watchers hear of it at once.
    if (failures >= faultAfter || CREDENTIAL_FAULTS.has(fault.code)) await publish((previous) => ({ ...previous, fault }));
    return backoff(failures, p);
  };

  const pollOnce = async (): Promise<number | undefined> => {
    let upstream: UpstreamJobStatus;
    const sent = clock.now();
    const polled = (): void => options.metrics?.polled((clock.now() - sent) / 1000);
    try {
      upstream = await fetchStatus(ref, signal);
    } catch (error) {
      if (signal.aborted) return undefined;
      polled();
      return onFailure(error);
    }
    if (signal.aborted) return undefined;
    polled();
    return onSuccess(upstream);
  };

  /**
   * Past its deadline: `cancel` upstream and the job ends TIMED_OUT for every watcher, with a message
   * saying why — and saying so when the cancel did not reach the server (the job may run on there).
   */
  const timeOut = async (): Promise<void> => {
    let description = 'The job ran past its deadline: the gateway cancelled it.';
    try {
      await options.cancelUpstream?.(ref, signal);
    } catch (error) {
      const code = error instanceof GatewayError ? error.code : ERROR_CODES.UPSTREAM_ERROR;
      description = `The job ran past its deadline; the gateway could not cancel it upstream (${code}), where it may still run.`;
      log.warn('job past its deadline could not be cancelled upstream', {
        job: key,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    if (signal.aborted) return;
    const timedOut = await publish((previous) => ({
      ...previous,
      status: 'TIMED_OUT',
      final: true,
      fault: undefined,
      messages: [...previous.messages, { type: 'esriJobMessageTypeWarning', description }],
    }));
    log.info('job timed out at its deadline', { job: key });
    const state = timedOut ? await store.get(key) : undefined;
    if (state) options.metrics?.finished(state);
  };

  const pastDeadline = (): boolean => options.cancelUpstream !== undefined && deadline !== undefined && clock.now() >= deadline;

  try {
    // A job already known to be final (seeded, or finished by an earlier loop) is not polled again.
    const first = await store.get(key);
    if (first?.final) return;
    deadline = first?.submission?.deadline;
    for (;;) {
      let wait: number | undefined;
      try {
        wait = await pollOnce();
        // At the deadline, the poll just made tells a job that has ended from one that still runs.
        if (pastDeadline() && !hasEnded() && !signal.aborted) {
          await timeOut();
          wait = undefined;
        }
      } catch (error) {
        // The store failed (a Redis store may): back off like an upstream failure.
        if (signal.aborted) return;
        failures += 1;
        log.error('job state could not be stored', { job: key, error: error instanceof Error ? error.message : String(error) });
        wait = backoff(failures, p);
      }
      if (signal.aborted) return;
      options.onRound?.();
      if (wait === undefined || hasEnded()) return;
      const pause = withJitter(wait, p, clock.random());
      // Woken at the deadline, not an interval after it.
      await clock.sleep(
        deadline === undefined || options.cancelUpstream === undefined ? pause : Math.max(0, Math.min(pause, deadline - clock.now())),
        signal,
      );
    }
  } catch (error) {
    // The sleep rejects with the abort reason: that is how the loop stops.
    if (!signal.aborted) log.error('job poll loop failed', { job: key, error: error instanceof Error ? error.message : String(error) });
  }
}
