/**
 * A scripted GPServer for tests: real HTTP on a free loopback port, ArcGIS REST shapes as the embedded
 * GPServer (`gpserver/`) sends them, but every job plays a script of statuses and faults a test chooses,
 * and every request is counted per route and per job (with the most in flight at once).
 * Scripts and step semantics: `scripted-gpserver/script.ts`.
 */
import { afterEach } from 'vitest';
import { Instruments, type ScriptedRoute } from './scripted-gpserver/instruments.js';
import { ASYNC_SERVICE, defaultServices, type ScriptedService, type ScriptedTask } from './scripted-gpserver/metadata.js';
import { SERVICES_PATH } from './scripted-gpserver/routes.js';
import { DEFAULT_CANCEL_SCRIPT, DEFAULT_SCRIPT, type ScriptStep } from './scripted-gpserver/script.js';
import { listen } from './scripted-gpserver/server.js';
import type { AdvanceMode, ScriptedState } from './scripted-gpserver/state.js';

export type { ScriptedRoute } from './scripted-gpserver/instruments.js';
export { ASYNC_SERVICE, SAMPLE_FEATURES, SYNC_SERVICE, gpParameter } from './scripted-gpserver/metadata.js';
export type { ExecutionType, GpParameterJson, ScriptedService, ScriptedTask } from './scripted-gpserver/metadata.js';
export { DEFAULT_CANCEL_SCRIPT, DEFAULT_SCRIPT } from './scripted-gpserver/script.js';
export type { EsriJobStatus } from '../../gp-rest/vocabulary.js';
export type { Fault, GpMessageJson, ProgressJson, ScriptStep } from './scripted-gpserver/script.js';
export type { AdvanceMode } from './scripted-gpserver/state.js';

const disposers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

export interface ScriptedGpServerOptions {
  /** Default: `Jobs/Scripted` (asynchronous, task `Process`) and `Metadata/Sync` (synchronous, task `Echo`). */
  readonly services?: readonly ScriptedService[];
  /** The script of jobs submitted from the start. Default: Submitted → Executing (50 %) → Succeeded. */
  readonly script?: readonly ScriptStep[];
  /** What `cancel` switches a job to. Default: Cancelling → Cancelled. */
  readonly cancelScript?: readonly ScriptStep[];
  /** Default `per-request`. */
  readonly advance?: AdvanceMode;
  readonly executeDelayMs?: number;
}

export interface ScriptedGpServer {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** `<origin>/arcgis/rest/services` */
  readonly servicesUrl: string;
  /** A service's GPServer URL; `Jobs/Scripted` by default. */
  serviceUrl(service?: string): string;
  /** A job's resource URL (its service and task are the ones that ran it). */
  jobUrl(jobId: string): string;
  /** Rewrites a configured service's task list: the next metadata request sees it. */
  setTasks(service: string, tasks: readonly ScriptedTask[]): void;
  /** The script of jobs submitted from now on. */
  setScript(steps: readonly ScriptStep[]): void;
  /** The cancel script of jobs submitted from now on. */
  setCancelScript(steps: readonly ScriptStep[]): void;
  /** Replaces what is left of one job's script: its next step played is `steps[0]`. */
  setJobScript(jobId: string, steps: readonly ScriptStep[]): void;
  setExecuteDelay(ms: number): void;
  /** Moves a job's script on one step (in `per-request` mode this skips a step). */
  advance(jobId: string): void;
  advanceAll(): void;
  counts(route: ScriptedRoute, jobId?: string): number;
  inFlight(route: ScriptedRoute, jobId?: string): number;
  maxInFlight(route: ScriptedRoute, jobId?: string): number;
  /** Zeroes counts and maxima (maxima restart from what is in flight now) and forgets last queries. */
  resetCounts(): void;
  /** Query and form fields of the latest request of a route; throws when there was none. */
  lastQuery(route: ScriptedRoute): URLSearchParams;
  /** Submitted jobs, oldest first. */
  jobIds(): readonly string[];
  close(): Promise<void>;
}

/** Starts a scripted GPServer, closed after the test (or earlier by `close`). */
export async function startScriptedGpServer(options: ScriptedGpServerOptions = {}): Promise<ScriptedGpServer> {
  const services = options.services ?? defaultServices();
  const state: ScriptedState = {
    services: new Map(services.map((s) => [s.name, s])),
    jobs: new Map(),
    cancelScripts: new Map(),
    script: options.script ?? DEFAULT_SCRIPT,
    cancelScript: options.cancelScript ?? DEFAULT_CANCEL_SCRIPT,
    mode: options.advance ?? 'per-request',
    executeDelayMs: options.executeDelayMs ?? 0,
    instruments: new Instruments(),
  };
  const { port, close } = await listen(state);
  disposers.push(close);
  const origin = `http://127.0.0.1:${port}`;
  const servicesUrl = `${origin}${SERVICES_PATH}`;
  const serviceUrl = (service = ASYNC_SERVICE): string => `${servicesUrl}/${service}/GPServer`;
  const job = (jobId: string) => {
    const found = state.jobs.get(jobId);
    if (!found) throw new Error(`no scripted job ${jobId} (jobs: ${[...state.jobs.keys()].join(', ') || 'none'})`);
    return found;
  };
  const nonEmpty = (steps: readonly ScriptStep[]): readonly ScriptStep[] => {
    if (steps.length === 0) throw new Error('a job script needs at least one step');
    return steps;
  };

  return {
    origin,
    servicesUrl,
    serviceUrl,
    jobUrl: (jobId) => {
      const { service, task } = job(jobId);
      return `${serviceUrl(service)}/${encodeURIComponent(task)}/jobs/${encodeURIComponent(jobId)}`;
    },
    setTasks: (name, tasks) => {
      const service = state.services.get(name);
      if (!service) throw new Error(`no scripted service ${name}`);
      state.services.set(name, { ...service, tasks });
    },
    setScript: (steps) => {
      state.script = nonEmpty(steps);
    },
    setCancelScript: (steps) => {
      state.cancelScript = nonEmpty(steps);
    },
    setJobScript: (jobId, steps) => {
      job(jobId).replaceScript(steps);
    },
    setExecuteDelay: (ms) => {
      state.executeDelayMs = ms;
    },
    advance: (jobId) => {
      job(jobId).advance();
    },
    advanceAll: () => {
      for (const j of state.jobs.values()) j.advance();
    },
    counts: (route, jobId) => state.instruments.count(route, jobId),
    inFlight: (route, jobId) => state.instruments.current(route, jobId),
    maxInFlight: (route, jobId) => state.instruments.max(route, jobId),
    resetCounts: () => {
      state.instruments.reset();
    },
    lastQuery: (route) => {
      const query = state.instruments.lastQuery(route);
      if (!query) throw new Error(`no ${route} request reached the scripted GPServer`);
      return new URLSearchParams(query);
    },
    jobIds: () => [...state.jobs.keys()],
    close,
  };
}
