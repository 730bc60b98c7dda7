import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { tooManySubscriptions } from './limit-error.js';
import { onFinish, SubscriptionBudget } from './subscription-budget.js';

/**
 * Every subscription operation, over SSE and graphql-ws alike (both run through envelop's
 * `subscribe`), takes a slot of the process budget until its stream ends; past the budget the
 * operation gets one `TOO_MANY_SUBSCRIPTIONS` error and the running ones are unaffected.
 */
export function useSubscriptionBudget(budget: SubscriptionBudget): Plugin {
  return useBudgets(() => budget, 'process');
}

/**
 * The same per caller (access control's key id, `anonymous` without it): one caller's subscriptions
 * cannot take the whole process budget. A caller's budget is dropped when its last subscription ends.
 */
export function useCallerSubscriptionBudget(max: number): Plugin {
  const budgets = new Map<string, SubscriptionBudget>();
  return useBudgets((context) => {
    const caller = typeof (context as { caller?: unknown }).caller === 'string' ? (context as { caller: string }).caller : 'anonymous';
    let budget = budgets.get(caller);
    if (!budget) budgets.set(caller, (budget = new SubscriptionBudget(max, () => budgets.delete(caller))));
    return budget;
  }, 'caller');
}

function useBudgets(budgetFor: (context: unknown) => SubscriptionBudget, scope: 'process' | 'caller'): Plugin {
  return {
    onSubscribe({ args, subscribeFn, setSubscribeFn, setResultAndStopExecution }) {
      const budget = budgetFor(args.contextValue);
      const release = budget.tryAcquire();
      if (!release) {
        setResultAndStopExecution({ errors: [tooManySubscriptions(scope, budget.max)] });
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
    },
  };
}
