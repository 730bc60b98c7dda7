import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { jobKey } from './job-store.js';

/** Callers tracked at once in memory; past this the least recently submitting ones are forgotten (their count starts again). */
const MAX_CALLERS = 10_000;

/** Seconds a refused caller is told to wait: about the poll pace at which a job's end is noticed. */
const RETRY_AFTER_SECONDS = 5;

export type SlotClaim = { readonly slot: string } | { readonly running: readonly JobRef[] };

/**
 * Where each caller's running jobs are counted: in this process (`memoryJobSlots`), or in Redis for
 * every instance (gateway/redis/redis-job-slots.ts). A claim is taken atomically against the jobs
 * counted and the claims still open, so simultaneous submits, on one instance or several, cannot all
 * pass at the limit minus one.
 */
export interface CallerJobSlots {
  /** A slot when the caller holds fewer than `max` (jobs counted and slots claimed); else the jobs counted, to check. */
  claim(caller: string, max: number): Promise<SlotClaim>;
  /** The slot's submit has answered: its job counts from now on (without one, the slot is free). Never rejects. */
  settle(caller: string, slot: string, ref: JobRef | undefined): Promise<void>;
  /** These jobs have ended: they count no more. */
  forget(caller: string, ended: readonly JobRef[]): Promise<void>;
}

/**
 * Jobs one caller may have running at once (submitted, not yet final). Ends are learnt lazily:
 * only a caller at its limit has its jobs' states read again (the stored one, else one status
 * request each), so a caller under its limit costs no upstream request. A slot is held from the
 * check to the submit's answer.
 */
export class CallerJobLimit {
  constructor(
    private readonly max: number,
    /** Whether the job has ended (succeeded, failed, cancelled, timed out, or gone upstream). */
    private readonly ended: (ref: JobRef) => Promise<boolean>,
    private readonly slots: CallerJobSlots = memoryJobSlots(),
  ) {}

  /** Runs `submit` in one of the caller's slots, or refuses with RATE_LIMITED when none is free. */
  async run(caller: string, submit: () => Promise<JobRef>): Promise<JobRef> {
    let claim = await this.slots.claim(caller, this.max);
    if ('running' in claim && (await this.#forgetEnded(caller, claim.running))) claim = await this.slots.claim(caller, this.max);
    if ('running' in claim) {
      throw new GatewayError(
        'RATE_LIMITED',
        `You have ${this.max} jobs running, the most one caller may: submit again when one of them has ended.`,
        { limit: 'concurrentJobs', retryAfter: RETRY_AFTER_SECONDS },
      );
    }
    let ref: JobRef | undefined;
    try {
      ref = await submit();
      return ref;
    } finally {
      await this.slots.settle(caller, claim.slot, ref);
    }
  }

  /** True when any had ended. */
  async #forgetEnded(caller: string, running: readonly JobRef[]): Promise<boolean> {
    const ended = await Promise.all(running.map((ref) => this.ended(ref).catch(() => false)));
    const gone = running.filter((_, i) => ended[i]);
    if (gone.length > 0) await this.slots.forget(caller, gone);
    return gone.length > 0;
  }
}

/** The count of one process: a caller's jobs and open claims, callers in order of last submission. */
export function memoryJobSlots(): CallerJobSlots {
  const callers = new Map<string, { refs: Map<string, JobRef>; pending: Set<string> }>();
  let claims = 0;
  const entry = (caller: string): { refs: Map<string, JobRef>; pending: Set<string> } => {
    let found = callers.get(caller);
    if (found) callers.delete(caller);
    else found = { refs: new Map(), pending: new Set() };
    // Re-inserted: the Map's order is the order of last submission, oldest first.
    callers.set(caller, found);
    for (const [oldest] of callers) {
      if (callers.size <= MAX_CALLERS) break;
      callers.delete(oldest);
    }
    return found;
  };
  return {
    claim: (caller, max) => {
      const held = entry(caller);
      if (held.refs.size + held.pending.size >= max) return Promise.resolve({ running: [...held.refs.values()] });
      const slot = String((claims += 1));
      held.pending.add(slot);
      return Promise.resolve({ slot });
    },
    settle: (caller, slot, ref) => {
      const held = callers.get(caller);
      // Forgotten meanwhile (10,000 callers submitted since): its count has started again.
      if (held?.pending.delete(slot) && ref) held.refs.set(jobKey(ref), ref);
      return Promise.resolve();
    },
    forget: (caller, ended) => {
      const held = callers.get(caller);
      for (const ref of ended) held?.refs.delete(jobKey(ref));
      return Promise.resolve();
    },
  };
}
