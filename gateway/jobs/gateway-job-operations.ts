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
import { CallerJobLimit } from './caller-job-limit.js';
import { jobUpdates } from './job-updates.js';
import { stateFromUpstream } from './state-from-upstream.js';

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
}

const signalOf = (access: JobAccess) => access.signal ?? new AbortController().signal;

/** Job operations over the REST client and the job hub (one poll loop per job). */
export function createGatewayJobOperations(deps: GatewayJobDeps): JobOperations {
  const { clients, hub, fetchAs, credentials, idempotency } = deps;

  /** Checks access, then the stored state, or one poll with the job's own credential. */
  const checked = async (ref: JobRef, access: JobAccess): Promise<JobState> => {
    const stored = await hub.current(ref);
    const fetched = await deps.access.ensure(ref, access, stored);
    if (stored) return stored;
    await hub.seed(stateFromUpstream(ref, fetched ?? (await fetchAs(ref, credentials.get(ref), signalOf(access)))));
    const seeded = await hub.current(ref);
    if (!seeded) throw new GatewayError('JOB_NOT_FOUND', `Job ${ref.jobId} could not be read.`);
    return seeded;
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
  const perCaller = deps.concurrentJobsPerCaller === undefined ? undefined : new CallerJobLimit(deps.concurrentJobsPerCaller, ended);

  return {
    async submit(request) {
      const { serviceUrl, task, params, idempotencyKey, credential } = request;
      const submit = async (): Promise<JobRef> => {
        const url = `${serviceUrl}/${encodeURIComponent(task)}/submitJob`;
        const { jobId, jobStatus } = readSubmitResponse(await clients(credential).postForm(url, params, { signal: request.signal }), url);
        const ref = { serviceUrl, task, jobId };
        credentials.remember(ref, credential);
        await hub.seed({ ...stateFromUpstream(ref, { status: jobStatus, messages: [] }), owner: credentialKey(credential) });
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
  };
}
