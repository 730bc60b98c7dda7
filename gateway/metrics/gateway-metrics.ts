/**
 * The gateway's Prometheus metrics, in a registry of its own per gateway instance (never prom-client's
 * global one: several gateways in one process, as in the tests, must not share series).
 * README › Operations lists them.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { JobHubMetrics } from '../jobs/job-hub.js';
import { meteredCall } from './metered-call.js';
import { FETCH_CALL, TRANSPORT_CALL } from '../arcgis/upstream-call.js';
import type { UpstreamTransport } from '../arcgis/upstream-transport.js';
import type { WebhookMetrics } from '../webhooks/webhook-outbox.js';

const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const JOB_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600];

/** What the gauges read at scrape time: counted where the state lives, so they cannot drift. */
export interface JobGaugeSource {
  /** Jobs whose poll loop runs on this instance. */
  readonly polling: number;
  /** Subscribers watching jobs on this instance. */
  readonly watchers: number;
}

export interface GatewayMetrics {
  readonly registry: Registry;
  readonly graphqlRequests: Counter<'operation_type'>;
  readonly graphqlErrors: Counter<'code'>;
  /** HTTP requests by the door that answered them: `plain` (node:http, http/plain-post-door.ts) or `yoga`. */
  readonly httpRequests: Counter<'door'>;
  /** Runs of cached tasks (README › Cached runs): `hit`, `miss` (sent upstream) or `bypass` (files uploaded for the run). */
  readonly runCacheRequests: Counter<'result'>;
  /** The hook object of the job hub (polls, final statuses). */
  readonly jobs: JobHubMetrics;
  /** Wraps the upstream fetch: `gpgw_upstream_requests_total` and `gpgw_upstream_request_seconds`. */
  meterFetch(inner: typeof fetch): typeof fetch;
  meterTransport(inner: UpstreamTransport): UpstreamTransport;
  /** A finished job's state dropped from the in-memory store to stay within its caps. */
  readonly jobEvicted: () => void;
  /** Binds the job gauges to the hub once it exists. */
  observeJobs(source: JobGaugeSource): void;
  /** `gpgw_webhook_deliveries_total{outcome}`: delivered, retried, given_up. */
  readonly webhooks: WebhookMetrics;
}

export function createGatewayMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  let jobSource: JobGaugeSource | undefined;

  const upstreamRequests = new Counter({
    name: 'gpgw_upstream_requests_total',
    help: 'Upstream ArcGIS REST requests by endpoint and HTTP status (or network, timeout, aborted).',
    labelNames: ['endpoint', 'status'] as const,
    registers,
  });
  const upstreamSeconds = new Histogram({
    name: 'gpgw_upstream_request_seconds',
    help: 'Upstream request latency until the response headers, by endpoint.',
    labelNames: ['endpoint'] as const,
    buckets: FAST_BUCKETS,
    registers,
  });
  const jobPolls = new Counter({ name: 'gpgw_job_polls_total', help: 'Job status polls made by this instance.', registers });
  const jobPollSeconds = new Histogram({
    name: 'gpgw_job_poll_seconds',
    help: 'Job status poll latency.',
    buckets: FAST_BUCKETS,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'gpgw_job_duration_seconds',
    help: 'Jobs from submission (or first watch) to a final status seen by this instance, by task and status.',
    labelNames: ['task', 'status'] as const,
    buckets: JOB_BUCKETS,
    registers,
  });
  new Gauge({
    name: 'gpgw_active_jobs',
    help: 'Jobs with a poll loop on this instance.',
    registers,
    collect() {
      this.set(jobSource?.polling ?? 0);
    },
  });
  new Gauge({
    name: 'gpgw_job_watchers',
    help: 'Subscribers watching jobs on this instance.',
    registers,
    collect() {
      this.set(jobSource?.watchers ?? 0);
    },
  });

  const evictions = new Counter({
    name: 'gpgw_job_store_evictions_total',
    help: "Finished jobs' states dropped from the in-memory store to stay within its count and byte caps (oldest finished first).",
    registers,
  });

  const webhookDeliveries = new Counter({
    name: 'gpgw_webhook_deliveries_total',
    help: 'Webhook attempts by outcome: delivered (2xx), retried (failed, another attempt scheduled), given_up (failed for good).',
    labelNames: ['outcome'] as const,
    registers,
  });

  return {
    registry,
    webhooks: {
      outcome: (outcome) => {
        webhookDeliveries.inc({ outcome });
      },
    },
    jobEvicted: () => {
      evictions.inc();
    },
    graphqlRequests: new Counter({
      name: 'gpgw_graphql_requests_total',
      help: 'GraphQL operations by type (unknown when the document did not parse or names no operation).',
      labelNames: ['operation_type'] as const,
      registers,
    }),
    graphqlErrors: new Counter({
      name: 'gpgw_graphql_errors_total',
      help: "GraphQL errors sent to clients by extensions.code (GraphQL's own: GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT).",
      labelNames: ['code'] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: 'gpgw_http_requests_total',
      help: 'HTTP requests for GraphQL by the door that answered them: plain (JSON POST on node:http) or yoga.',
      labelNames: ['door'] as const,
      registers,
    }),
    runCacheRequests: new Counter({
      name: 'gpgw_run_cache_requests_total',
      help: 'Synchronous runs of tasks marked for the run cache, by result: hit (no upstream call), miss (sent upstream), bypass (uploaded files).',
      labelNames: ['result'] as const,
      registers,
    }),
    jobs: {
      polled: (seconds) => {
        jobPolls.inc();
        jobPollSeconds.observe(seconds);
      },
      finished: (ref, status, seconds) => {
        jobDuration.observe({ task: ref.task, status }, seconds);
      },
    },
    meterFetch: (inner) => meteredCall(inner, FETCH_CALL, upstreamRequests, upstreamSeconds),
    meterTransport: (inner) => meteredCall(inner, TRANSPORT_CALL, upstreamRequests, upstreamSeconds),
    observeJobs: (source) => {
      jobSource = source;
    },
  };
}
