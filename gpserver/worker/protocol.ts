import type { EsriMessageType } from '../../gp-rest/vocabulary.js';
import type { GpProgress, ToolEnvironment, ToolInputs, ToolOutputs } from '../model/tool.js';
import type { ToolId } from '../model/service.js';

/** Messages between the pool (main thread) and a tool worker. Plain data: structured-cloned. */
export type ToWorker =
  | {
      readonly type: 'run';
      readonly runId: number;
      readonly tool: ToolId;
      readonly inputs: ToolInputs;
      readonly env: ToolEnvironment;
      readonly outputDir: string;
    }
  | { readonly type: 'cancel'; readonly runId: number };

export type FromWorker =
  | { readonly type: 'progress'; readonly runId: number; readonly progress: GpProgress }
  | { readonly type: 'message'; readonly runId: number; readonly messageType: EsriMessageType; readonly description: string }
  | { readonly type: 'done'; readonly runId: number; readonly outputs: ToolOutputs }
  | { readonly type: 'failed'; readonly runId: number; readonly message: string; readonly cancelled: boolean };

export interface WorkerSettings {
  /** Module URL of the worker entry, loaded through the bootstrap. */
  readonly entry: string;
  /** GeoTIFF elevation model; the synthetic world terrain when absent. */
  readonly demPath?: string;
}
