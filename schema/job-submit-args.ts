import type { JobSubscriber } from '../core/jobs/job-state.js';
import type { Builder } from './builder.js';
import type { SharedTypes } from './shared-types.js';

type ArgBuilder = Parameters<Parameters<Builder['mutationField']>[1]>[0]['arg'];

/** What a submit mutation takes beside its inputs: a webhook subscriber and a deadline. */
export interface SubmitExtrasArgs {
  readonly subscriber?: { successUri?: string | null; failedUri?: string | null; inProgressUri?: string | null } | null;
  readonly deadlineSeconds?: number | null;
}

export function submitExtrasArgs(arg: ArgBuilder, shared: SharedTypes) {
  return {
    subscriber: arg({ type: shared.jobSubscriber, description: 'Where to POST the job’s events (README › Webhooks).' }),
    deadlineSeconds: arg.int({
      description: 'Seconds after which the gateway cancels the job upstream and ends it TIMED_OUT (default and maximum: README › Jobs).',
    }),
  };
}

/** The extras as the job operations take them (`SubmitRequest`). */
export function submitExtras(args: SubmitExtrasArgs): { subscriber?: JobSubscriber; deadlineSeconds?: number } {
  const given = args.subscriber ?? undefined;
  const subscriber: JobSubscriber | undefined =
    given === undefined
      ? undefined
      : {
          ...(given.successUri ? { successUri: given.successUri } : {}),
          ...(given.failedUri ? { failedUri: given.failedUri } : {}),
          ...(given.inProgressUri ? { inProgressUri: given.inProgressUri } : {}),
        };
  return {
    ...(subscriber && Object.keys(subscriber).length > 0 ? { subscriber } : {}),
    ...(args.deadlineSeconds === null || args.deadlineSeconds === undefined ? {} : { deadlineSeconds: args.deadlineSeconds }),
  };
}
