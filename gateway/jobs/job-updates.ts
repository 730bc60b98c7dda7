/**
 * A job's states as an async iterator, for GraphQL subscriptions: the current state at once (or
 * the first poll's), then each change, completing after a final state. A consumer slower than the
 * changes still sees every status transition in order: while a state waits to be pulled, a newer
 * state of the same status and fault replaces it (only its progress or messages moved on); any
 * other change queues behind it. So the queue holds at most one state per transition.
 */
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobHub } from './job-hub.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';

type Take = (state: JobState | undefined) => void;

const isGone = (state: JobState): boolean => state.fault?.code === ERROR_CODES.JOB_NOT_FOUND;

/**
 * Iterates until a final state; throws GatewayError JOB_NOT_FOUND when the job does not (or no longer)
 * exist. Aborting `signal` (the consumer left) completes it; aborting `shutdown` (this instance drains)
 * ends it with SHUTTING_DOWN, so the client knows to subscribe again elsewhere.
 */
export function jobUpdates(hub: JobHub, ref: JobRef, signal?: AbortSignal, shutdown?: AbortSignal): AsyncIterableIterator<JobState> {
  const queue: JobState[] = [];
  const takers: Take[] = [];
  let lastVersion = 0;
  let started = false;
  /** Nothing more will be queued: a final state arrived, or the consumer left. */
  let ended = false;
  let failure: unknown;
  let unwatch: (() => void) | undefined;

  const stopWatching = (): void => {
    ended = true;
    unwatch?.();
    unwatch = undefined;
    signal?.removeEventListener('abort', close);
    shutdown?.removeEventListener('abort', shutDown);
  };

  const wake = (): void => {
    while (takers.length > 0 && (queue.length > 0 || ended)) takers.shift()?.(queue.shift());
  };

  function close(): void {
    stopWatching();
    queue.length = 0;
    wake();
  }

  function shutDown(): void {
    failure = new GatewayError(ERROR_CODES.SHUTTING_DOWN, 'This gateway instance is shutting down: subscribe again (the job goes on).');
    close();
  }

  const accept = (state: JobState): void => {
    // The stored state and the first notice may both bring the same version.
    if (ended || state.version <= lastVersion) return;
    lastVersion = state.version;
    const waiting = queue.at(-1);
    if (waiting && waiting.status === state.status && waiting.fault?.code === state.fault?.code) queue[queue.length - 1] = state;
    else queue.push(state);
    if (state.final) stopWatching();
    wake();
  };

  const start = (): void => {
    started = true;
    if (signal?.aborted) {
      close();
      return;
    }
    signal?.addEventListener('abort', close, { once: true });
    if (shutdown?.aborted) {
      shutDown();
      return;
    }
    shutdown?.addEventListener('abort', shutDown, { once: true });
    try {
      unwatch = hub.watch(ref, accept);
    } catch (error) {
      failure = error;
      close();
      return;
    }
    hub.current(ref).then(
      (state) => {
        if (state) accept(state);
      },
      (error: unknown) => {
        failure = error;
        close();
      },
    );
  };

  const take = (): Promise<JobState | undefined> => {
    if (queue.length > 0 || ended) return Promise.resolve(queue.shift());
    return new Promise<JobState | undefined>((resolve) => takers.push(resolve));
  };

  const iterator: AsyncIterableIterator<JobState> = {
    async next() {
      if (!started) start();
      const state = await take();
      if (!state) {
        if (failure !== undefined) {
          const error = failure;
          failure = undefined;
          throw error instanceof Error ? error : new Error('job updates failed', { cause: error });
        }
        return { done: true, value: undefined };
      }
      if (isGone(state)) {
        close();
        throw new GatewayError(ERROR_CODES.JOB_NOT_FOUND, state.fault?.message ?? `Job '${ref.jobId}' does not exist`);
      }
      return { done: false, value: state };
    },
    return() {
      close();
      return Promise.resolve({ done: true, value: undefined });
    },
    [Symbol.asyncIterator]() {
      return iterator;
    },
  };
  return iterator;
}
