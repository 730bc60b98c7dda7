import { Worker } from 'node:worker_threads';
import type { ToolEnvironment, ToolInputs, ToolOutputs } from '../model/tool.js';
import type { ToolId } from '../model/service.js';
import type { FromWorker, WorkerSettings } from './protocol.js';
import type { RunCallbacks } from './run-callbacks.js';

const BOOTSTRAP = new URL('./bootstrap.mjs', import.meta.url);

export interface RunRequest {
  readonly tool: ToolId;
  readonly inputs: ToolInputs;
  readonly env: ToolEnvironment;
  /** The run's output folder, for tools that write files. */
  readonly outputDir: string;
}

/** One worker thread running one tool at a time; it is discarded when it is terminated. */
export class PooledWorker {
  private readonly worker: Worker;
  private nextRunId = 1;
  private current: { runId: number; settle: (message: FromWorker | Error) => void } | undefined;
  alive = true;

  constructor(settings: WorkerSettings) {
    this.worker = new Worker(BOOTSTRAP, { workerData: settings });
    this.worker.on('message', (message: FromWorker) => {
      if (message.runId === this.current?.runId) this.current.settle(message);
    });
    const die = (error: Error): void => {
      this.alive = false;
      this.current?.settle(error);
    };
    this.worker.on('error', die);
    this.worker.on('exit', (code) => {
      die(new Error(`Tool worker exited with code ${code}.`));
    });
  }

  /**
   * Runs a tool. On abort the worker is asked to stop; when it has not stopped after
   * `graceMs` (a tool in a tight loop cannot see the request) it is terminated.
   * A timed-out run (`graceMs` 0) is terminated at once.
   */
  run(request: RunRequest, callbacks: RunCallbacks, signal: AbortSignal, graceMs: (reason: unknown) => number): Promise<ToolOutputs> {
    const runId = this.nextRunId++;
    return new Promise<ToolOutputs>((resolve, reject) => {
      let killTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        this.worker.postMessage({ type: 'cancel', runId });
        killTimer = setTimeout(() => void this.terminate(), graceMs(signal.reason));
      };
      const finish = (): void => {
        this.current = undefined;
        signal.removeEventListener('abort', onAbort);
        clearTimeout(killTimer);
      };
      this.current = {
        runId,
        settle: (message) => {
          if (message instanceof Error) {
            finish();
            reject(signal.aborted ? (signal.reason as Error) : message);
          } else if (message.type === 'progress') callbacks.onProgress(message.progress);
          else if (message.type === 'message') callbacks.onMessage(message.messageType, message.description);
          else {
            finish();
            if (message.type === 'done') resolve(message.outputs);
            else reject(signal.aborted ? (signal.reason as Error) : new Error(message.message));
          }
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.worker.postMessage({ type: 'run', runId, ...request });
    });
  }

  async terminate(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }
}
