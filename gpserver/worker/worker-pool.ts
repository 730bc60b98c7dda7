import type { ToolOutputs } from '../model/tool.js';
import { PooledWorker, type RunRequest } from './pooled-worker.js';
import type { WorkerSettings } from './protocol.js';
import type { RunCallbacks } from './run-callbacks.js';

export interface WorkerPoolOptions {
  readonly settings: WorkerSettings;
  /** Threads running at once; further runs queue. */
  readonly maxWorkers: number;
  /** How long a cancelled tool may take to stop on its own before its thread is terminated. */
  readonly graceMs: (abortReason: unknown) => number;
}

/**
 * Tools run on worker threads so that a long viewshed never delays a status request.
 * Idle threads are kept warm (starting one costs a TypeScript load).
 */
export class WorkerPool {
  private readonly idle: PooledWorker[] = [];
  private readonly all = new Set<PooledWorker>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {}

  async run(request: RunRequest, callbacks: RunCallbacks, signal: AbortSignal): Promise<ToolOutputs> {
    await this.slot(signal);
    let worker = this.idle.pop();
    while (worker && !worker.alive) worker = this.idle.pop();
    worker ??= this.spawn();
    try {
      return await worker.run(request, callbacks, signal, this.options.graceMs);
    } finally {
      this.running--;
      if (worker.alive && !this.closed) this.idle.push(worker);
      else this.all.delete(worker);
      this.waiting.shift()?.();
    }
  }

  private async slot(signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (this.closed) throw new Error('The worker pool is closed.');
    if (this.running < this.options.maxWorkers) {
      this.running++;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const ready = (): void => {
        signal.removeEventListener('abort', onAbort);
        this.running++;
        resolve();
      };
      const onAbort = (): void => {
        this.waiting.splice(this.waiting.indexOf(ready), 1);
        reject(signal.reason as Error);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(ready);
    });
  }

  /** Starts `count` threads ahead of the first request. */
  warm(count: number): void {
    while (this.idle.length < Math.min(count, this.options.maxWorkers)) {
      this.idle.push(this.spawn());
    }
  }

  private spawn(): PooledWorker {
    const worker = new PooledWorker(this.options.settings);
    this.all.add(worker);
    return worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.idle.length = 0;
    await Promise.all([...this.all].map((w) => w.terminate()));
    this.all.clear();
  }
}
