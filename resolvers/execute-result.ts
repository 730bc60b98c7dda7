import type { Credential } from '../core/credential.js';
import type { GpMessageShape } from './views.js';

/** A validated `execute` answer: output values by GP parameter name, and the task's messages. */
export interface ExecuteResult {
  readonly values: ReadonlyMap<string, unknown>;
  readonly messages: readonly GpMessageShape[];
  /** Present for a task the run cache covers: whether the answer came from it (README › Cached runs). */
  readonly runCache?: RunCacheOutcome;
}

/** Reported in the response's `extensions.runCache`, by field. */
export interface RunCacheOutcome {
  readonly hit: boolean;
  /** How long ago the cached answer was received upstream: the caller decides whether that is fresh enough. */
  readonly ageSeconds?: number;
}

export interface ExecuteRequest {
  readonly serviceUrl: string;
  readonly taskName: string;
  /** REST parameters: task inputs by GP name plus environment settings. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly credential: Credential;
  readonly signal?: AbortSignal;
  /** Access control's identity of the caller (`anonymous` or none without it). */
  readonly caller?: string;
  /** Inputs were files uploaded for this run: their item ids are new each time, so no cache can answer it. */
  readonly staged?: boolean;
}

/** The one upstream operation synchronous runs need; the gateway implements it over HTTP. */
export type ExecuteTask = (request: ExecuteRequest) => Promise<ExecuteResult>;
