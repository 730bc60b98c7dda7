import { randomUUID } from 'node:crypto';
import type { Clock } from '../../core/clock.js';
import { credentialKey } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobRef, JobSubmission, JobSubscriber } from '../../core/jobs/job-state.js';
import type { WorkflowOperations } from '../../core/workflows/workflow-operations.js';
import { workflowRef, WORKFLOW_SERVICE_LABEL, type WorkflowState } from '../../core/workflows/workflow-state.js';
import { deadlineSecondsOf, type GatewayJobDeps } from '../jobs/gateway-job-operations.js';
import type { IdempotencyStore } from '../jobs/idempotency.js';
import type { JobCredentials } from '../jobs/job-credentials.js';
import type { JobHub } from '../jobs/job-hub.js';
import { listerOf, type JobListStore } from '../jobs/job-list.js';
import type { KeptJobs } from '../jobs/kept-jobs.js';
import type { Logger } from '../log/logger.js';
import { stateFromUpstream } from '../jobs/state-from-upstream.js';
import { summarised } from './workflow-steps.js';

export interface WorkflowOperationsDeps {
  readonly hub: JobHub;
  readonly credentials: JobCredentials;
  readonly idempotency: IdempotencyStore;
  readonly jobList: JobListStore;
  /** Every workflow is followed until it ends, watched or not: its driver runs inside that follow. */
  readonly kept: KeptJobs;
  readonly checkSubscriber?: (subscriber: JobSubscriber) => void;
  /** The caller's concurrent-jobs limit (gateway-job-operations.ts `admit`): a running workflow counts as one job. */
  readonly admit?: (caller: string | undefined, submit: () => Promise<JobRef>) => Promise<JobRef>;
  readonly deadlines?: GatewayJobDeps['deadlines'];
  readonly clock: Pick<Clock, 'now'>;
  readonly log: Logger;
}

/**
 * `submitWorkflow`: stores the workflow as a job of the store (SUBMITTED, every step PENDING), lists it
 * in its caller's jobs and keeps it followed; the instance that follows it drives it
 * (workflow-driver.ts). Nothing goes upstream here: the first steps start on the driver's first pass.
 */
export function createWorkflowOperations(deps: WorkflowOperationsDeps): WorkflowOperations {
  const { hub, clock } = deps;
  return {
    async submit(request) {
      if (request.steps.length === 0)
        throw new GatewayError('INVALID_INPUT', 'A workflow needs at least one step.', { parameter: 'steps' });
      if (request.subscriber) deps.checkSubscriber?.(request.subscriber);
      const deadlineSeconds = deadlineSecondsOf(request.deadlineSeconds, deps.deadlines);
      const create = async () => {
        const ref = workflowRef(randomUUID());
        const submittedAt = clock.now();
        const submission: JobSubmission = {
          owner: credentialKey(request.credential),
          lister: listerOf(request),
          service: WORKFLOW_SERVICE_LABEL,
          submittedAt,
          ...(deadlineSeconds === undefined ? {} : { deadline: submittedAt + deadlineSeconds * 1000 }),
          ...(request.subscriber ? { subscriber: request.subscriber } : {}),
        };
        const state: WorkflowState = summarised({
          ...stateFromUpstream(ref, { status: 'esriJobSubmitted', messages: [] }),
          submission,
          workflow: { steps: request.steps.map((plan) => ({ ...plan, status: 'PENDING', messages: [] })) },
        });
        deps.credentials.remember(ref, request.credential);
        await hub.seed(state);
        // Stored now: a failure to list or keep it must not make the caller submit it again.
        for (const [what, done] of [
          ['listed', deps.jobList.add(submission.lister, { ref, submittedAt })],
          ['kept', deps.kept.keep(ref)],
        ] as const) {
          await done.catch((error: unknown) => {
            deps.log.error(`a submitted workflow could not be ${what}`, {
              workflow: ref.jobId,
              error: error instanceof Error ? error.message : String(error),
            });
          });
        }
        return ref;
      };
      // Scoped by credential, as job submits are: one caller's key never returns another's workflow.
      const once = (): Promise<JobRef> =>
        request.idempotencyKey === undefined
          ? create()
          : deps.idempotency.once(['workflow', credentialKey(request.credential), request.idempotencyKey].join('\n'), create);
      const ref = deps.admit ? await deps.admit(request.caller, once) : await once();
      const stored = await hub.current(ref);
      if (!stored) throw new GatewayError('JOB_NOT_FOUND', `Workflow ${ref.jobId} could not be read.`);
      return stored;
    },
  };
}
