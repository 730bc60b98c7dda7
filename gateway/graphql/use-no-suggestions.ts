import { isAsyncIterable, type Plugin } from 'graphql-yoga';

/**
 * graphql-js ends a message with its suggestions: fields, arguments, types (`Did you mean "services"?`),
 * enum values (`Did you mean the enum value "GEOJSON"?`), types to spread (`Did you mean to use an
 * inline fragment on "ViewshedJob"?`). Each names part of the schema, so where the schema is not
 * public the whole tail goes, whatever its wording.
 */
const SUGGESTION = /\s*Did you mean\b[\s\S]*$/;
const HIDDEN = ' [Suggestion hidden]';

function hide(errors: readonly Error[] | undefined): void {
  // The same error objects are kept by the validation cache: rewriting them in place is idempotent.
  for (const error of errors ?? []) if (SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, HIDDEN);
}

function hideInResult(result: unknown): void {
  if (!isAsyncIterable(result) && typeof result === 'object' && result !== null && 'errors' in result)
    hide((result as { errors?: readonly Error[] }).errors);
}

/**
 * No "Did you mean …?" in any error: validation (unknown fields, arguments, types, enum literals,
 * input fields) and variable coercion at execution (a bad enum value or input field in the variables),
 * on every transport, since all of them run this envelop.
 */
export function useNoSuggestions(): Plugin {
  return {
    onValidate:
      () =>
      ({ valid, result }) => {
        if (!valid) hide(result);
      },
    onExecute: () => ({
      onExecuteDone: ({ result }) => {
        hideInResult(result);
      },
    }),
    onSubscribe: () => ({
      onSubscribeResult: ({ result }) => {
        hideInResult(result);
      },
    }),
  };
}
