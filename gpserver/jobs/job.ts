import type { OutputDirectory } from '../files/server-directories.js';
import type { ServiceDefinition, TaskDefinition } from '../model/service.js';
import type { GpMessage, GpProgress, ToolEnvironment, ToolInputs, ToolOutputs } from '../model/tool.js';
import type { EsriJobStatus } from '../../gp-rest/vocabulary.js';

/** One submitted job. Mutated only by the JobManager; readers get it as `Readonly`. */
export interface Job {
  readonly id: string;
  readonly service: ServiceDefinition;
  readonly task: TaskDefinition;
  readonly inputs: ToolInputs;
  readonly env: ToolEnvironment;
  /** Username of the token that submitted it, when token security is on. */
  readonly owner: string | undefined;
  readonly submittedAt: number;
  /** Its `scratch` folder: file results are written and served there, and removed with the job. */
  readonly directory: OutputDirectory;
  status: EsriJobStatus;
  messages: GpMessage[];
  progress: GpProgress | undefined;
  outputs: ToolOutputs | undefined;
  startedAt: number | undefined;
  finishedAt: number | undefined;
  abort: AbortController;
}
