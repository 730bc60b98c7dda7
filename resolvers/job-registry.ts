import { GatewayError } from '../core/errors/gateway-error.js';
import type { JobMessage, JobRef, JobState } from '../core/jobs/job-state.js';
import type { JobView } from './views.js';
import { decodeJobId } from './job-id.js';

interface JobTask {
  readonly serviceUrl: string;
  readonly serviceName: string;
  readonly alias: string | undefined;
  readonly task: string;
  readonly typeName: string;
}

const key = (serviceUrl: string, task: string): string => `${serviceUrl}\n${task}`;

/**
 * The asynchronous tasks of the schema and their job types. Every job id is checked here against
 * the configured services, so an id can never point the gateway at another host or task.
 */
export class JobRegistry {
  private readonly tasks = new Map<string, JobTask>();

  register(task: JobTask): void {
    this.tasks.set(key(task.serviceUrl, task.task), task);
  }

  get isEmpty(): boolean {
    return this.tasks.size === 0;
  }

  private taskOf(ref: JobRef): JobTask {
    const task = this.tasks.get(key(ref.serviceUrl, ref.task));
    if (!task) throw new GatewayError('JOB_NOT_FOUND', `No configured asynchronous task ${ref.task} at ${ref.serviceUrl}.`);
    return task;
  }

  /** A job id → a job of a configured asynchronous task (JOB_NOT_FOUND otherwise). */
  resolveId(id: string): JobRef {
    const ref = decodeJobId(id);
    this.taskOf(ref);
    return ref;
  }

  /** A task named by service (name, alias or URL) and task name, for the untyped `submitJob`. */
  findTask(service: string, task: string): { serviceUrl: string; task: string } {
    const wanted = service.replace(/\/+$/, '');
    for (const t of this.tasks.values()) {
      if ((t.serviceName === wanted || t.alias === wanted || t.serviceUrl === wanted) && t.task === task)
        return { serviceUrl: t.serviceUrl, task: t.task };
    }
    throw new GatewayError('INVALID_INPUT', `No asynchronous task '${task}' in a configured service '${service}'.`, { parameter: 'task' });
  }

  view(state: JobState, newMessages: readonly JobMessage[] = state.messages): JobView {
    const task = this.taskOf(state.ref);
    return { state, typeName: task.typeName, serviceName: task.serviceName, newMessages };
  }
}
