import { randomUUID } from 'node:crypto';
import type { OutputDirectory } from '../files/server-directories.js';
import type { ServiceDefinition, TaskDefinition } from '../model/service.js';
import type { EsriMessageType } from '../../gp-rest/vocabulary.js';
import type { ToolEnvironment, ToolInputs, ToolOutputs } from '../model/tool.js';
import type { RunRequest } from '../worker/pooled-worker.js';
import type { RunCallbacks } from '../worker/run-callbacks.js';
import { restErrors } from '../http/rest-error.js';
import type { Job } from './job.js';
import { isFinalEsriJobStatus, type EsriJobStatus } from '../../gp-rest/vocabulary.js';
import { RunCancelled, RunTimedOut } from './run-abort.js';

export interface ToolRunner {
  run(request: RunRequest, callbacks: RunCallbacks, signal: AbortSignal): Promise<ToolOutputs>;
}

export interface JobManagerOptions {
  /** Jobs executing at once across the server (ArcGIS: instances per service); the rest wait. */
  readonly maxConcurrentJobs: number;
  /** A job executing longer than this ends esriJobTimedOut. */
  readonly maxRunTimeMs: number;
  /** A finished job is forgotten this long after it ends; its id is then unknown. */
  readonly jobRetentionMs: number;
  /** How long a job stays esriJobSubmitted before it is queued. */
  readonly submittedDelayMs: number;
  readonly runner: ToolRunner;
  readonly now: () => number;
  /** Called when a finished job is forgotten, to delete its files. */
  readonly onForget?: (job: Readonly<Job>) => void;
}

/**
 * The asynchronous job lifecycle of a GP service: Submitted → Waiting (no free slot) →
 * Executing → Succeeded | Failed | TimedOut, or Cancelling → Cancelled
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-job.htm).
 */
export class JobManager {
  private readonly jobs = new Map<string, Job>();
  private readonly queue: Job[] = [];
  private executing = 0;
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly options: JobManagerOptions) {}

  submit(
    service: ServiceDefinition,
    task: TaskDefinition,
    inputs: ToolInputs,
    env: ToolEnvironment,
    owner: string | undefined,
    directoryFor: (jobId: string) => OutputDirectory,
  ): Job {
    const id = `j${randomUUID().replaceAll('-', '')}`;
    const job: Job = {
      id,
      directory: directoryFor(id),
      service,
      task,
      inputs,
      env,
      owner,
      submittedAt: this.options.now(),
      status: 'esriJobSubmitted',
      messages: [],
      progress: undefined,
      outputs: undefined,
      startedAt: undefined,
      finishedAt: undefined,
      abort: new AbortController(),
    };
    this.note(job, 'esriJobMessageTypeInformative', 'Submitted.');
    this.jobs.set(job.id, job);
    this.later(this.options.submittedDelayMs, () => {
      this.enqueue(job);
    });
    return job;
  }

  get(jobId: string): Readonly<Job> | undefined {
    return this.jobs.get(jobId);
  }

  /** Idempotent once cancelling or cancelled; an error when the job ended any other way. */
  cancel(jobId: string): Readonly<Job> {
    const job = this.jobs.get(jobId);
    if (!job) throw restErrors.jobNotFound(jobId);
    if (job.status === 'esriJobCancelling' || job.status === 'esriJobCancelled') return job;
    if (isFinalEsriJobStatus(job.status)) throw restErrors.cannotCancel(jobId, job.status);
    if (job.status === 'esriJobExecuting') {
      this.transition(job, 'esriJobCancelling');
      job.abort.abort(new RunCancelled());
      return job;
    }
    const queued = this.queue.indexOf(job);
    if (queued !== -1) this.queue.splice(queued, 1);
    this.finish(job, 'esriJobCancelled', 'Cancelled.');
    return job;
  }

  private enqueue(job: Job): void {
    if (job.status !== 'esriJobSubmitted') return;
    this.queue.push(job);
    this.pump();
    if (this.queue.includes(job)) this.transition(job, 'esriJobWaiting');
  }

  private pump(): void {
    while (this.executing < this.options.maxConcurrentJobs) {
      const job = this.queue.shift();
      if (!job) return;
      this.start(job);
    }
  }

  private start(job: Job): void {
    this.executing++;
    job.startedAt = this.options.now();
    this.transition(job, 'esriJobExecuting');
    this.note(job, 'esriJobMessageTypeInformative', 'Executing...');
    const timeout = this.later(this.options.maxRunTimeMs, () => {
      job.abort.abort(new RunTimedOut(this.options.maxRunTimeMs));
    });
    const callbacks: RunCallbacks = {
      onProgress: (progress) => {
        if (job.status === 'esriJobExecuting') job.progress = progress;
      },
      onMessage: (type, description) => {
        this.note(job, type, description);
      },
    };
    const request = { tool: job.task.tool, inputs: job.inputs, env: job.env, outputDir: job.directory.path };
    this.options.runner
      .run(request, callbacks, job.abort.signal)
      .then((outputs) => {
        if (job.abort.signal.aborted) throw job.abort.signal.reason;
        job.outputs = outputs;
        const seconds = ((this.options.now() - (job.startedAt ?? job.submittedAt)) / 1000).toFixed(2);
        this.finish(
          job,
          'esriJobSucceeded',
          `Succeeded at ${new Date(this.options.now()).toUTCString()} (Elapsed Time: ${seconds} seconds)`,
        );
      })
      .catch((error: unknown) => {
        this.fail(job, error);
      })
      .finally(() => {
        this.executing--;
        clearTimeout(timeout);
        this.timers.delete(timeout);
        this.pump();
      });
  }

  private fail(job: Job, error: unknown): void {
    if (error instanceof RunCancelled) {
      this.finish(job, 'esriJobCancelled', 'Cancelled.');
    } else if (error instanceof RunTimedOut) {
      this.note(job, 'esriJobMessageTypeError', error.message);
      this.finish(job, 'esriJobTimedOut', 'Timed out.');
    } else {
      this.note(job, 'esriJobMessageTypeError', error instanceof Error ? error.message : String(error));
      this.finish(job, 'esriJobFailed', 'Failed.');
    }
  }

  private finish(job: Job, status: EsriJobStatus, message: string): void {
    job.finishedAt = this.options.now();
    this.note(
      job,
      status === 'esriJobSucceeded' || status === 'esriJobCancelled' ? 'esriJobMessageTypeInformative' : 'esriJobMessageTypeError',
      message,
    );
    this.transition(job, status);
    this.later(this.options.jobRetentionMs, () => {
      this.jobs.delete(job.id);
      this.options.onForget?.(job);
    });
  }

  private transition(job: Job, status: EsriJobStatus): void {
    job.status = status;
    // Progress is only published while executing (ArcGIS 10.8.1+ behaviour).
    if (status !== 'esriJobExecuting') job.progress = undefined;
  }

  private note(job: Job, type: EsriMessageType, description: string): void {
    job.messages.push({ type, description });
  }

  private later(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    timer.unref();
    this.timers.add(timer);
    return timer;
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const job of this.jobs.values()) {
      if (!isFinalEsriJobStatus(job.status)) job.abort.abort(new RunCancelled());
    }
  }
}
