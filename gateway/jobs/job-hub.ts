/**
 * One poll loop per job however many watch it (README › Jobs). The first watcher starts the
 * job's loop; every watcher hears each stored change through the store; when the last one leaves,
 * the loop runs on for `graceMs` (a client reconnecting keeps it) and is then aborted, request
 * in flight included. A read of a running job (`read`) joins the same loop for one round, so clients
 * that poll a query share its upstream requests with each other and with subscribers.
 *
 * With a `lease` (several instances sharing one store, README › Scale-out) an instance polls a job only
 * while it holds the job's lease; its watchers are otherwise fed by the holder's stored changes,
 * and it keeps trying for the lease so that one of the instances with watchers takes over when
 * the holder dies (gateway/jobs/leased-poller.ts). Without a lease a process owns all its jobs.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { FetchJobStatus } from '../arcgis/job-status-response.js';
import { silentLogger, type Logger } from '../log/logger.js';
import type { Clock } from '../../core/clock.js';
import { runJobPoller, type JobPollerOptions, type PollMetrics } from './job-poller.js';
import type { JobStatus } from '../../core/jobs/job-status.js';
import { runLeasedJobPoller } from './leased-poller.js';
import type { JobLease } from './lease.js';
import { succeeding, type JobRef, type JobState } from '../../core/jobs/job-state.js';
import { jobKey, type JobListener, type JobStore } from './job-store.js';
import type { PollTuning } from './poll-interval.js';

export interface JobHubOptions extends PollTuning {
  readonly fetchStatus: FetchJobStatus;
  readonly store: JobStore;
  readonly clock: Clock;
  readonly log?: Logger;
  /** Consecutive failed polls before watchers see a fault. Default 3. */
  readonly faultAfter?: number;
  /** How long a loop outlives its last watcher. Default 2000 ms. */
  readonly graceMs?: number;
  /** Shared with the other instances that share `store`; without it this hub polls every job it watches. */
  readonly lease?: JobLease;
  /** This instance's lease owner id. Default `<hostname>/<pid>/<random>`: unique, and readable in Redis. */
  readonly instanceId?: string;
  /** Lease time to live: how long a dead holder blocks the others. Default 10 000 ms. */
  readonly leaseMs?: number;
  /** Told of every poll and of every job that reaches a final status while this instance polls it. */
  readonly metrics?: JobHubMetrics;
  /** Cancels a job past its deadline; without it deadlines are not kept (job-poller.ts). */
  readonly cancelUpstream?: (ref: JobRef, signal: AbortSignal) => Promise<void>;
  /**
   * What keeps a job's state current instead of the poll loop, for jobs the gateway runs itself
   * (workflows: gateway/workflows/). It runs under the same rules — one per job across instances,
   * while holding the lease — and must call `onRound` after each pass, as the poller does.
   */
  readonly driverFor?: (ref: JobRef) => JobDriver | undefined;
}

/** Keeps one job's stored state current until it is final or `signal` aborts; never rejects. */
export type JobDriver = (ref: JobRef, options: JobPollerOptions, signal: AbortSignal) => Promise<void>;

export interface JobHubMetrics {
  /** One status request of a poll loop, answered or failed, after `seconds`. */
  polled(seconds: number): void;
  /** `seconds` from the job's submission through this instance (else its first watch here) to its final status. */
  finished(ref: JobRef, status: JobStatus, seconds: number): void;
}

/** `round`, or nothing once `signal` aborts (the reader left: it takes the stored state). */
function untilAborted(round: Promise<void>, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return round;
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const settle = (): void => {
      signal.removeEventListener('abort', settle);
      resolve();
    };
    signal.addEventListener('abort', settle, { once: true });
    void round.then(settle);
  });
}

/** Start times kept for job durations; the oldest go first past this (jobs submitted and never watched). */
const MAX_STARTS = 10_000;

interface Loop {
  readonly controller: AbortController;
  readonly done: Promise<void>;
  /** Whether this instance polls the job (always, without a lease; while holding it, with one). */
  readonly polling: boolean;
  /** Rounds so far: polls here, or attempts that found another instance polling (see `onRound`). */
  readonly rounds: number;
  /** Resolves after the next round, or when the loop ends. */
  nextRound(): Promise<void>;
}

interface Watched {
  watchers: number;
  loop: Loop | undefined;
  grace: AbortController | undefined;
}

export class JobHub {
  readonly #options: JobHubOptions;
  readonly #pollerOptions: JobPollerOptions;
  readonly #jobs = new Map<string, Watched>();
  /** Loops aborted but not yet settled: a new loop for the same job waits for them (one request in flight). */
  readonly #stopping = new Map<string, Promise<void>>();
  /** When each job was submitted here (or first watched here), for `metrics.finished`. */
  readonly #started = new Map<string, number>();
  #disposed = false;
  readonly instanceId: string;

  constructor(options: JobHubOptions) {
    if (options.leaseMs !== undefined && !(options.leaseMs > 0)) throw new RangeError('leaseMs must be positive');
    this.#options = options;
    const { metrics, ...pollerOptions } = options;
    this.#pollerOptions = { ...pollerOptions, log: options.log ?? silentLogger, metrics: metrics && this.#pollMetrics(metrics) };
    this.instanceId = options.instanceId ?? `${hostname()}/${process.pid}/${randomBytes(4).toString('hex')}`;
  }

  /** Where the hub keeps job states (what drivers and cancels of workflows write to). */
  get store(): JobStore {
    return this.#options.store;
  }

  /** Jobs this instance polls: with a lease, those whose lease it holds. */
  get polling(): number {
    let count = 0;
    for (const job of this.#jobs.values()) if (job.loop?.polling) count += 1;
    return count;
  }

  /** Watchers of all jobs on this instance. */
  get watchers(): number {
    let count = 0;
    for (const job of this.#jobs.values()) count += job.watchers;
    return count;
  }

  watch(ref: JobRef, listener: JobListener): () => void {
    if (this.#disposed) throw new Error('JobHub is disposed');
    const unsubscribe = this.#options.store.subscribe(jobKey(ref), listener);
    const leave = this.#join(ref);
    return () => {
      unsubscribe();
      leave();
    };
  }

  /**
   * The job's stored state, no older than the poll loop keeps it while the job runs: when this
   * instance follows the job already, at once; otherwise after the first round of the job's loop,
   * joined like a watcher (started if need be) and left in its grace period, so the next read within
   * `graceMs` costs no request. Never more than the loop's one request in flight; `signal` ends the wait.
   */
  async read(ref: JobRef, signal?: AbortSignal): Promise<JobState | undefined> {
    const key = jobKey(ref);
    const stored = await this.#options.store.get(key);
    if (stored === undefined || stored.final || this.#disposed || (this.#jobs.get(key)?.loop?.rounds ?? 0) > 0) return stored;
    const leave = this.#join(ref);
    try {
      const round = this.#jobs.get(key)?.loop?.nextRound();
      if (round) await untilAborted(round, signal);
    } finally {
      leave();
    }
    return this.#options.store.get(key);
  }

  /** Counts a watcher of the job, starting its loop if need be; returns the leave. */
  #join(ref: JobRef): () => void {
    const key = jobKey(ref);
    this.#markStarted(key);
    let job = this.#jobs.get(key);
    if (!job) this.#jobs.set(key, (job = { watchers: 0, loop: undefined, grace: undefined }));
    job.watchers += 1;
    job.grace?.abort();
    job.grace = undefined;
    // Also restarts a loop that ended: it re-reads the store and stops at once on a final state.
    job.loop ??= this.#startLoop(key, ref, job);
    const watched = job;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      watched.watchers -= 1;
      if (watched.watchers === 0 && !this.#disposed) this.#startGrace(key, watched);
    };
  }

  current(ref: JobRef): Promise<JobState | undefined> {
    return this.#options.store.get(jobKey(ref));
  }

  /**
   * Stores a state known from elsewhere (the answer of submitJob) without polling. Its version
   * follows the stored one; a job already known to be final is left as it is.
   */
  async seed(state: JobState): Promise<void> {
    const stored = await this.#options.store.get(jobKey(state.ref));
    if (stored?.final) return;
    this.#markStarted(jobKey(state.ref));
    await this.#options.store.put(succeeding(state, stored));
  }

  /** Stops every loop and grace timer; resolves once every loop has settled and its lease is released. */
  async dispose(): Promise<void> {
    this.#disposed = true;
    const settling = [...this.#stopping.values()];
    for (const job of this.#jobs.values()) {
      job.grace?.abort();
      if (job.loop) {
        job.loop.controller.abort();
        settling.push(job.loop.done);
      }
    }
    this.#jobs.clear();
    await Promise.all(settling);
  }

  #markStarted(key: string): void {
    if (!this.#options.metrics || this.#started.has(key)) return;
    if (this.#started.size >= MAX_STARTS) {
      const oldest = this.#started.keys().next();
      if (oldest.done !== true) this.#started.delete(oldest.value);
    }
    this.#started.set(key, this.#options.clock.now());
  }

  #pollMetrics(metrics: JobHubMetrics): PollMetrics {
    return {
      polled: (seconds) => {
        metrics.polled(seconds);
      },
      finished: (state) => {
        const key = jobKey(state.ref);
        const started = this.#started.get(key) ?? this.#options.clock.now();
        this.#started.delete(key);
        metrics.finished(state.ref, state.status, Math.max(0, this.#options.clock.now() - started) / 1000);
      },
    };
  }

  #startLoop(key: string, ref: JobRef, job: Watched): Loop {
    const controller = new AbortController();
    // Settled first, so that two loops of one job never overlap — with a lease, nor does the old
    // loop's release (same owner) come after the new loop's acquire.
    const previous = this.#stopping.get(key);
    const { lease } = this.#options;
    let polling = !lease;
    let rounds = 0;
    let wake: (() => void) | undefined;
    let next: Promise<void> | undefined;
    const onRound = (): void => {
      rounds += 1;
      next = undefined;
      wake?.();
    };
    const pollerOptions = { ...this.#pollerOptions, onRound };
    const drive = this.#options.driverFor?.(ref) ?? runJobPoller;
    const run = async (): Promise<void> => {
      if (!lease) return drive(ref, pollerOptions, controller.signal);
      const leased = { ...pollerOptions, lease, owner: this.instanceId, leaseMs: this.#options.leaseMs ?? 10_000, drive };
      const onLeading = (leading: boolean): void => {
        polling = leading;
      };
      return runLeasedJobPoller(ref, { ...leased, onLeading }, controller.signal);
    };
    const done = (async () => {
      if (previous) await previous;
      if (!controller.signal.aborted) await run();
    })();
    const loop: Loop = {
      controller,
      done,
      get polling() {
        return polling;
      },
      get rounds() {
        return rounds;
      },
      nextRound: () =>
        (next ??= new Promise<void>((resolve) => {
          wake = resolve;
        })),
    };
    void done.then(() => {
      if (job.loop === loop) job.loop = undefined;
      onRound();
    });
    return loop;
  }

  #startGrace(key: string, job: Watched): void {
    const grace = new AbortController();
    job.grace = grace;
    this.#options.clock.sleep(this.#options.graceMs ?? 2_000, grace.signal).then(
      () => {
        if (job.grace !== grace || job.watchers > 0) return;
        job.grace = undefined;
        if (this.#jobs.get(key) === job) this.#jobs.delete(key);
        const loop = job.loop;
        if (!loop) return;
        job.loop = undefined;
        loop.controller.abort();
        this.#stopping.set(key, loop.done);
        void loop.done.then(() => {
          if (this.#stopping.get(key) === loop.done) this.#stopping.delete(key);
        });
      },
      () => undefined, // a watcher came back (or dispose): the loop stays
    );
  }
}
