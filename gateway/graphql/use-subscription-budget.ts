import { isAsyncIterable, type Plugin } from 'graphql-yoga';
import { tooManySubscriptions } from './limit-error.js';
import { onFinish, type SubscriptionBudget } from './subscription-budget.js';

/**
 * Every subscription operation, over SSE and graphql-ws alike (both run through envelop's
 * `subscribe`), takes a slot of the process budget until its stream ends; past the budget the
 * operation gets one `TOO_MANY_SUBSCRIPTIONS` error and the running ones are unaffected.
 */
export function useSubscriptionBudget(budget: SubscriptionBudget): Plugin {
  return {
    onSubscribe({ subscribeFn, setSubscribeFn, setResultAndStopExecution }) {
      const release = budget.tryAcquire();
      if (!release) {
        setResultAndStopExecution({ errors: [tooManySubscriptions('process', budget.max)] });
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
