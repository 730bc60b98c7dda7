import { GatewayError } from '../core/errors/gateway-error.js';
import type { JobState } from '../core/jobs/job-state.js';
import type { JobOperations } from '../core/jobs/job-operations.js';
import JSON5 from 'json5';
import type { InputUrlPolicy } from '../resolvers/input-urls.js';
import type { JobRegistry } from '../resolvers/job-registry.js';
import { optionsToParams } from '../resolvers/convert/gp-options.js';
import type { Builder } from './builder.js';
import { accessOf } from './context.js';
import type { SharedTypes } from './shared-types.js';
import { addJobListField } from './job-list-fields.js';
import { submitExtras, submitExtrasArgs } from './job-submit-args.js';
import type { JobView } from '../resolvers/views.js';

/** An event of `jobUpdates` that ends the stream with an error (the job vanished upstream). */
export interface StreamError {
  readonly error: unknown;
}

/**
 * Views of each state for one subscriber: `newMessages` are the messages since its previous event
 * (the view of a state is shared by every subscriber that had seen as many messages).
 * A failure of the stream after its first event becomes a last event that errors (with its code),
 * so the subscription ends with a clear error instead of a transport failure. Hand-written rather
 * than an async generator: a generator's `return()` waits for its pending `next()`, so a subscriber
 * leaving a quiet job would never release it.
 */
export function viewsOf(states: AsyncIterableIterator<JobState>, registry: JobRegistry): AsyncIterableIterator<JobView | StreamError> {
  let seen = 0;
  let failed = false;
  const iterator: AsyncIterableIterator<JobView | StreamError> = {
    async next() {
      if (failed) return { done: true, value: undefined };
      try {
        const step = await states.next();
        if (step.done === true) return { done: true, value: undefined };
        // Subscribers that saw as many messages get the same view object, so their events can share one execution.
        const view = registry.viewSince(step.value, seen);
        seen = step.value.messages.length;
        return { done: false, value: view };
      } catch (error) {
        failed = true;
        return { done: false, value: { error } };
      }
    },
    async return() {
      await states.return?.();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}

/**
 * A REST value as the GPServer will read it: a string holding a JSON object or array is that JSON,
 * read as leniently as ArcGIS Server reads it (single quotes, unquoted keys).
 */
function jsonOf(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return value;
  try {
    return JSON5.parse(value);
  } catch {
    return value;
  }
}

/** `job`, `submitJob`, `cancelJob` and `jobUpdates`: the fields that take any task's job. */
export function addJobFields(
  builder: Builder,
  shared: SharedTypes,
  jobs: JobOperations,
  registry: JobRegistry,
  inputUrls: InputUrlPolicy,
): void {
  const jobById = async (id: string, context: Parameters<typeof accessOf>[0]) =>
    registry.view(await jobs.current(registry.resolveId(id), accessOf(context)));
  builder.queryField('job', (t) =>
    t.field({
      type: shared.gpJob,
      nullable: true,
      description: 'Any job of a configured asynchronous task, by id; also jobs submitted elsewhere (README, "Jobs").',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_root, { id }, context) => jobById(id, context),
    }),
  );
  builder.queryField('node', (t) =>
    t.field({
      type: shared.node,
      nullable: true,
      description: "Relay's refetch by global id: a job, as `job(id:)`, but null (not an error) for an id that names none.",
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, { id }, context) => {
        try {
          return await jobById(id, context);
        } catch (error) {
          if (error instanceof GatewayError && error.code === 'JOB_NOT_FOUND') return null;
          throw error;
        }
      },
    }),
  );
  addJobListField(builder, shared, jobs, registry);
  // Workflows alone make jobs to read, list and cancel, but nothing `submitJob` could submit.
  if (registry.hasSubmittableTasks)
    builder.mutationField('submitJob', (t) =>
      t.field({
        type: shared.gpJob,
        nullable: false,
        description: 'Submits any asynchronous task with REST parameter values by GP name (untyped).',
        args: {
          service: t.arg.string({ required: true, description: "The service's name ('Folder/Name'), alias or GPServer URL." }),
          task: t.arg.string({ required: true }),
          parameters: t.arg({
            type: 'JSON',
            required: true,
            description: 'GP parameter name → REST value (strings as-is, others as JSON).',
          }),
          options: t.arg({ type: shared.gpOptions }),
          idempotencyKey: t.arg.string(),
          ...submitExtrasArgs(t.arg, shared),
        },
        resolve: async (_root, args, context) => {
          const target = registry.findTask(args.service, args.task);
          const parameters =
            typeof args.parameters === 'object' && args.parameters !== null ? (args.parameters as Record<string, unknown>) : {};
          for (const [name, value] of Object.entries(parameters)) inputUrls.checked(jsonOf(value), name);
          const state = await jobs.submit({
            serviceUrl: target.serviceUrl,
            task: target.task,
            params: { ...parameters, ...optionsToParams(args.options, target.currentVersion) },
            idempotencyKey: args.idempotencyKey ?? undefined,
            serviceLabel: registry.labelOf({ serviceUrl: target.serviceUrl, task: target.task, jobId: '' }),
            ...submitExtras(args),
            ...accessOf(context),
          });
          return registry.view(state);
        },
      }),
    );
  builder.mutationField('cancelJob', (t) =>
    t.field({
      type: shared.gpJob,
      nullable: false,
      description: 'Cancels a job upstream. Idempotent while cancelling or cancelled; JOB_NOT_CANCELLABLE once it ended otherwise.',
      args: { id: t.arg.id({ required: true }) },
      resolve: async (_root, { id }, context) => registry.view(await jobs.cancel(registry.resolveId(id), accessOf(context))),
    }),
  );
  builder.subscriptionType({});
  builder.subscriptionField('jobUpdates', (t) =>
    t.field({
      type: shared.gpJob,
      nullable: false,
      description:
        'The job now, then each change (status, progress, new messages), until a final status. One upstream poll loop serves every subscriber.',
      args: { id: t.arg.id({ required: true }) },
      subscribe: async (_root, { id }, context) => {
        const ref = registry.resolveId(id);
        // An unknown job errors at once, before the stream starts.
        await jobs.check(ref, accessOf(context));
        return viewsOf(jobs.updates(ref, accessOf(context)), registry);
      },
      resolve: (event: JobView | StreamError) => {
        if ('error' in event) throw event.error;
        return event;
      },
    }),
  );
}
