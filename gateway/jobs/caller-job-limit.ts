import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { jobKey } from './job-store.js';

/** Callers tracked at once; past this the least recently submitting ones are forgotten (their count starts again). */
const MAX_CALLERS = 10_000;

/** Seconds a refused caller is told to wait: about the poll pace at which a job's end is noticed. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Jobs one caller may have running at once (submitted here, not yet final). Ends are learnt lazily:
 * only a caller at its limit has its jobs' states read again (the stored one, else one status
 * request each), so a caller under its limit costs no upstream request. A slot is held from the
 * check to the submit's answer, so simultaneous submits cannot all pass at the limit minus one.
 */
export class CallerJobLimit {
  readonly #jobs = new Map<string, { refs: Map<string, JobRef>; pending: number }>();

  constructor(
    private readonly max: number,
    /** Whether the job has ended (succeeded, failed, cancelled, timed out, or gone upstream). */
    private readonly ended: (ref: JobRef) => Promise<boolean>,
  ) {}

  /** Runs `submit` in one of the caller's slots, or refuses with RATE_LIMITED when none is free. */
  async run(caller: string, submit: () => Promise<JobRef>): Promise<JobRef> {
    const entry = this.#entry(caller);
    if (entry.refs.size + entry.pending >= this.max) await this.#forgetEnded(entry);
    if (entry.refs.size + entry.pending >= this.max) {
      throw new GatewayError(
        'RATE_LIMITED',
        `You have ${this.max} jobs running, the most one caller may: submit again when one of them has ended.`,
        { limit: 'concurrentJobs', retryAfter: RETRY_AFTER_SECONDS },
      );
    }
    entry.pending += 1;
    try {
      const ref = await submit();
      entry.refs.set(jobKey(ref), ref);
      return ref;
    } finally {
      entry.pending -= 1;
    }
  }

  #entry(caller: string): { refs: Map<string, JobRef>; pending: number } {
    let entry = this.#jobs.get(caller);
    if (entry) this.#jobs.delete(caller);
    else entry = { refs: new Map(), pending: 0 };
    // Re-inserted: the Map's order is the order of last submission, oldest first.
    this.#jobs.set(caller, entry);
    for (const [oldest] of this.#jobs) {
      if (this.#jobs.size <= MAX_CALLERS) break;
      this.#jobs.delete(oldest);
    }
    return entry;
  }

  async #forgetEnded(entry: { refs: Map<string, JobRef> }): Promise<void> {
    const refs = [...entry.refs];
    const ended = await Promise.all(refs.map(([, ref]) => this.ended(ref).catch(() => false)));
    refs.forEach(([key], i) => {
      if (ended[i]) entry.refs.delete(key);
    });
  }
}
