import type { UpstreamJobStatus } from '../arcgis/job-status-response.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import { isFinal, jobStatusFromEsri } from '../../core/jobs/job-status.js';

/** A job state from one upstream status document (version 0: the store numbers it). */
export function stateFromUpstream(ref: JobRef, upstream: UpstreamJobStatus): JobState {
  const status = jobStatusFromEsri(upstream.status);
  return {
    ref,
    status,
    upstreamStatus: upstream.status,
    progress: upstream.progress,
    messages: upstream.messages,
    results: upstream.results,
    fault: undefined,
    version: 0,
    final: isFinal(status),
  };
}
