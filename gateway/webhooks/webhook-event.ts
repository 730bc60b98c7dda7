/**
 * What a webhook says, and to which of a subscriber's URIs (README › Webhooks). The body names the job
 * by the gateway's id and its service by alias, never by an upstream URL or token: the receiver is
 * outside the deployment.
 */
import { createHash } from 'node:crypto';
import type { JobStatus } from '../../core/jobs/job-status.js';

/** OGC API – Processes' names for the callbacks of a job; each optional (null as GraphQL gives it). */
export interface WebhookSubscriber {
  readonly successUri?: string | null;
  readonly failedUri?: string | null;
  readonly inProgressUri?: string | null;
}

export const SUBSCRIBER_FIELDS = ['successUri', 'failedUri', 'inProgressUri'] as const;

export type WebhookEventType = 'job.succeeded' | 'job.failed' | 'job.progress';

/** One state of a job, as the code that saw it change knows it. */
export interface WebhookEventInput {
  /** The gateway's job id (`GPJob.id`). */
  readonly id: string;
  /** The service alias (or `Folder/Name`), as `GPJob.service`. */
  readonly service: string;
  readonly task: string;
  readonly status: JobStatus;
  /** Nothing more will change: a final status, or the job vanished upstream. */
  readonly final: boolean;
  readonly progress: { readonly percent?: number; readonly message: string } | undefined;
  readonly messageCount: number;
  /** The stored state's version: one event per version and URI. */
  readonly version: number;
  readonly submittedAt: number | undefined;
  /** Epoch ms of the change. */
  readonly now: number;
}

export interface WebhookEvent {
  readonly type: WebhookEventType;
  readonly timestamp: string;
  readonly data: {
    readonly id: string;
    readonly service: string;
    readonly task: string;
    readonly status: JobStatus;
    readonly progress: { readonly percent?: number; readonly message: string } | null;
    readonly messageCount: number;
    readonly submittedAt: string | null;
    readonly updatedAt: string;
  };
}

/** One POST to make: the same `eventId` (the `webhook-id` header) on every attempt and every instance. */
export interface WebhookDelivery {
  readonly eventId: string;
  readonly uri: string;
  /** The JSON text, signed as it is. */
  readonly body: string;
}

function eventType(input: WebhookEventInput): WebhookEventType {
  if (!input.final) return 'job.progress';
  // A vanished job is final whatever its last status: it did not succeed.
  return input.status === 'SUCCEEDED' ? 'job.succeeded' : 'job.failed';
}

const URI_BY_TYPE = { 'job.succeeded': 'successUri', 'job.failed': 'failedUri', 'job.progress': 'inProgressUri' } as const;

/** The id of an event, derived so that two instances seeing the same change name it alike. */
export function webhookEventId(jobId: string, version: number, uri: string): string {
  return `evt_${createHash('sha256').update(`${jobId}\n${version}\n${uri}`).digest('base64url')}`;
}

/** The deliveries one state of a job makes: none, or one to the URI its state picks. */
export function webhookDeliveries(subscriber: WebhookSubscriber | null | undefined, input: WebhookEventInput): WebhookDelivery[] {
  const type = eventType(input);
  const uri = subscriber?.[URI_BY_TYPE[type]];
  if (uri === undefined || uri === null) return [];
  const event: WebhookEvent = {
    type,
    timestamp: new Date(input.now).toISOString(),
    data: {
      id: input.id,
      service: input.service,
      task: input.task,
      status: input.status,
      progress: input.progress ? { percent: input.progress.percent, message: input.progress.message } : null,
      messageCount: input.messageCount,
      submittedAt: input.submittedAt === undefined ? null : new Date(input.submittedAt).toISOString(),
      updatedAt: new Date(input.now).toISOString(),
    },
  };
  return [{ eventId: webhookEventId(input.id, input.version, uri), uri, body: JSON.stringify(event) }];
}
