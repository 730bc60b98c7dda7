import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import type { JobHub } from '../jobs/job-hub.js';
import { summarised } from './workflow-steps.js';
import { updateWorkflow } from './workflow-update.js';

/**
 * Marks the workflow for cancelling, on whichever instance the caller reached; the instance driving it
 * hears the change and cancels the running jobs upstream. The read then joins the driver's next pass,
 * so where this instance drives the workflow the answer comes after the upstream cancels.
 */
export async function requestCancel(hub: JobHub, ref: JobRef, signal?: AbortSignal): Promise<JobState> {
  const marked = await updateWorkflow(hub.store, ref, (state) =>
    state.workflow.cancelRequested === true ? undefined : summarised({ ...state, workflow: { ...state.workflow, cancelRequested: true } }),
  );
  const latest = await hub.read(ref, signal);
  const answer = latest ?? marked;
  if (!answer) throw new Error(`workflow ${ref.jobId} vanished while being cancelled`);
  return answer;
}
