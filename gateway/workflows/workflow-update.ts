import { succeeding, type JobRef } from '../../core/jobs/job-state.js';
import { isWorkflowState, type WorkflowState } from '../../core/workflows/workflow-state.js';
import { jobKey, type JobStore } from '../jobs/job-store.js';

/** Attempts before an update gives up: each lost attempt means another writer just wrote. */
const MAX_ATTEMPTS = 20;

/**
 * Read, change, write — again on the latest state when another writer (the driver, a cancel on
 * another instance, a concurrent step of the same driver) wrote first, so no change is lost.
 * `change` returning undefined writes nothing; a final workflow is never changed. Resolves with the
 * state as stored afterwards (undefined when the workflow is unknown).
 */
export async function updateWorkflow(
  store: JobStore,
  ref: JobRef,
  change: (state: WorkflowState) => WorkflowState | undefined,
): Promise<WorkflowState | undefined> {
  const key = jobKey(ref);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await store.get(key);
    if (stored === undefined || !isWorkflowState(stored)) return undefined;
    if (stored.final) return stored;
    const next = change(stored);
    if (next === undefined) return stored;
    const written = succeeding(next, stored) as WorkflowState;
    if (await store.put(written)) return written;
  }
  throw new Error(`workflow ${ref.jobId}: ${MAX_ATTEMPTS} writes in a row lost to other writers`);
}
