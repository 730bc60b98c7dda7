import type { Credential } from '../core/credential.js';
import type { GpMessageShape } from './views.js';

/** A validated `execute` answer: output values by GP parameter name, and the task's messages. */
export interface ExecuteResult {
  readonly values: ReadonlyMap<string, unknown>;
  readonly messages: readonly GpMessageShape[];
}

export interface ExecuteRequest {
  readonly serviceUrl: string;
  readonly taskName: string;
  /** REST parameters: task inputs by GP name plus environment settings. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly credential: Credential;
  readonly signal?: AbortSignal;
}

/** The one upstream operation synchronous runs need; the gateway implements it over HTTP. */
export type ExecuteTask = (request: ExecuteRequest) => Promise<ExecuteResult>;
