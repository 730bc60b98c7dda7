import { withoutUpstreamHosts } from '../../core/private-upstream.js';
import { JOB_STATUSES } from '../../core/jobs/job-status.js';
import type { JobState } from '../../core/jobs/job-state.js';
import type { JobView } from '../../resolvers/views.js';
import type { Builder } from '../builder.js';
import type { addMessageTypes } from './messages.js';

const STATUS_DESCRIPTIONS: Readonly<Record<string, string>> = {
  UNKNOWN: 'A status this gateway does not know (see upstreamStatus); the job is still watched.',
  SUCCEEDED: 'Final: the results can be read.',
  FAILED: 'Final: see messages.',
  TIMED_OUT: 'Final: the server stopped the job after its maximum run time.',
  CANCELLED: 'Final.',
  DELETED: 'Final: the server removed the job.',
};

/** Jobs: the status enum, progress, faults and the `GPJob` interface every task's job type implements. */
export function addJobTypes(builder: Builder, messages: ReturnType<typeof addMessageTypes>) {
  const jobStatus = builder.enumType('JobStatus', {
    description: 'The esriJob* statuses of the GP job resource, and UNKNOWN.',
    values: Object.fromEntries(JOB_STATUSES.map((s) => [s, STATUS_DESCRIPTIONS[s] ? { description: STATUS_DESCRIPTIONS[s] } : {}])),
  });
  const jobProgress = builder.objectRef<NonNullable<JobState['progress']>>('JobProgress').implement({
    description: 'Progress the task reports while executing (ArcGIS 10.8.1+).',
    fields: (t) => ({
      type: t.exposeString('type', { nullable: false }),
      message: t.exposeString('message', { nullable: false }),
      percent: t.float({ nullable: true, resolve: (p) => p.percent }),
    }),
  });
  const jobFault = builder.objectRef<NonNullable<JobState['fault']>>('JobFault').implement({
    description: 'Why the gateway cannot currently follow the job upstream (a code from the error catalogue).',
    fields: (t) => ({
      code: t.exposeString('code', { nullable: false }),
      message: t.string({
        nullable: false,
        resolve: (fault, _args, context) => (context.upstreamInErrors === true ? fault.message : withoutUpstreamHosts(fault.message)),
      }),
    }),
  });
  const resultMapService = builder.objectRef<{ url: string; layerIds: readonly number[] }>('ResultMapService').implement({
    description:
      "The job's result map service (ArcGIS's MapServer beside a GP service published with one): add `url` to a map as a dynamic map layer, or draw it with `${url}/export?bbox=…&f=image`.",
    fields: (t) => ({
      url: t.string({
        nullable: true,
        description:
          "`<services>/<name>/MapServer/jobs/<jobId>` on the GPServer's host; null where the deployment keeps upstream hosts private.",
        resolve: (map, _args, context) => (context.showUpstream === false ? null : map.url),
      }),
      layerIds: t.intList({
        nullable: false,
        description: "The task's geodataset outputs, in output order.",
        resolve: (map) => [...map.layerIds],
      }),
    }),
  });
  // Relay's object identification: jobs are refetchable by their global id (`Query.node`).
  const node = builder.interfaceRef<JobView>('Node').implement({
    description: "An object with a global id, refetchable with `node(id:)` (Relay's object identification): the gateway's jobs.",
    resolveType: (view) => view.typeName,
    fields: (t) => ({ id: t.id({ nullable: false, resolve: (v) => v.id }) }),
  });
  const gpJob = builder.interfaceRef<JobView>('GPJob').implement({
    description: 'A geoprocessing job, watched by the gateway. A failed, timed-out or cancelled job is data, not an error.',
    interfaces: [node],
    resolveType: (view) => view.typeName,
    fields: (t) => ({
      id: t.id({
        nullable: false,
        description: 'Opaque global id (service by name or alias, task and upstream jobId).',
        resolve: (v) => v.id,
      }),
      jobId: t.string({
        nullable: false,
        description: "The upstream jobId (a workflow's own id for a workflow).",
        resolve: (v) => v.state.ref.jobId,
      }),
      service: t.string({
        nullable: false,
        description: "The task's service, by name ('Folder/Name'); `workflows` for a workflow.",
        resolve: (v) => v.serviceName,
      }),
      task: t.string({
        nullable: false,
        description: 'The GP task, by name; `workflow` for a workflow.',
        resolve: (v) => v.state.ref.task,
      }),
      status: t.field({ type: jobStatus, nullable: false, description: 'Where the job is now.', resolve: (v) => v.state.status }),
      upstreamStatus: t.string({
        nullable: false,
        description: 'The esriJob* value as the server sent it.',
        resolve: (v) => v.state.upstreamStatus,
      }),
      final: t.boolean({ nullable: false, description: 'Nothing more will change.', resolve: (v) => v.state.final }),
      progress: t.field({
        type: jobProgress,
        nullable: true,
        description: 'The latest progress it reported, if any.',
        resolve: (v) => v.state.progress,
      }),
      resultMapService: t.field({
        type: resultMapService,
        nullable: true,
        description: 'Where the results are drawn, once SUCCEEDED, when the service has a result map service; else null.',
        resolve: (v) => (v.state.status === 'SUCCEEDED' ? (v.resultMap ?? null) : null),
      }),
      messages: t.field({
        type: [messages.gpMessage],
        nullable: false,
        description: 'Every message so far.',
        resolve: (v) => v.state.messages,
      }),
      newMessages: t.field({
        type: [messages.gpMessage],
        nullable: false,
        description: 'Messages since the previous event of this subscription (all of them on a query).',
        resolve: (v) => v.newMessages,
      }),
      fault: t.field({
        type: jobFault,
        nullable: true,
        description: 'Why the gateway cannot follow it now, or why it vanished; null while all is well.',
        resolve: (v) => v.state.fault,
      }),
      submittedAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When it was submitted through the gateway; null for a job submitted elsewhere.',
        resolve: (v) => v.state.submission?.submittedAt ?? null,
      }),
      deadline: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the gateway cancels it and ends it TIMED_OUT if it still runs (`deadlineSeconds`); null without one.',
        resolve: (v) => v.state.submission?.deadline ?? null,
      }),
    }),
  });
  const jobSubscriber = builder.inputType('JobSubscriberInput', {
    description:
      "Where the gateway POSTs the job's events, signed as Standard Webhooks says (OGC API – Processes' `subscriber`; README › Webhooks). Each optional.",
    fields: (t) => ({
      successUri: t.string({ description: 'Called once when the job succeeds.' }),
      failedUri: t.string({ description: 'Called once when the job fails, times out, is cancelled or vanishes upstream.' }),
      inProgressUri: t.string({
        description: 'Called when the running job changes (status, progress, new messages, a fault): at most once per poll.',
      }),
    }),
  });
  return { jobStatus, gpJob, node, jobSubscriber, jobProgress, jobFault };
}
