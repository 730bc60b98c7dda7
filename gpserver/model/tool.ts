import type { EsriMessageType } from '../../gp-rest/vocabulary.js';
import type { SpatialReference } from '../../geo/esri-json.js';
import type { Terrain } from '../terrain/terrain.js';

export interface GpMessage {
  readonly type: EsriMessageType;
  readonly description: string;
}

/** The `progress` object of a job status while executing (ArcGIS 10.8.1+). */
export interface GpProgress {
  readonly type: 'default' | 'step';
  readonly message: string;
  readonly percent?: number;
}

/** Environment settings a request carries (`env:outSR`, `env:processSR`, `returnZ`, `returnM`). */
export interface ToolEnvironment {
  readonly outSR?: SpatialReference;
  readonly processSR?: SpatialReference;
  readonly returnZ: boolean;
  readonly returnM: boolean;
}

export interface ToolContext {
  readonly env: ToolEnvironment;
  /** The elevation model; loaded once per worker on first use. */
  terrain(): Promise<Terrain>;
  progress(progress: GpProgress): void;
  message(type: EsriMessageType, description: string): void;
  /** Where the tool writes file results (created on first use); it returns them as `{file: name}`. */
  readonly outputDir: string;
  /** Aborted when the job is cancelled; long tools check it between steps. */
  readonly signal: AbortSignal;
}

/** Validated input values keyed by parameter name; plain JSON (they cross a worker boundary). */
export type ToolInputs = Readonly<Record<string, unknown>>;
/** Output values keyed by output parameter name. */
export type ToolOutputs = Record<string, unknown>;

export type ToolFunction = (inputs: ToolInputs, context: ToolContext) => Promise<ToolOutputs>;

/** Thrown by a tool for a user-facing failure (becomes an esriJobMessageTypeError and esriJobFailed). */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}
