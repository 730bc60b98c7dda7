import type { JobAccess } from '../core/jobs/job-operations.js';
import type { StepPlan } from '../core/workflows/workflow-state.js';
import { withStagedUploads, type UploadItems } from './staged-uploads.js';
import type { CheckedStep } from './workflow-plan.js';

/**
 * Submits a checked workflow whose literals may hold files: each step's files go to its own service's
 * `uploads/` (as for `run<Task>`) and the plan carries their item ids. The stagings nest, one per
 * step, so should any upload or the submit itself fail, every item uploaded for the workflow is
 * deleted again — none is left behind by a workflow that was never stored.
 */
export function submitWithStagedUploads<T>(
  uploads: UploadItems,
  steps: readonly CheckedStep[],
  access: JobAccess,
  submit: (plans: StepPlan[]) => Promise<T>,
): Promise<T> {
  const stage = (index: number, plans: readonly StepPlan[]): Promise<T> => {
    const step = steps[index];
    if (!step) return submit([...plans]);
    return withStagedUploads(uploads, step.spec.serviceUrl, step.literals, access, (staged) =>
      stage(index + 1, [...plans, step.plan(staged as Readonly<Record<string, unknown>>)]),
    );
  };
  return stage(0, []);
}
