import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { tooManySubscriptions } from './limit-error.js';
import { onFinish, type CallerSubscriptionBudgets, type Release, type SubscriptionBudget } from './subscription-budget.js';

/**
 * Every subscription operation, over SSE and graphql-ws alike (both run through envelop's
 * `subscribe`), takes a slot of the process budget until its stream ends; past the budget the
 * operation gets one `TOO_MANY_SUBSCRIPTIONS` error and the running ones are unaffected.
 */
export function useSubscriptionBudget(budget: SubscriptionBudget): Plugin {
  return useBudgets(budget.max, () => budget.tryAcquire(), 'process');
}

/**
 * The same per caller (access control's key id, `anonymous` without it): one caller's subscriptions
 * cannot take the whole process budget. Counted in this process, or by every instance through Redis
 * (then the slot is awaited before the subscription starts).
 */
export function useCallerSubscriptionBudget(budgets: CallerSubscriptionBudgets): Plugin {
  return useBudgets(
    budgets.max,
    (context) => {
      const caller = (context as { caller?: unknown }).caller;
      return budgets.tryAcquire(typeof caller === 'string' ? caller : 'anonymous');
    },
    'caller',
  );
}

/** What an `onSubscribe` hook may hand back: hooks on the subscription's result and error. */
type SubscribeHooks = Exclude<Awaited<ReturnType<NonNullable<Plugin['onSubscribe']>>>, void>;

function useBudgets(
  max: number,
  acquire: (context: unknown) => Release | undefined | Promise<Release | undefined>,
  scope: 'process' | 'caller',
): Plugin {
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn, setResultAndStopExecution }) {
      const admit = (release: Release | undefined): SubscribeHooks | undefined => {
        if (!release) {
          setResultAndStopExecution({ errors: [tooManySubscriptions(scope, max)] });
          return undefined;
        }
        // A subscribe that throws produces neither a result nor a stream error.
        setSubscribeFn(async (args) => {
          try {
            return (await subscribeFn(args)) as unknown;
          } catch (error) {
            release();
            throw error;
          }
        });
        return {
          onSubscribeResult({ result, setResult }) {
            if (isAsyncIterable(result)) setResult(onFinish(result, release));
            else release();
          },
          onSubscribeError() {
            release();
          },
        };
      };
      const release = acquire(args.contextValue);
      return release instanceof Promise ? release.then(admit) : admit(release);
    },
  };
}
