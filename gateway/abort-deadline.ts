export interface Deadline {
  readonly signal: AbortSignal;
  timedOut(): boolean;
  /** Clears the timer and the listener on the caller's signal: nothing of the request outlives it. */
  release(): void;
}

/**
 * A budget for one piece of work: aborted at the deadline or with the caller, and released when the
 * work is over. Not `AbortSignal.timeout` and `AbortSignal.any`: their timer and signals lived on for
 * the whole timeout after each request (60 s of requests held in memory, read as a heap slope by the
 * soak), Node 20's `AbortSignal.any` keeps a WeakRef per call on a long-lived source, and both cost CPU
 * on every upstream request.
 */
export function deadline(ms: number, caller: AbortSignal | undefined): Deadline {
  const controller = new AbortController();
  let expired = false;
  const timer = setTimeout(() => {
    expired = true;
    controller.abort(new DOMException(`The request did not finish within ${ms} ms`, 'TimeoutError'));
  }, ms);
  const follow = (): void => {
    controller.abort(caller?.reason);
  };
  if (caller?.aborted) follow();
  else caller?.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => expired,
    release: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', follow);
    },
  };
}
