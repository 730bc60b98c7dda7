/**
 * Job scripts: what successive requests about one job see. A job starts `esriJobSubmitted` (the
 * `submitJob` answer); each status request (or each `advance` in manual mode) plays the next step,
 * and the last step repeats forever.
 */
import { isFinalEsriJobStatus, type EsriJobStatus, type TerminalFault } from '../../../gp-rest/vocabulary.js';

export interface GpMessageJson {
  readonly type: string;
  readonly description: string;
}

/** The job resource's `progress` (ArcGIS 10.8.1+); a bare number is `{type: 'step', message: '', percent}`. */
export type ProgressJson = { readonly type: string; readonly message: string; readonly percent?: number } | number;

/** What one request about a job gets instead of the job (the shared fault kinds). */
export type Fault = TerminalFault;

interface Timed {
  /** Answer this step's request this much later (the step is taken when the request arrives). */
  readonly delayMs?: number;
}

/** The job moves to this status. `(string & {})` keeps editor completion while allowing unknown values. */
export interface StatusStep extends Timed {
  readonly status: EsriJobStatus | (string & {});
  readonly progress?: ProgressJson;
  /** Appended to the job's messages (a job's message list only grows). */
  readonly messages?: readonly GpMessageJson[];
}

/** This one request fails; the job's own state is untouched, so the next request sees the job again. */
export interface FaultStep extends Timed {
  readonly fault: Fault;
}

/** The job is unknown from here on: every job route answers ArcGIS's "does not exist" error body. */
export interface VanishStep extends Timed {
  readonly vanish: true;
}

export type ScriptStep = StatusStep | FaultStep | VanishStep;

export const DEFAULT_SCRIPT: readonly ScriptStep[] = [
  { status: 'esriJobSubmitted' },
  { status: 'esriJobExecuting', progress: 50 },
  { status: 'esriJobSucceeded' },
];

export const DEFAULT_CANCEL_SCRIPT: readonly ScriptStep[] = [{ status: 'esriJobCancelling' }, { status: 'esriJobCancelled' }];

/** What a request about a job is answered with: the job's state after the step, or that step's fault. */
export type StepOutcome =
  | { readonly kind: 'state'; readonly delayMs: number }
  | { readonly kind: 'fault'; readonly fault: Fault; readonly delayMs: number }
  | { readonly kind: 'vanished'; readonly delayMs: number };

export class ScriptedJob {
  status: string = 'esriJobSubmitted';
  progress: ProgressJson | undefined;
  readonly messages: GpMessageJson[] = [];
  vanished = false;
  private cursor = 0;
  /** The step whose messages were last appended: a repeated step (the last, or manual mode) adds them once. */
  private entered = -1;

  constructor(
    readonly id: string,
    readonly service: string,
    readonly task: string,
    readonly inputs: ReadonlyMap<string, string>,
    private script: readonly ScriptStep[],
  ) {
    if (script.length === 0) throw new Error('a job script needs at least one step');
  }

  get isFinal(): boolean {
    return isFinalEsriJobStatus(this.status);
  }

  /** Replaces the rest of the script (cancel, `setJobScript`): the next step played is its first. */
  replaceScript(steps: readonly ScriptStep[]): void {
    if (steps.length === 0) throw new Error('a job script needs at least one step');
    this.script = steps;
    this.cursor = 0;
    this.entered = -1;
  }

  /**
   * Plays the step under the cursor and, when `move`, moves the cursor on (it stays on the last step).
   * A vanished job stays vanished whatever its script says.
   */
  play(move: boolean): StepOutcome {
    const index = this.cursor;
    const step = this.script[index];
    if (move) this.advance();
    const delayMs = step?.delayMs ?? 0;
    if (this.vanished || step === undefined) return { kind: 'vanished', delayMs };
    if ('vanish' in step) {
      this.vanished = true;
      return { kind: 'vanished', delayMs };
    }
    if ('fault' in step) return { kind: 'fault', fault: step.fault, delayMs };
    this.status = step.status;
    this.progress = step.progress;
    if (this.entered !== index) this.messages.push(...(step.messages ?? []));
    this.entered = index;
    return { kind: 'state', delayMs };
  }

  advance(): void {
    this.cursor = Math.min(this.cursor + 1, this.script.length - 1);
  }
}
