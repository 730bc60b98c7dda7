import { deadline } from '../abort-deadline.js';
import type { Credential } from '../../core/credential.js';
import type { JobAccess, JobOperations } from '../../core/jobs/job-operations.js';
import { jobUrl, readJobStatus } from '../arcgis/job-status-response.js';
import type { RestClient } from '../arcgis/rest-client.js';
import { readSubmitResponse } from '../arcgis/submit-response.js';
import { credentialKey } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { FetchStatusAs } from './credentialed-status.js';
import type { IdempotencyStore } from './idempotency.js';
import type { JobAccessCheck } from './job-access.js';
import type { JobCredentials } from './job-credentials.js';
import type { JobHub } from './job-hub.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import { isFinal } from '../../core/jobs/job-status.js';
import { CallerJobLimit, type CallerJobSlots } from './caller-job-limit.js';
import { silentLogger, type Logger } from '../log/logger.js';
import { systemClock, type Clock } from '../../core/clock.js';
import type { JobSubmission, JobSubscriber } from '../../core/jobs/job-state.js';
import { listerOf, type JobListStore } from './job-list.js';
import { listJobs } from './job-list-page.js';
import type { KeptJobs } from './kept-jobs.js';
import { jobUpdates } from './job-updates.js';
import { stateFromUpstream } from './state-from-upstream.js';
import { isWorkflowRef } from '../../core/workflows/workflow-state.js';
import { requestCancel } from '../workflows/workflow-cancel.js';

export interface GatewayJobDeps {
  readonly clients: (credential: Credential) => RestClient;
  readonly hub: JobHub;
  readonly fetchAs: FetchStatusAs;
  readonly credentials: JobCredentials;
  readonly access: JobAccessCheck;
  readonly idempotency: IdempotencyStore;
  /** Aborted when this instance drains: subscriptions end with SHUTTING_DOWN. */
  readonly shutdown?: AbortSignal;
  /** Jobs one caller may have running at once (access control's `concurrentJobsPerCaller`); none: no limit. */
  readonly concurrentJobsPerCaller?: number;
  /** Where those jobs are counted: in Redis for every instance in scale-out mode; default in this process. */
  readonly callerJobSlots?: CallerJobSlots;
  /** Each caller's jobs, for `list`. */
  readonly jobList: JobListStore;
  /** Jobs the gateway follows until they end, watched or not: those with a deadline or a webhook subscriber. */
  readonly kept: KeptJobs;
  /** Throws INVALID_INPUT for a subscriber the gateway will not call (webhooks off, or a URI the policy refuses). */
  readonly checkSubscriber?: (subscriber: JobSubscriber) => void;
  /** Deadlines in seconds: given to jobs submitted without one, and the most a caller may ask. */
  readonly deadlines?: { readonly defaultSeconds?: number; readonly maxSeconds?: number };
  readonly clock?: Pick<Clock, 'now'>;
  readonly log?: Logger;
}

/**
 * The longest deadline: a job nobody updates stays in the job store 24 hours, and its deadline (and
 * webhook subscriber) live in its stored state.
 */
export const MAX_DEADLINE_SECONDS = 24 * 60 * 60;

/** The job's deadline in seconds from the caller's wish and the configured default and maximum; INVALID_INPUT past the maximum. */
export function deadlineSecondsOf(asked: number | undefined, limits: GatewayJobDeps['deadlines'] = {}): number | undefined {
  const seconds = asked ?? limits.defaultSeconds;
  if (seconds === undefined) return undefined;
  const max = Math.min(limits.maxSeconds ?? MAX_DEADLINE_SECONDS, MAX_DEADLINE_SECONDS);
  if (!(seconds > 0) || seconds > max) {
    const most = ` and at most ${max}`;
    throw new GatewayError('INVALID_INPUT', `deadlineSeconds: must be more than 0${most}.`, { parameter: 'deadlineSeconds' });
  }
  return seconds;
}

const signalOf = (access: JobAccess) => access.signal ?? new AbortController().signal;

/** What else the gateway's job operations offer its workflows. */
export interface GatewayJobOperations extends JobOperations {
  /** Runs `submit` within the caller's concurrent-jobs limit, as a job submit: a workflow counts as one running job. */
  admit(caller: string | undefined, submit: () => Promise<JobRef>): Promise<JobRef>;
}

/** Job operations over the REST client and the job hub (one poll loop per job). */
export function createGatewayJobOperations(deps: GatewayJobDeps): GatewayJobOperations {
  const { clients, hub, fetchAs, credentials, idempotency } = deps;
  const clock = deps.clock ?? systemClock;

  /** Checks access, then the stored state, or one poll with the job's own credential. */
  const checked = async (ref: JobRef, access: JobAccess): Promise<JobState> => {
    const stored = await hub.current(ref);
    if (isWorkflowRef(ref)) return checkedWorkflow(ref, stored, access);
    const fetched = await deps.access.ensure(ref, access, stored);
    if (stored) return stored;
    await hub.seed(stateFromUpstream(ref, fetched ?? (await fetchAs(ref, credentials.get(ref), signalOf(access)))));
    const seeded = await hub.current(ref);
    if (!seeded) throw new GatewayError('JOB_NOT_FOUND', `Job ${ref.jobId} could not be read.`);
    return seeded;
  };

  /**
   * A workflow lives in the store alone: its submitter reads it, and so does a credential that can read
   * its first job upstream — the same user with a renewed token, as for a job (no other server to ask).
   */
  const checkedWorkflow = async (ref: JobRef, stored: JobState | undefined, access: JobAccess): Promise<JobState> => {
    const notFound = (): GatewayError =>
      new GatewayError('JOB_NOT_FOUND', `Workflow ${ref.jobId} does not exist or is not readable with this credential.`);
    if (stored === undefined) throw notFound();
    if (stored.submission?.owner === credentialKey(access.credential)) return stored;
    const first = stored.workflow?.steps.find((step) => step.jobId !== undefined);
    if (first?.jobId === undefined) throw notFound();
    const job = { serviceUrl: first.serviceUrl, task: first.task, jobId: first.jobId };
    try {
      await deps.access.ensure(job, access, await hub.current(job));
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'JOB_NOT_FOUND') throw notFound();
      throw error;
    }
    return stored;
  };

  /** As `checked`, and a running job's state as fresh as its shared poll loop keeps it (no subscription needed). */
  const current = async (ref: JobRef, access: JobAccess): Promise<JobState> => {
    const state = await checked(ref, access);
    return state.final ? state : ((await hub.read(ref, access.signal)) ?? state);
  };

  const ended = async (ref: JobRef): Promise<boolean> => {
    // Through the job's poll loop when its state is stored: no request of its own beside the loop's.
    const stored = await hub.read(ref);
    if (stored) return stored.final;
    try {
      const state = stateFromUpstream(ref, await fetchAs(ref, credentials.get(ref), new AbortController().signal));
      await hub.seed(state);
      return state.final;
    } catch (error) {
      // A job the server no longer knows runs no more; any other failure keeps it counted.
      return error instanceof GatewayError && error.code === 'JOB_NOT_FOUND';
    }
  };
  const perCaller =
    deps.concurrentJobsPerCaller === undefined ? undefined : new CallerJobLimit(deps.concurrentJobsPerCaller, ended, deps.callerJobSlots);

  return {
    admit: (caller, submit) => (perCaller ? perCaller.run(caller ?? 'anonymous', submit) : submit()),

    async submit(request) {
      const { serviceUrl, task, params, idempotencyKey, credential } = request;
      // Refused before anything goes upstream.
      if (request.subscriber) deps.checkSubscriber?.(request.subscriber);
      const deadlineSeconds = deadlineSecondsOf(request.deadlineSeconds, deps.deadlines);
      const submit = async (): Promise<JobRef> => {
        const url = `${serviceUrl}/${encodeURIComponent(task)}/submitJob`;
        const { jobId, jobStatus } = readSubmitResponse(await clients(credential).postForm(url, params, { signal: request.signal }), url);
        const ref = { serviceUrl, task, jobId };
        credentials.remember(ref, credential);
        const submittedAt = clock.now();
        const submission: JobSubmission = {
          owner: credentialKey(credential),
          lister: listerOf(request),
          service: request.serviceLabel,
          submittedAt,
          ...(deadlineSeconds === undefined ? {} : { deadline: submittedAt + deadlineSeconds * 1000 }),
          ...(request.subscriber ? { subscriber: request.subscriber } : {}),
        };
        await hub.seed({ ...stateFromUpstream(ref, { status: jobStatus, messages: [] }), submission });
        // The job runs upstream now: a failure to list or keep it must not tell the caller otherwise.
        const keeping = submission.deadline !== undefined || submission.subscriber !== undefined ? deps.kept.keep(ref) : undefined;
        for (const [what, done] of [
          ['listed', deps.jobList.add(submission.lister, { ref, submittedAt })],
          ['kept', keeping],
        ] as const) {
          await done?.catch((error: unknown) => {
            (deps.log ?? silentLogger).error(`a submitted job could not be ${what}`, {
              jobId,
              error: error instanceof Error ? error.message : String(error),
            });
          });
        }
        return ref;
      };
      // Keys are scoped by credential too: one caller's key never returns another caller's job.
      const once = (): Promise<JobRef> =>
        idempotencyKey === undefined
          ? submit()
          : idempotency.once([serviceUrl, task, credentialKey(credential), idempotencyKey].join('\n'), submit);
      const ref = perCaller ? await perCaller.run(request.caller ?? 'anonymous', once) : await once();
      // The submit's answer is the freshest state there is: no read through the poll loop.
      return checked(ref, request);
    },

    async cancel(ref, access) {
      const before = await checked(ref, access);
      if (before.status === 'CANCELLING' || before.status === 'CANCELLED') return before;
      if (before.final) throw new GatewayError('JOB_NOT_CANCELLABLE', `Job ${ref.jobId} has already ended (${before.status}).`);
      if (isWorkflowRef(ref)) return requestCancel(hub, ref, access.signal);
      const url = `${jobUrl(ref)}/cancel`;
      try {
        await hub.seed(
          stateFromUpstream(ref, readJobStatus(await clients(access.credential).postForm(url, {}, { signal: access.signal }), url)),
        );
      } catch (error) {
        // The job may have ended between our read and the cancel: say so rather than relay the error body.
        const latest = stateFromUpstream(ref, await fetchAs(ref, access.credential, signalOf(access)));
        await hub.seed(latest);
        if (latest.status === 'CANCELLING' || latest.status === 'CANCELLED') return latest;
        if (isFinal(latest.status))
          throw new GatewayError('JOB_NOT_CANCELLABLE', `Job ${ref.jobId} has already ended (${latest.status}).`, {}, { cause: error });
        throw error;
      }
      return checked(ref, access);
    },

    current,
    check: checked,

    updates: (ref, access) => jobUpdates(hub, ref, access.signal, deps.shutdown),

    async settle(ref, deadlineMs, access) {
      const budget = deadline(deadlineMs, access.signal);
      let latest = await checked(ref, access);
      try {
        for await (const state of jobUpdates(hub, ref, budget.signal)) latest = state;
      } catch (error) {
        if (!budget.timedOut()) throw error;
      } finally {
        budget.release();
      }
      return latest;
    },

    list: (access, request) =>
      listJobs(deps.jobList, (ref) => hub.current(ref), listerOf(access), {
        ...request,
        // One identity may call with several ArcGIS tokens (users of one app key): each sees what its own submitted.
        filter: { ...request.filter, owner: credentialKey(access.credential) },
      }),
  };
}
