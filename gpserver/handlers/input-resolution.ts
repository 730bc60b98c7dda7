import type { ToolInputs } from '../model/tool.js';

/**
 * Inputs after one resolution step (references replaced by what they name) and the problems it
 * found, each naming its parameter, so a request's bad references all go in one error body.
 */
export interface InputResolution {
  readonly inputs: ToolInputs;
  readonly errors: readonly string[];
}
