/**
 * A count of the subscriptions running in the process, whatever their transport (graphql-ws or
 * SSE). `tryAcquire` hands out a release function that is safe to call more than once.
 */
export class SubscriptionBudget {
  #active = 0;

  /** `onIdle`: told when the last running subscription ends. */
  constructor(
    readonly max: number,
    private readonly onIdle?: () => void,
  ) {}

  get active(): number {
    return this.#active;
  }

  tryAcquire(): Release | undefined {
    if (this.#active >= this.max) return undefined;
    this.#active++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#active--;
      if (this.#active === 0) this.onIdle?.();
    };
  }
}

export type Release = () => void;

/**
 * Subscriptions per caller: counted in this process (`memoryCallerBudgets`), or by every instance
 * through Redis (gateway/redis/redis-subscription-budget.ts).
 */
export interface CallerSubscriptionBudgets {
  readonly max: number;
  /** A release function (safe to call more than once) when the caller may run one more, else undefined. */
  tryAcquire(caller: string): Release | undefined | Promise<Release | undefined>;
}

/** One budget per caller in this process, dropped when the caller's last subscription ends. */
export function memoryCallerBudgets(max: number): { readonly max: number; tryAcquire(caller: string): Release | undefined } {
  const budgets = new Map<string, SubscriptionBudget>();
  return {
    max,
    tryAcquire: (caller) => {
      let budget = budgets.get(caller);
      if (!budget) budgets.set(caller, (budget = new SubscriptionBudget(max, () => budgets.delete(caller))));
      return budget.tryAcquire();
    },
  };
}

/**
 * The same stream, calling `onFinish` once when it ends: done, failed, or returned by the
 * consumer (also before the first `next`, where an async generator's `finally` would not run).
 */
export function onFinish<T>(source: AsyncIterable<T>, finish: () => void): AsyncIterableIterator<T> {
  const iterator = source[Symbol.asyncIterator]();
  const settle = <R>(result: Promise<IteratorResult<R>>): Promise<IteratorResult<R>> =>
    result.then(
      (step) => {
        if (step.done === true) finish();
        return step;
      },
      (error: unknown) => {
        finish();
        throw error;
      },
    );
  return {
    [Symbol.asyncIterator]() {
      return this;
    },
    next: () => settle(iterator.next()),
    return: (value?: unknown) => {
      finish();
      return iterator.return ? settle(iterator.return(value)) : Promise.resolve({ done: true, value: undefined });
    },
    throw: (error?: unknown) => {
      finish();
      return iterator.throw ? settle(iterator.throw(error)) : Promise.reject(error instanceof Error ? error : new Error(String(error)));
    },
  };
}
