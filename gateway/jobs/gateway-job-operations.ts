import type { JobOperations } from '../../resolvers/job-operations.js';
import { readJobStatus, jobUrl, type FetchJobStatus } from '../arcgis/job-status-response.js';
import type { RestClient } from '../arcgis/rest-client.js';
import { readSubmitResponse } from '../arcgis/submit-response.js';
import { GatewayError } from '../errors/gateway-error.js';
import type { IdempotencyStore } from './idempotency.js';
import type { JobHub } from './job-hub.js';
import type { JobRef, JobState } from './job-state.js';
import { isFinal } from './job-status.js';
import { jobUpdates } from './job-updates.js';
import { stateFromUpstream } from './state-from-upstream.js';

export interface GatewayJobDeps {
  readonly client: RestClient;
  readonly hub: JobHub;
  readonly fetchStatus: FetchJobStatus;
  readonly idempotency: IdempotencyStore;
}

const opts = (signal: AbortSignal | undefined) => (signal ? { signal } : {});

/** Job operations over the REST client and the job hub (one poll loop per job). */
export function createGatewayJobOperations({ client, hub, fetchStatus, idempotency }: GatewayJobDeps): JobOperations {
  const current = async (ref: JobRef, signal?: AbortSignal): Promise<JobState> => {
    const stored = await hub.current(ref);
    if (stored) return stored;
    await hub.seed(stateFromUpstream(ref, await fetchStatus(ref, signal ?? new AbortController().signal)));
    return (await hub.current(ref)) ?? current(ref, signal);
  };

  return {
    async submit({ serviceUrl, task, params, idempotencyKey, signal }) {
      const submit = async (): Promise<JobRef> => {
        const url = `${serviceUrl}/${encodeURIComponent(task)}/submitJob`;
        const { jobId, jobStatus } = readSubmitResponse(await client.postForm(url, params, opts(signal)), url);
        const ref = { serviceUrl, task, jobId };
        await hub.seed(stateFromUpstream(ref, { status: jobStatus, messages: [] }));
        return ref;
      };
      const ref = idempotencyKey === undefined ? await submit() : await idempotency.once(`${serviceUrl}\n${task}\n${idempotencyKey}`, submit);
      return current(ref, signal);
    },

    async cancel(ref, signal) {
      const before = await current(ref, signal);
      if (before.status === 'CANCELLING' || before.status === 'CANCELLED') return before;
      if (before.final) throw new GatewayError('JOB_NOT_CANCELLABLE', `Job ${ref.jobId} has already ended (${before.status}).`);
      const url = `${jobUrl(ref)}/cancel`;
      try {
        const upstream = readJobStatus(await client.postForm(url, {}, opts(signal)), url);
        await hub.seed(stateFromUpstream(ref, upstream));
      } catch (error) {
        // The job may have ended between our read and the cancel: say so rather than relay the error body.
        const latest = stateFromUpstream(ref, await fetchStatus(ref, signal ?? new AbortController().signal));
        await hub.seed(latest);
        if (latest.status === 'CANCELLING' || latest.status === 'CANCELLED') return latest;
        if (isFinal(latest.status)) throw new GatewayError('JOB_NOT_CANCELLABLE', `Job ${ref.jobId} has already ended (${latest.status}).`, {}, { cause: error });
        throw error;
      }
      return current(ref, signal);
    },

    current,

    updates: (ref, signal) => jobUpdates(hub, ref, signal),

    async settle(ref, deadlineMs, signal) {
      const deadline = AbortSignal.timeout(deadlineMs);
      const stop = signal ? AbortSignal.any([signal, deadline]) : deadline;
      let latest = await current(ref, signal);
      try {
        for await (const state of jobUpdates(hub, ref, stop)) latest = state;
      } catch (error) {
        if (!deadline.aborted) throw error;
      }
      return latest;
    },
  };
}
