import { GatewayError } from '../core/errors/gateway-error.js';
import type { JobMessage, JobRef, JobState } from '../core/jobs/job-state.js';
import { WORKFLOW_SERVICE_URL } from '../core/workflows/workflow-state.js';
import type { JobView } from './views.js';
import { decodeJobId, encodeJobId } from './job-id.js';

interface JobTask {
  readonly serviceUrl: string;
  readonly serviceName: string;
  readonly alias: string | undefined;
  readonly currentVersion?: number | undefined;
  readonly task: string;
  readonly typeName: string;
  /** `…/MapServer` of the service's result map service, and the layer ids of the task's outputs in it. */
  readonly resultMap?: { readonly mapServerUrl: string; readonly layerIds: readonly number[] } | undefined;
}

const key = (serviceUrl: string, task: string): string => `${serviceUrl}\n${task}`;

/**
 * The asynchronous tasks of the schema and their job types. Every job id is checked here against
 * the configured services, so an id can never point the gateway at another host or task.
 */
export class JobRegistry {
  private readonly tasks = new Map<string, JobTask>();

  /** Each service's label in job ids, by URL: found once (a schema's services do not change). */
  private readonly labels = new Map<string, string>();
  /** Views by state object (gone with the state) and messages seen before it. */
  private readonly sinceViews = new WeakMap<JobState, Map<number, JobView>>();

  register(task: JobTask): void {
    this.tasks.set(key(task.serviceUrl, task.task), task);
    this.labels.clear();
  }

  get isEmpty(): boolean {
    return this.tasks.size === 0;
  }

  /** Whether a task of a GP service is registered (workflows are jobs too, but only `submitWorkflow` makes them). */
  get hasSubmittableTasks(): boolean {
    return [...this.tasks.values()].some((t) => t.serviceUrl !== WORKFLOW_SERVICE_URL);
  }

  private taskOf(ref: JobRef): JobTask {
    const task = this.tasks.get(key(ref.serviceUrl, ref.task));
    if (!task) throw new GatewayError('JOB_NOT_FOUND', `No configured asynchronous task ${ref.task} at ${ref.serviceUrl}.`);
    return task;
  }

  /** A job id → a job of a configured asynchronous task (JOB_NOT_FOUND otherwise). */
  resolveId(id: string): JobRef {
    const { service, task, jobId } = decodeJobId(id);
    const found = this.lookup(service, task);
    if (!found) throw new GatewayError('JOB_NOT_FOUND', `No configured asynchronous task ${task} of a service '${service}'.`);
    return { serviceUrl: found.serviceUrl, task, jobId };
  }

  /** The id of a job: its service by alias or catalog name, or by URL only when two services share that name. */
  idOf(ref: JobRef): string {
    return encodeJobId({ service: this.labelOf(ref), task: ref.task, jobId: ref.jobId });
  }

  /** How job ids name the job's service (see `idOf`). */
  labelOf(ref: JobRef): string {
    let label = this.labels.get(ref.serviceUrl);
    if (label === undefined) {
      const task = this.taskOf(ref);
      const name = task.alias ?? task.serviceName;
      const shared = [...this.tasks.values()].some((t) => t.serviceUrl !== task.serviceUrl && (t.alias ?? t.serviceName) === name);
      this.labels.set(ref.serviceUrl, (label = shared ? task.serviceUrl : name));
    }
    return label;
  }

  /** A configured service with asynchronous tasks, by URL, alias or 'Folder/Name' (INVALID_INPUT otherwise). */
  serviceUrlOf(service: string): string {
    const wanted = service.replace(/\/+$/, '');
    const all = [...this.tasks.values()];
    const found =
      all.find((t) => t.serviceUrl === wanted) ?? all.find((t) => t.alias === wanted) ?? all.find((t) => t.serviceName === wanted);
    if (!found)
      throw new GatewayError('INVALID_INPUT', `No configured service '${service}' with asynchronous tasks.`, { parameter: 'service' });
    return found.serviceUrl;
  }

  /** A task named by service (name, alias or URL) and task name, for the untyped `submitJob`. */
  findTask(service: string, task: string): { serviceUrl: string; task: string; currentVersion?: number | undefined } {
    const lookedUp = this.lookup(service, task);
    // A workflow is a job of the gateway's own: REST parameters cannot make one.
    const found = lookedUp?.serviceUrl === WORKFLOW_SERVICE_URL ? undefined : lookedUp;
    if (!found)
      throw new GatewayError('INVALID_INPUT', `No asynchronous task '${task}' in a configured service '${service}'.`, {
        parameter: 'task',
      });
    return { serviceUrl: found.serviceUrl, task: found.task, currentVersion: found.currentVersion };
  }

  /** By URL first, then alias, then 'Folder/Name' (which two services of different hosts may share: then the first). */
  private lookup(service: string, task: string): JobTask | undefined {
    const wanted = service.replace(/\/+$/, '');
    const candidates = [...this.tasks.values()].filter((t) => t.task === task);
    return (
      candidates.find((t) => t.serviceUrl === wanted) ??
      candidates.find((t) => t.alias === wanted) ??
      candidates.find((t) => t.serviceName === wanted)
    );
  }

  /**
   * The view of `state` for a subscriber that had seen its first `seen` messages: one object per
   * (state, seen), so subscribers in step share it (and the execution of their selection on it).
   */
  viewSince(state: JobState, seen: number): JobView {
    let bySeen = this.sinceViews.get(state);
    if (!bySeen) this.sinceViews.set(state, (bySeen = new Map<number, JobView>()));
    let view = bySeen.get(seen);
    if (!view) bySeen.set(seen, (view = this.view(state, state.messages.slice(seen))));
    return view;
  }

  view(state: JobState, newMessages: readonly JobMessage[] = state.messages): JobView {
    const task = this.taskOf(state.ref);
    const idOf = (ref: JobRef): string => this.idOf(ref);
    // A getter: the id is encoded only for the subscribers and queries that select it.
    const map = task.resultMap;
    return {
      get id() {
        return idOf(state.ref);
      },
      state,
      typeName: task.typeName,
      serviceName: task.serviceName,
      newMessages,
      ...(map ? { resultMap: { url: `${map.mapServerUrl}/jobs/${encodeURIComponent(state.ref.jobId)}`, layerIds: map.layerIds } } : {}),
    };
  }
}
