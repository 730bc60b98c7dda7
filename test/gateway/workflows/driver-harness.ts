/**
 * A workflow driver in a real JobHub over a memory store, with a fake StepUpstream the test controls.
 * The hub is disposed after each test.
 */
import { afterEach } from 'vitest';
import { systemClock } from '../../../core/clock.js';
import { GATEWAY_CREDENTIAL } from '../../../core/credential.js';
import type { JobRef } from '../../../core/jobs/job-state.js';
import { isWorkflowRef, isWorkflowState, workflowRef, type StepPlan, type WorkflowState } from '../../../core/workflows/workflow-state.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from '../../../gateway/jobs/idempotency.js';
import { JobHub } from '../../../gateway/jobs/job-hub.js';
import { createMemoryJobStore, jobKey, type JobStore } from '../../../gateway/jobs/job-store.js';
import { stateFromUpstream } from '../../../gateway/jobs/state-from-upstream.js';
import { silentLogger } from '../../../gateway/log/logger.js';
import type { StepUpstream } from '../../../gateway/workflows/step-upstream.js';
import { createWorkflowDriver } from '../../../gateway/workflows/workflow-driver.js';
import { summarised } from '../../../gateway/workflows/workflow-steps.js';

const hubs: JobHub[] = [];
afterEach(async () => {
  await Promise.all(hubs.splice(0).map((hub) => hub.dispose()));
});

export const SERVICE = 'https://gis.example.com/arcgis/rest/services/Tools/GPServer';

export function asyncStep(id: string, from?: string): StepPlan {
  return {
    id,
    serviceUrl: SERVICE,
    serviceLabel: 'Tools',
    task: 'Relay',
    execution: 'asynchronous',
    params: {},
    bindings: from ? [{ input: 'Zones', fromStep: from, output: 'Features', kind: 'FEATURES', mode: 'REFERENCE' }] : [],
  };
}

export function syncStep(id: string, from?: string): StepPlan {
  return {
    ...asyncStep(id, from),
    task: 'Echo',
    execution: 'synchronous',
    bindings: from ? [{ input: 'Value', fromStep: from, output: 'Out', kind: 'VALUE', mode: 'VALUE' }] : [],
  };
}

export function initialState(id: string, steps: StepPlan[], extra: Partial<WorkflowState> = {}): WorkflowState {
  return summarised({
    ref: workflowRef(id),
    status: 'SUBMITTED',
    upstreamStatus: 'SUBMITTED',
    progress: undefined,
    messages: [],
    results: undefined,
    fault: undefined,
    version: 0,
    final: false,
    submission: { owner: 'gateway', lister: 'l', service: 'workflows', submittedAt: Date.now() },
    workflow: { steps: steps.map((plan) => ({ ...plan, status: 'PENDING', messages: [] })) },
    ...extra,
  });
}

export interface Harness {
  readonly store: JobStore;
  readonly hub: JobHub;
  /** Every put through the store: all of them, the workflow's own, and those lost to another writer (a stale version). */
  readonly puts: { count: number; workflowPuts: number; lost: number };
  /** Starts the workflow's driver (a watcher joins its loop); returns the leave. */
  drive(ref: JobRef): () => void;
  read(ref: JobRef): Promise<WorkflowState>;
}

/** Step jobs' statuses come from `jobStatus` (never resolving when it returns undefined: the test seeds instead). */
export function harness(options: {
  upstream: StepUpstream;
  store?: JobStore;
  idempotency?: IdempotencyStore;
  jobStatus?: (ref: JobRef) => string | Error | undefined;
  wrapStore?: (store: JobStore) => JobStore;
}): Harness {
  const base = options.store ?? createMemoryJobStore();
  const puts = { count: 0, workflowPuts: 0, lost: 0 };
  const counted: JobStore = {
    get: (key) => base.get(key),
    subscribe: (key, listener) => base.subscribe(key, listener),
    async put(state) {
      puts.count++;
      if (isWorkflowRef(state.ref)) puts.workflowPuts++;
      const ok = await base.put(state);
      if (!ok) puts.lost++;
      return ok;
    },
  };
  const store = options.wrapStore ? options.wrapStore(counted) : counted;
  const idempotency = options.idempotency ?? createMemoryIdempotencyStore();
  const driver = createWorkflowDriver({
    store,
    // Asked for only once the driver runs, inside the hub below.
    hub: () => hub,
    upstream: options.upstream,
    idempotency,
    credentialOf: () => GATEWAY_CREDENTIAL,
    rememberCredential: () => undefined,
    clock: systemClock,
    log: silentLogger,
  });
  const hub: JobHub = new JobHub({
    store,
    clock: systemClock,
    floorMs: 20,
    ceilingMs: 20,
    jitter: 0,
    graceMs: 10,
    driverFor: (ref) => (isWorkflowRef(ref) ? driver : undefined),
    fetchStatus: (ref, signal) => {
      const status = options.jobStatus?.(ref);
      if (status instanceof Error) return Promise.reject(status);
      if (status !== undefined) return Promise.resolve({ status, messages: [] });
      return new Promise((_resolve, reject) => {
        signal.addEventListener('abort', () => {
          reject(new Error('aborted'));
        });
      });
    },
  });
  hubs.push(hub);
  return {
    store,
    hub,
    puts,
    drive: (ref) => hub.watch(ref, () => undefined),
    read: async (ref) => {
      const state = await base.get(jobKey(ref));
      if (!state || !isWorkflowState(state)) throw new Error(`no workflow ${ref.jobId} in the store`);
      return state;
    },
  };
}

/** An upstream whose submits answer at once with a new job id; executes answer at once with `Out`. */
export function instantUpstream(overrides: Partial<StepUpstream> = {}): StepUpstream & { submits: string[]; executes: string[] } {
  const submits: string[] = [];
  const executes: string[] = [];
  let n = 0;
  return {
    submits,
    executes,
    submit(target) {
      n++;
      submits.push(`j${n}`);
      return Promise.resolve(
        stateFromUpstream(
          { serviceUrl: target.serviceUrl, task: target.task, jobId: `j${n}` },
          { status: 'esriJobSubmitted', messages: [] },
        ),
      );
    },
    execute(target) {
      executes.push(target.task);
      return Promise.resolve({ values: new Map([['Out', 1]]), messages: [] });
    },
    cancel: (ref) => Promise.resolve(stateFromUpstream(ref, { status: 'esriJobCancelled', messages: [] })),
    result: () => Promise.resolve({ features: [] }),
    copyFile: () => Promise.resolve('item'),
    ...overrides,
  };
}

/** An upstream cancel that the server takes at once, recording the job ids it was asked to cancel in `cancels`. */
export function recordedCancel(cancels: string[]): StepUpstream['cancel'] {
  return (ref) => {
    cancels.push(ref.jobId);
    return Promise.resolve(stateFromUpstream(ref, { status: 'esriJobCancelled', messages: [] }));
  };
}

export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, what: string, ms = 5_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value, null, 1).slice(0, 3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Drives the workflow until it ends; its final state. */
export async function driveToEnd(h: Harness, ref: JobRef): Promise<WorkflowState> {
  const leave = h.drive(ref);
  try {
    return await waitFor(
      () => h.read(ref),
      (s) => s.final,
      'the end',
    );
  } finally {
    leave();
  }
}
