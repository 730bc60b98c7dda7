import type { JobState } from '../../core/jobs/job-state.js';
import { encodeJobId } from '../../resolvers/job-id.js';
import { webhookDeliveries, type WebhookDelivery } from './webhook-event.js';

/** The webhook deliveries a stored state of a job submitted with a `subscriber` calls for (none otherwise). */
export function jobDeliveries(state: JobState, now: number): WebhookDelivery[] {
  const submission = state.submission;
  if (submission?.subscriber === undefined) return [];
  const { ref } = state;
  return webhookDeliveries(submission.subscriber, {
    id: encodeJobId({ service: submission.service, task: ref.task, jobId: ref.jobId }),
    service: submission.service,
    task: ref.task,
    status: state.status,
    final: state.final,
    progress: state.progress,
    messageCount: state.messages.length,
    version: state.version,
    submittedAt: submission.submittedAt,
    now,
  });
}
