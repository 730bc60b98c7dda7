/**
 * Jobs the gateway follows until they end whether or not a client watches them: jobs with a deadline
 * (the gateway cancels them) or a webhook subscriber (the gateway calls it). The instance that took
 * the submit follows the job. With instances sharing Redis, the job is also in a set with a heartbeat
 * that its follower renews every `rescanMs`; a job whose heartbeat stopped (its follower died) is
 * adopted by the instances that notice, within a few rescans. So each job costs its follower no
 * request of its own beyond the poll loop, and an instance two commands per rescan, whatever the count.
 */
import type { Clock } from '../../core/clock.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import type { Logger } from '../log/logger.js';
import { listMember, refOfMember } from './job-list.js';
import type { JobHub } from './job-hub.js';

/** The set shared by instances (../redis/redis-kept-jobs.ts): members with the time of their last heartbeat. */
export interface KeptJobSet {
  add(member: string, at: number): Promise<void>;
  /** Renews the heartbeat of members still in the set (a removed one is not put back). */
  touch(members: readonly string[], at: number): Promise<void>;
  /** Members whose last heartbeat is older than `before`. */
  orphans(before: number): Promise<string[]>;
  remove(member: string): Promise<void>;
}

export interface KeptJobs {
  keep(ref: JobRef): Promise<void>;
  /** Jobs followed here now. */
  readonly size: number;
  close(): Promise<void>;
}

/** Heartbeats missed before a job is adopted by another instance. */
const MISSED_BEATS = 3;

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createKeptJobs(hub: JobHub, options: { set?: KeptJobSet; clock: Clock; log: Logger; rescanMs?: number }): KeptJobs {
  const { set, clock, log } = options;
  const rescanMs = options.rescanMs ?? 5_000;
  const watching = new Map<string, () => void>();
  const closed = new AbortController();

  const follow = (ref: JobRef): void => {
    const member = listMember(ref);
    if (watching.has(member) || closed.signal.aborted) return;
    const stop = (): void => {
      watching.get(member)?.();
      watching.delete(member);
      void set?.remove(member).catch((error: unknown) => {
        log.warn('a kept job could not be let go', { error: message(error) });
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
        // Ended before the watch began, or its state is gone: nothing more will be heard.
        if (state === undefined || state.final) stop();
      },
      () => undefined,
    );
  };

  const heartbeat = async (): Promise<void> => {
    if (!set) return;
    for (;;) {
      await clock.sleep(rescanMs, closed.signal);
      try {
        await set.touch([...watching.keys()], clock.now());
        for (const member of await set.orphans(clock.now() - MISSED_BEATS * rescanMs)) {
          const ref = refOfMember(member);
          if (ref) follow(ref);
        }
      } catch (error) {
        log.warn('kept jobs could not be renewed or read', { error: message(error) });
      }
    }
  };
  const beating = heartbeat().catch(() => undefined); // the sleep rejects on close

  return {
    async keep(ref) {
      follow(ref);
      await set?.add(listMember(ref), clock.now());
    },
    get size() {
      return watching.size;
    },
    async close() {
      closed.abort();
      for (const unwatch of watching.values()) unwatch();
      watching.clear();
      await beating;
    },
  };
}
