/**
 * Jobs the gateway follows until they end whether or not a client watches them: jobs with a deadline
 * (the gateway cancels them) or a webhook subscriber (the gateway calls it). In one process the
 * instance that took the submit watches the job. With instances sharing Redis, the jobs are also kept
 * in a set every instance re-reads each `rescanMs` and watches — the job's lease still lets only one of
 * them poll — so a job whose instance died goes on being followed by the others.
 */
import type { Clock } from '../../core/clock.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import type { Logger } from '../log/logger.js';
import { entryOf, listMember } from './job-list.js';
import type { JobHub } from './job-hub.js';

/** The set shared by instances (../redis/redis-kept-jobs.ts). */
export interface KeptJobSet {
  add(member: string): Promise<void>;
  members(): Promise<string[]>;
  remove(member: string): Promise<void>;
}

export interface KeptJobs {
  keep(ref: JobRef): Promise<void>;
  /** Jobs followed here now. */
  readonly size: number;
  close(): Promise<void>;
}

export function createKeptJobs(hub: JobHub, options: { set?: KeptJobSet; clock: Clock; log: Logger; rescanMs?: number }): KeptJobs {
  const { set, clock, log } = options;
  const watching = new Map<string, () => void>();
  const closed = new AbortController();

  const follow = (ref: JobRef): void => {
    const member = listMember(ref);
    if (watching.has(member) || closed.signal.aborted) return;
    const stop = (): void => {
      watching.get(member)?.();
      watching.delete(member);
      void set?.remove(member).catch((error: unknown) => {
        log.warn('a kept job could not be let go', { error: error instanceof Error ? error.message : String(error) });
      });
    };
    watching.set(
      member,
      hub.watch(ref, (state) => {
        if (state.final) stop();
      }),
    );
    void hub.current(ref).then(
      (state) => {
        // Ended before the watch began (or is no longer kept anywhere): nothing more will be heard.
        if (state === undefined || state.final) stop();
      },
      () => undefined,
    );
  };

  const rescan = async (): Promise<void> => {
    if (!set) return;
    for (;;) {
      try {
        for (const member of await set.members()) {
          const entry = entryOf(member, 0);
          if (entry) follow(entry.ref);
        }
      } catch (error) {
        log.warn('kept jobs could not be read', { error: error instanceof Error ? error.message : String(error) });
      }
      await clock.sleep(options.rescanMs ?? 5_000, closed.signal);
    }
  };
  const scanning = rescan().catch(() => undefined); // the sleep rejects on close

  return {
    async keep(ref) {
      await set?.add(listMember(ref));
      follow(ref);
    },
    get size() {
      return watching.size;
    },
    async close() {
      closed.abort();
      for (const unwatch of watching.values()) unwatch();
      watching.clear();
      await scanning;
    },
  };
}
