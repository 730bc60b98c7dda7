import type { JobAccess } from '../jobs/job-operations.js';
import type { JobState, JobSubscriber } from '../jobs/job-state.js';
import type { StepPlan } from './workflow-state.js';

export interface WorkflowRequest extends JobAccess {
  /** Checked by resolvers/workflow-plan.ts: unique ids, hand-overs from earlier steps only, no cycle. */
  readonly steps: readonly StepPlan[];
  readonly subscriber?: JobSubscriber;
  readonly deadlineSeconds?: number;
  /** A retried submit with the same key returns the same workflow. */
  readonly idempotencyKey?: string;
}

/**
 * Submitting a workflow. Everything else — reading, watching, listing, cancelling — goes through
 * `JobOperations` with the workflow's ref (core/workflows/workflow-state.ts), as for any job.
 */
export interface WorkflowOperations {
  submit(request: WorkflowRequest): Promise<JobState>;
}
