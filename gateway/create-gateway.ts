import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { useDeferStream } from '@graphql-yoga/plugin-defer-stream';
import { useMultipartSubscriptions } from './http/multipart-subscriptions.js';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { createYoga, type Plugin } from 'graphql-yoga';
import { buildGatewaySchema } from '../schema/build-gateway-schema.js';
import type { GatewayContext } from '../schema/context.js';
import { LruCache } from '../core/lru-cache.js';
import { createResultLoader } from '../resolvers/result-loader.js';
import { loadCatalog, type ServiceSource } from './arcgis/catalog-loader.js';
import { createRestClient } from './arcgis/rest-client.js';
import { uploadFetch } from './arcgis/upload-fetch.js';
import { guardForSources } from './arcgis/url-guard.js';
import { createAuthorizedClients } from './auth/authorized-clients.js';
import { tokenFromConnectionParams, tokenFromHeaders } from './auth/caller-token.js';
import { credentialOf, GATEWAY_CREDENTIAL } from '../core/credential.js';
import { serverTokensFor, type ServerCredentialEntry } from './auth/server-tokens.js';
import { graphiqlTabs } from './graphql/graphiql-tabs.js';
import { limitPlugins, resolveGraphqlLimits, type GraphqlLimits } from './graphql/limits.js';
import { maskError } from './graphql/mask-error.js';
import { DEFAULT_RUN_DEADLINE_MS } from '../schema/offline-deps.js';
import { documentCaches } from './graphql/document-cache.js';
import { useLiveSchema } from './graphql/use-live-schema.js';
import { SubscriptionBudget } from './graphql/subscription-budget.js';
import { useCallerSubscriptionBudget, useSubscriptionBudget } from './graphql/use-subscription-budget.js';
import { attachGraphqlWs } from './graphql/websocket.js';
import { isOriginAllowed, useVaryOrigin, yogaCors, type CorsPolicy } from './http/cors.js';
import { serveHealth } from './http/health.js';
import { serveDemo } from './http/serve-demo.js';
import { useCsrfPrevention } from './http/use-csrf-prevention.js';
import { isMultipart, useMultipartRequests } from './http/use-multipart-requests.js';
import { useRequestBodyLimit } from './http/use-request-body-limit.js';
import { useValidGetParams } from './http/use-valid-get-params.js';
import { systemClock, type Clock } from '../core/clock.js';
import { pollingFetcher, statusFetcher } from './jobs/credentialed-status.js';
import { createGatewayJobOperations } from './jobs/gateway-job-operations.js';
import { JobAccessCheck } from './jobs/job-access.js';
import { createKeptJobs } from './jobs/kept-jobs.js';
import { tellingWrites } from './jobs/written-states.js';
import { createWebhooks } from './webhooks/create-webhooks.js';
import { jobDeliveries } from './webhooks/job-deliveries.js';
import { jobUrl } from './arcgis/job-status-response.js';
import { JobCredentials } from './jobs/job-credentials.js';
import { JobHub, type JobDriver } from './jobs/job-hub.js';
import { isWorkflowRef } from '../core/workflows/workflow-state.js';
import { createWorkflowDriver } from './workflows/workflow-driver.js';
import { createStepUpstream } from './workflows/step-upstream.js';
import { createWorkflowOperations } from './workflows/gateway-workflow-operations.js';
import { createJobBackend } from './jobs/job-backend.js';
import type { MemoryJobStoreOptions } from './jobs/job-store.js';
import type { PollTuning } from './jobs/poll-interval.js';
import { LiveSchema } from './live-schema.js';
import { silentLogger, type Logger } from './log/logger.js';
import { yogaLogger } from './log/yoga-logger.js';
import { limitRepeats } from './log/repeat-limited.js';
import { useRequestLog } from './log/use-request-log.js';
import { createGatewayMetrics } from './metrics/gateway-metrics.js';
import { serveMetrics } from './metrics/serve-metrics.js';
import { useGraphqlMetrics } from './metrics/use-graphql-metrics.js';
import { createUpstreamExecute } from './upstream-execute.js';
import { createUpstreamResults } from './upstream-results.js';
import { createUpstreamUploads } from './upstream-uploads.js';
import { FileLinks, type FileSource } from '../core/files/file-links.js';
import { serveFiles } from './http/serve-files.js';
import { Drain, type DrainReport } from './lifecycle/drain.js';
import { CallerAccess, type ApiKeyEntry } from './auth/caller-access.js';
import { createCallerLimits } from './auth/caller-limits.js';
import { callerGuard, type CallerGuard } from './http/guard-callers.js';
import { JwtCallers, type JwtSettings } from './auth/jwt-callers.js';
import { usePrivateUpstream } from './graphql/use-private-upstream.js';
import { useMaskedIncrementalErrors } from './graphql/incremental-errors.js';
import { plainPostDoor } from './http/plain-post-door.js';
import { useSharedSubscriptionEvents } from './graphql/use-shared-subscription-events.js';
import type { Tracer } from '@opentelemetry/api';
import { tracedCall } from './telemetry/traced-call.js';
import { FETCH_CALL, TRANSPORT_CALL, type UpstreamCall, type UpstreamCallShape } from './arcgis/upstream-call.js';
import { undiciTransport } from './arcgis/undici-transport.js';
import { tracedPolls } from './telemetry/traced-polls.js';
import { useTracing } from './telemetry/use-tracing.js';
import { useNoIntrospection } from './graphql/use-no-introspection.js';
import { createRunCache, type RunCacheSettings } from './run-cache/run-cache.js';
import { useRunCacheExtensions } from './run-cache/use-run-cache-extensions.js';
import { createApqStore, type ApqStoreLimits } from './graphql/persisted/apq-store.js';
import { createDocumentSource } from './graphql/persisted/document-source.js';
import { loadTrustedDocuments } from './graphql/persisted/trusted-documents.js';
import { useDocumentSource } from './graphql/persisted/use-document-source.js';

export interface GatewayOptions {
  readonly sources: readonly ServiceSource[];
  /** Re-introspect every N seconds and swap in the new schema; off when absent. */
  readonly refreshSeconds?: number;
  /** Budget of one upstream request. Default 60 s (synchronous tasks may compute for a while). */
  readonly upstreamTimeoutMs?: number;
  /** Introspection requests in flight at once. Default 8. */
  readonly introspectionConcurrency?: number;
  /** First retry delay for services that failed introspection (doubling up to 60 s). Default 2 s. */
  readonly retryMs?: number;
  /** Job polling: floor, ceiling, growth, jitter, error backoff cap (see gateway/jobs/poll-interval.ts). */
  readonly polling?: PollTuning & { readonly graceMs?: number; readonly faultAfter?: number };
  /** How long `run<Task>` of an asynchronous task waits for the job. Default 60 s. */
  readonly runDeadlineMs?: number;
  /** Bytes of finished-job results kept across requests. Default 64 MiB. */
  readonly resultCacheBytes?: number;
  /** Limits on operations, request bodies and subscriptions (README › Security › Limits); defaults in `gateway/graphql/limits.ts`. */
  readonly limits?: Partial<GraphqlLimits>;
  /** Other origins whose pages may call the gateway; default none (same origin only). */
  readonly cors?: CorsPolicy;
  /**
   * Who may call (README › Security › Access control): API keys by SHA-256 and/or JWTs of an identity
   * provider (neither: access control off), operations per minute per caller, and introspection
   * (default: on without access control, off with it; GraphiQL goes with it).
   */
  readonly access?: {
    readonly apiKeys?: readonly ApiKeyEntry[];
    readonly jwt?: JwtSettings;
    readonly operationsPerMinute?: number;
    /** Callers (API key ids, `jwt:<claim>`) who see upstream URLs although `exposeUpstreamUrls` is false: operators. */
    readonly upstreamUrlCallers?: readonly string[];
    /** Jobs one caller may have running at once (submitted through this instance). */
    readonly concurrentJobsPerCaller?: number;
    /** Subscriptions one caller may run at once, over both transports. */
    readonly subscriptionsPerCaller?: number;
    readonly introspection?: boolean;
  };
  /** Scale-out: job state, notices, leases and idempotency keys in this Redis (README › Scale-out). */
  readonly redisUrl?: string;
  /** Caps of the in-memory job store: finished jobs kept (default 10,000) and their bytes (default 32 MiB); oldest finished go first. */
  readonly jobStore?: Pick<MemoryJobStoreOptions, 'maxFinished' | 'maxFinishedBytes' | 'finishedTtlMs'>;
  /** Job lease period in scale-out mode. Default 10 s. */
  readonly leaseMs?: number;
  /** Job deadlines in seconds: given to jobs submitted without one, and the most a caller may ask (README › Jobs). */
  readonly deadlines?: { readonly defaultSeconds?: number; readonly maxSeconds?: number };
  /** Workflows (README › Workflows): origins whose job results every configured server can read itself, so hand-overs from them go by reference. */
  readonly workflows?: { readonly referenceOrigins?: readonly string[] };
  /** Job webhooks (README › Webhooks): without a `secret`, a submit with a subscriber is refused. */
  readonly webhooks?: {
    readonly secret?: string;
    readonly allowedOrigins?: readonly string[];
    readonly timeoutSeconds?: number;
    readonly retryForSeconds?: number;
  };
  /** Largest file of a GraphQL multipart request (uploads). Default 100 MiB. */
  readonly maxUploadBytes?: number;
  /** Where the files of multipart requests wait while their request runs. Default: a new temporary folder, removed on dispose. */
  readonly uploadDir?: string;
  /** Signs `/files/<id>` links; give instances of one deployment the same secret. Default: one drawn per process. */
  readonly filesSecret?: string;
  /** Show `FileReference.upstreamUrl` (the GPServer's own URL). Default true; false keeps upstream hosts private. */
  readonly exposeUpstreamUrls?: boolean;
  /** Server credentials by service URL or services root URL (README › Security › Credentials). */
  readonly serverCredentials?: readonly ServerCredentialEntry[];
  /** Every time the gateway reads or waits on (polling, leases, TTLs, token renewal, refresh). Default the system's. */
  readonly clock?: Clock;
  readonly fetch?: typeof fetch;
  readonly log?: Logger;
  /**
   * Spans for each GraphQL operation, upstream request and job poll (README › Operations › Tracing);
   * none without. The CLI's `--otel-endpoint` makes one that exports over OTLP (telemetry/start-tracing.ts).
   */
  readonly tracer?: Tracer;
  /**
   * Answer plain JSON `POST /graphql` without an `Origin` on `node:http` through the same envelop
   * (http/plain-post-door.ts). Default true; false sends every request through Yoga's Fetch API.
   */
  readonly plainPostDoor?: boolean;
  /** Synchronous tasks whose answers are reused for identical runs (README › Cached runs); none when absent. */
  readonly runCache?: RunCacheSettings;
  /** Bounds of the automatic persisted queries' store (README › Persisted queries). */
  readonly persistedQueries?: ApqStoreLimits;
  /**
   * Trusted documents (README › Persisted queries): the manifest codegen's client preset writes
   * (`persisted-documents.json`); with `only`, nothing else runs, except for `adHocCallers` and, where
   * introspection is allowed, introspection.
   */
  readonly trustedDocuments?: { readonly file: string; readonly only?: boolean; readonly adHocCallers?: readonly string[] };
  /** Envelop or Yoga plugins of your own, run on every door (HTTP, SSE, multipart, plain POST, WebSocket). */
  readonly plugins?: readonly Plugin[];
}

export interface Gateway {
  /** A `node:http` request listener: `/graphql` (GraphiQL, HTTP, SSE), `/healthz`, `/readyz`, `/metrics`. */
  readonly handler: (req: IncomingMessage, res: ServerResponse) => void;
  /** Adds GraphQL over WebSocket (`graphql-transport-ws`) on `/graphql` of the server. */
  attachWebSockets(server: Server): void;
  /**
   * GraphQL over the Fetch API in process (`/graphql` only: no health, metrics, files or WebSocket),
   * for embedding and for tests that are not about a transport.
   */
  fetch(url: string, init?: RequestInit): Promise<Response>;
  /**
   * Stops gracefully (gateway/lifecycle/drain.ts): not ready, new requests refused, running operations
   * finish (at most `timeoutMs`, default 30 s), subscriptions end with a reason to reconnect. Then close
   * the HTTP server and `dispose()`.
   */
  drain(timeoutMs?: number, delayMs?: number): Promise<DrainReport>;
  readonly live: LiveSchema;
  readonly hub: JobHub;
  dispose(): Promise<void>;
}

/** Files one multipart request may carry. */
const MAX_UPLOAD_FILES = 10;

/** Introspects the sources once (never failing on a bad one) and returns the gateway. */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const clock = options.clock ?? systemClock;
  // Read first: a broken manifest stops the start before anything is opened.
  const trustedDocuments = options.trustedDocuments && (await loadTrustedDocuments(options.trustedDocuments.file));
  // Repeated warnings and errors are limited per message (gateway/log/repeat-limited.ts).
  const log = limitRepeats(options.log ?? silentLogger, { clock });
  const metrics = createGatewayMetrics();
  const { tracer } = options;
  // Spans around each upstream call, whichever way it is sent, when tracing is on.
  const traced = <A extends unknown[], R extends { readonly status: number }>(
    inner: UpstreamCall<A, R>,
    shape: UpstreamCallShape<A>,
  ): UpstreamCall<A, R> => (tracer ? tracedCall(inner, shape, tracer) : inner);
  const pool = options.fetch ? undefined : undiciTransport();
  const http = {
    timeoutMs: options.upstreamTimeoutMs ?? 60_000,
    // Files and uploads go through fetch; form and query requests through undici, unless a fetch is injected.
    fetch: traced(metrics.meterFetch(options.fetch ?? ((input, init) => fetch(input, init))), FETCH_CALL),
    uploadFetch: traced(metrics.meterFetch(uploadFetch), FETCH_CALL),
    transport: pool && traced(metrics.meterTransport(pool), TRANSPORT_CALL),
  };
  // Requests go only under the configured services; token endpoints are configured too, but live elsewhere.
  const client = createRestClient({ ...http, guard: guardForSources(options.sources) });
  const tokenClient = createRestClient(http);
  const clients = createAuthorizedClients(client, serverTokensFor(options.serverCredentials ?? [], tokenClient, clock));
  const fetchAs = statusFetcher(clients);
  const credentials = new JobCredentials(undefined, clock);
  const backend = createJobBackend(options.redisUrl, log, clock, {
    ...options.jobStore,
    onEvict: metrics.jobEvicted,
    onForget: (key) => {
      credentials.forgetKey(key);
    },
  });
  const webhooks = createWebhooks({
    secret: options.webhooks?.secret,
    allowedOrigins: options.webhooks?.allowedOrigins,
    redis: backend.client,
    ...(options.webhooks?.timeoutSeconds === undefined ? {} : { timeoutMs: options.webhooks.timeoutSeconds * 1000 }),
    ...(options.webhooks?.retryForSeconds === undefined ? {} : { retryForMs: options.webhooks.retryForSeconds * 1000 }),
    clock,
    log,
    metrics: metrics.webhooks,
  });
  // Events come from the instance that stored each change: once per change across instances.
  const store = tellingWrites(backend.store, (state) => {
    const deliveries = jobDeliveries(state, clock.now());
    if (deliveries.length === 0) return;
    webhooks.enqueue(deliveries).catch((error: unknown) => {
      log.error('webhook events could not be queued', {
        count: deliveries.length,
        error: error instanceof Error ? error.message : String(error),
      });
    });
  });
  // A workflow is driven, not polled; its driver needs the hub it runs in (see below).
  const workflowDriver: { drive?: JobDriver } = {};
  const hub = new JobHub({
    ...options.polling,
    driverFor: (ref) => (isWorkflowRef(ref) ? workflowDriver.drive : undefined),
    fetchStatus: tracer ? tracedPolls(pollingFetcher(fetchAs, credentials), tracer) : pollingFetcher(fetchAs, credentials),
    store,
    lease: backend.lease,
    leaseMs: options.leaseMs,
    // With the job's own credential, as its polls: the caller that set the deadline may be gone.
    cancelUpstream: async (ref, signal) => {
      await clients(credentials.get(ref)).postForm(`${jobUrl(ref)}/cancel`, {}, { signal });
    },
    clock,
    log,
    metrics: metrics.jobs,
  });
  metrics.observeJobs(hub);
  const drain = new Drain();
  const jwtSettings = options.access?.jwt;
  const callerAccess = new CallerAccess(options.access?.apiKeys ?? [], jwtSettings && new JwtCallers(jwtSettings, clock));
  const { bearerIsCaller } = callerAccess;
  const upstreamUrlCallers = new Set(options.access?.upstreamUrlCallers ?? []);
  const introspection = options.access?.introspection ?? !callerAccess.enabled;

  // Shared by every instance through Redis in scale-out mode (README › Scale-out).
  const callerLimits = createCallerLimits(options.access ?? {}, options.redisUrl, log, clock);
  const guard: CallerGuard = {
    access: callerAccess,
    limiter: callerLimits.rate,
    graphiql: introspection,
    draining: () => drain.refusing,
    log,
    clock,
  };
  const callers = callerGuard(guard);

  const kept = createKeptJobs(hub, { set: backend.keptSet, clock, log, rescanMs: options.leaseMs ?? 10_000 });
  const jobs = createGatewayJobOperations({
    clients,
    hub,
    fetchAs,
    credentials,
    access: new JobAccessCheck({ fetchAs, credentials, grants: backend.grants }),
    idempotency: backend.idempotency,
    shutdown: drain.shutdown,
    concurrentJobsPerCaller: options.access?.concurrentJobsPerCaller,
    callerJobSlots: callerLimits.jobSlots,
    jobList: backend.jobList,
    kept,
    deadlines: options.deadlines,
    log,
    checkSubscriber: (subscriber) => {
      webhooks.check(subscriber);
    },
    clock,
  });
  const execute = createUpstreamExecute(clients);
  const uploads = createUpstreamUploads(clients);
  workflowDriver.drive = createWorkflowDriver({
    store,
    hub: () => hub,
    upstream: createStepUpstream(clients, execute, uploads),
    idempotency: backend.idempotency,
    credentialOf: (ref) => credentials.get(ref),
    rememberCredential: (ref, credential) => {
      credentials.remember(ref, credential);
    },
    clock,
    log,
  });
  const workflows = createWorkflowOperations({
    hub,
    admit: (caller, submit) => jobs.admit(caller, submit),
    credentials,
    idempotency: backend.idempotency,
    jobList: backend.jobList,
    kept,
    deadlines: options.deadlines,
    checkSubscriber: (subscriber) => {
      webhooks.check(subscriber);
    },
    clock,
    log,
  });
  const runCache =
    options.runCache &&
    createRunCache(options.runCache, {
      execute,
      redis: backend.client,
      clock,
      log,
      count: (result) => {
        metrics.runCacheRequests.inc({ result });
      },
    });
  const deps = {
    execute,
    cachedExecute: runCache?.executeFor,
    jobs,
    runDeadlineMs: options.runDeadlineMs ?? DEFAULT_RUN_DEADLINE_MS,
    uploads,
    workflows,
    workflowReferenceOrigins: options.workflows?.referenceOrigins,
    privateUpstream: options.exposeUpstreamUrls === false,
  };
  const fetchResult = createUpstreamResults(clients);
  const links = new FileLinks(options.filesSecret, undefined, clock);
  const resultCache = new LruCache<unknown>(options.resultCacheBytes ?? 64 * 1024 * 1024, (value) => JSON.stringify(value).length);
  const live = new LiveSchema({
    load: () =>
      loadCatalog(options.sources, {
        client: clients(GATEWAY_CREDENTIAL),
        concurrency: options.introspectionConcurrency ?? 8,
        log: {
          info: (m) => {
            log.info(m);
          },
          warn: (m) => {
            log.warn(m);
          },
        },
      }),
    build: (catalog) => buildGatewaySchema(catalog, deps),
    log,
    refreshMs: options.refreshSeconds === undefined ? undefined : options.refreshSeconds * 1000,
    retryMs: options.retryMs ?? 2_000,
    maxRetryMs: 60_000,
    clock,
  });
  await live.refresh();
  runCache?.check(live.catalog);
  // Suggestions would spell out the schema that introspection keeps to itself.
  const limits = resolveGraphqlLimits(introspection ? options.limits : { ...options.limits, blockFieldSuggestions: true });
  const subscriptions = new SubscriptionBudget(limits.maxSubscriptions);
  const uploadDir = options.uploadDir ?? mkdtempSync(join(tmpdir(), 'gpgw-uploads-'));
  const maxUploadBytes = options.maxUploadBytes ?? 100 * 1024 * 1024;
  const requestLog = useRequestLog(log);
  const documentSource = createDocumentSource({
    apq: createApqStore(backend.client, options.persistedQueries, log),
    trusted: trustedDocuments && {
      documents: trustedDocuments,
      only: options.trustedDocuments.only ?? false,
      adHocCallers: options.trustedDocuments.adHocCallers,
    },
    introspection,
    maxTokens: limits.maxTokens,
  });
  const yoga = createYoga<{ req?: IncomingMessage }, GatewayContext>({
    plugins: [
      // Counted from the start, refused requests included, so every onResponse has its onRequest.
      drain.plugin,
      // Before anything reads the request: a refused caller's upload body is never read.
      callers.plugin,
      useLiveSchema(() => live.schema),
      // Before any other `onParams`: the others see the document's text, and Yoga's check finds a query.
      useDocumentSource(documentSource, (request) => callers.callerOf(request, undefined)),
      // Incremental delivery: its validation rules (the directives are in the built schema).
      useDeferStream(),
      // Before anything that wraps `subscribe`: it replaces the executor's subscribe with a shared one.
      useSharedSubscriptionEvents(),
      ...(tracer ? [useTracing(tracer)] : []),
      requestLog,
      usePrivateUpstream(),
      // After it: the hidden URLs are masked with the rest.
      useMaskedIncrementalErrors(maskError),
      useGraphqlMetrics(metrics),
      useRunCacheExtensions(),
      ...(introspection ? [] : [useNoIntrospection()]),
      ...(callerLimits.subscriptions ? [useCallerSubscriptionBudget(callerLimits.subscriptions)] : []),
      useCsrfPrevention(),
      useValidGetParams(),
      useMultipartRequests({
        dir: uploadDir,
        maxFileBytes: maxUploadBytes,
        maxFiles: MAX_UPLOAD_FILES,
        maxFieldBytes: limits.maxRequestBodyBytes,
      }),
      useVaryOrigin(options.cors),
      ...limitPlugins(limits),
      useSubscriptionBudget(subscriptions),
      // Subscriptions over one multipart HTTP response, as Apollo Client's HttpLink asks by default.
      useMultipartSubscriptions(),
      ...(options.plugins ?? []),
      // Last: it wraps whichever request parser was chosen.
      useRequestBodyLimit((request) =>
        isMultipart(request) ? MAX_UPLOAD_FILES * maxUploadBytes + limits.maxRequestBodyBytes : limits.maxRequestBodyBytes,
      ),
    ],
    graphqlEndpoint: '/graphql',
    landingPage: false,
    cors: yogaCors(options.cors),
    // use-request-body-limit applies it, with room for uploads in multipart requests.
    maxRequestBodySize: false,
    // Yoga's own multipart parser holds files in memory: use-multipart-requests streams them to disk instead.
    multipart: false,
    maskedErrors: { maskError },
    parserAndValidationCache: documentCaches(),
    // Over WebSocket there is no fetch Request: the operation's own lifetime bounds its upstream calls.
    context: ({ request, connectionParams, socket }: { request?: Request; connectionParams?: unknown; socket?: unknown }) => {
      const signal = request?.signal;
      const caller = callers.callerOf(request, socket);
      const credential = credentialOf(
        request ? tokenFromHeaders(request.headers, bearerIsCaller) : tokenFromConnectionParams(connectionParams, bearerIsCaller),
      );
      // Over HTTP the links are absolute (a page of another origin can follow them); over WebSocket, relative.
      const origin = request ? new URL(request.url).origin : '';
      return {
        files: {
          // With access control a link is a short-lived capability of this caller (http/serve-files.ts).
          link: (url: string, source: FileSource) => `${origin}/files/${links.id(url, source, callerAccess.enabled ? caller : undefined)}`,
        },
        showUpstream: options.exposeUpstreamUrls !== false || upstreamUrlCallers.has(caller),
        upstreamInErrors: upstreamUrlCallers.has(caller),
        signal,
        credential,
        caller,
        results: createResultLoader((key, keySignal) => fetchResult(key, credential, keySignal), resultCache, signal),
      };
    },
    graphiql: introspection ? () => ({ title: 'gp-graphql-gateway', defaultTabs: graphiqlTabs(live.schema) }) : false,
    // GraphiQL's bundle inlined in the page: no CDN, so it works where the gateway has no internet.
    renderGraphiQL,
    logging: yogaLogger(log),
  });
  const closers: (() => Promise<void>)[] = [];
  const door =
    // The door runs envelop's hooks only: an operator's plugins may hook Yoga's request phases too.
    options.plainPostDoor === false || (options.plugins?.length ?? 0) > 0
      ? undefined
      : plainPostDoor({
          yoga,
          admit: (key, request) => callers.admit(key, request),
          carryOver: (admitted, request) => {
            callers.carryOver(admitted, request);
          },
          maxBodyBytes: limits.maxRequestBodyBytes,
          documentSource,
          callerOf: (request) => callers.callerOf(request as Request, undefined),
          headers: (options.cors?.origins.length ?? 0) > 0 ? { vary: 'Origin' } : {},
          requestIdOf: (request) => requestLog.requestIdOf(request),
          maskError: (error, message) => maskError(error, message),
          log,
          count: (answered) => {
            metrics.httpRequests.inc({ door: answered });
          },
        });
  const files = serveFiles({ links, jobs, credentials, clients, log, bearerIsCaller, access: callerAccess });
  return {
    handler: (req, res) => {
      if (serveHealth(req, res, () => ({ schema: live.ready ? 'ready' : 'starting', redis: backend.redis(), draining: drain.draining })))
        return;
      if (serveMetrics(req, res, metrics)) return;
      if (drain.refuse(req, res)) return;
      if (serveDemo(req, res, options.sources)) return;
      if (files(req, res)) {
        drain.track(res);
        return;
      }
      if (door?.(req, res)) {
        drain.track(res);
        return;
      }
      metrics.httpRequests.inc({ door: 'yoga' });
      yoga.requestListener(req, res);
    },
    attachWebSockets: (server) => {
      closers.push(
        attachGraphqlWs(server, yoga, {
          connectionInitWaitTimeoutMs: limits.connectionInitWaitTimeoutMs,
          maxSubscriptionsPerConnection: limits.maxSubscriptionsPerConnection,
          maxPayloadBytes: limits.maxRequestBodyBytes,
          documentSource,
          callerOf: (socket) => callers.callerOf(undefined, socket),
          isOriginAllowed: (origin, host) => isOriginAllowed(origin, host, options.cors),
          ...callers.ws,
          refuseConnections: () => drain.refusing,
          log,
        }),
      );
    },
    fetch: async (url, init = {}) => yoga.fetch(new URL(url), init),
    drain: (timeoutMs = 30_000, delayMs = 0) =>
      drain.run({
        timeoutMs,
        delayMs,
        clock,
        log,
        endSubscriptions: async () => {
          await Promise.all(closers.splice(0).map((close) => close()));
        },
      }),
    live,
    hub,
    dispose: async () => {
      live.dispose();
      await Promise.all(closers.map((close) => close()));
      await kept.close();
      await webhooks.close();
      await hub.dispose();
      await backend.close();
      await callerLimits.close();
      await yoga.dispose();
      await pool?.close();
      if (options.uploadDir === undefined) await rm(uploadDir, { recursive: true, force: true });
    },
  };
}
