/**
 * Each caller's jobs, newest first (`Query.jobs`): an index of the jobs a caller submitted through any
 * instance, kept in memory (one process) or in Redis (../redis/redis-job-list.ts). The index holds
 * only where each job is; its state comes from the job store, so an entry whose state the store no
 * longer keeps is dropped when a page meets it — the list is trimmed with the store's retention.
 */
import { createHash } from 'node:crypto';
import { credentialKey } from '../../core/credential.js';
import type { JobAccess } from '../../core/jobs/job-operations.js';
import type { JobRef } from '../../core/jobs/job-state.js';

export interface JobListEntry {
  readonly ref: JobRef;
  /** Milliseconds since the epoch. */
  readonly submittedAt: number;
}

/** Where a page starts: after this entry, in the list's order (newest first; ties by `member`, descending). */
export interface ListPosition {
  readonly submittedAt: number;
  readonly member: string;
}

export interface JobListStore {
  add(lister: string, entry: JobListEntry): Promise<void>;
  /** Up to `limit` entries after `position` (from the newest when none), in the list's order. */
  after(lister: string, position: ListPosition | undefined, limit: number): Promise<JobListEntry[]>;
  /** Entries whose job state is gone. */
  remove(lister: string, entries: readonly JobListEntry[]): Promise<void>;
}

/** The entry's name in the list: the tie-break between jobs submitted in the same millisecond. */
export function listMember(ref: JobRef): string {
  return JSON.stringify([ref.serviceUrl, ref.task, ref.jobId]);
}

/** The job `member` names (`listMember`), or undefined when it names none. */
export function refOfMember(member: string): JobRef | undefined {
  try {
    const value: unknown = JSON.parse(member);
    if (!Array.isArray(value) || value.length !== 3 || !value.every((part) => typeof part === 'string')) return undefined;
    const [serviceUrl, task, jobId] = value as [string, string, string];
    return { serviceUrl, task, jobId };
  } catch {
    return undefined;
  }
}

/** The entry named by `member`, or undefined when it is not one. */
export function entryOf(member: string, submittedAt: number): JobListEntry | undefined {
  const ref = refOfMember(member);
  return ref && { ref, submittedAt };
}

/** Whether `entry` comes after `position` in the list's order. */
export function isAfter(entry: JobListEntry, position: ListPosition | undefined): boolean {
  if (position === undefined) return true;
  return (
    entry.submittedAt < position.submittedAt || (entry.submittedAt === position.submittedAt && listMember(entry.ref) < position.member)
  );
}

/**
 * Whose list a caller reads and adds to: access control's identity (API key id, JWT caller) where
 * there is one, else the credential's key — a caller's own ArcGIS token, or the gateway's for anonymous
 * callers, who share one list. Hashed: the key names no caller and holds no token.
 */
export function listerOf(access: JobAccess): string {
  const who = access.caller !== undefined && access.caller !== 'anonymous' ? `caller:${access.caller}` : credentialKey(access.credential);
  return createHash('sha256').update(who).digest('base64url');
}

/** Jobs kept per caller at most, the oldest dropped first. */
export const MAX_LISTED_JOBS = 1_000;

/** In memory, for one process: at most `maxPerLister` entries per caller and `maxListers` callers (least recent dropped). */
export function createMemoryJobList(maxPerLister = MAX_LISTED_JOBS, maxListers = 10_000): JobListStore {
  // Oldest first; a caller's entries in submission order (ties by member), so the newest are at the end.
  const lists = new Map<string, JobListEntry[]>();
  const order = (a: JobListEntry, b: JobListEntry): number =>
    a.submittedAt - b.submittedAt || (listMember(a.ref) < listMember(b.ref) ? -1 : listMember(a.ref) > listMember(b.ref) ? 1 : 0);
  return {
    add(lister, entry) {
      const list = lists.get(lister) ?? [];
      lists.delete(lister);
      lists.set(lister, list);
      const member = listMember(entry.ref);
      if (!list.some((e) => listMember(e.ref) === member)) {
        list.push(entry);
        if (list.length > 1 && order(list.at(-2) ?? entry, entry) > 0) list.sort(order);
        if (list.length > maxPerLister) list.splice(0, list.length - maxPerLister);
      }
      for (const oldest of lists.keys()) {
        if (lists.size <= maxListers) break;
        lists.delete(oldest);
      }
      return Promise.resolve();
    },
    after(lister, position, limit) {
      const list = lists.get(lister) ?? [];
      const page: JobListEntry[] = [];
      for (let i = list.length - 1; i >= 0 && page.length < limit; i--) {
        const entry = list[i];
        if (entry && isAfter(entry, position)) page.push(entry);
      }
      return Promise.resolve(page);
    },
    remove(lister, entries) {
      const gone = new Set(entries.map((e) => listMember(e.ref)));
      const list = lists.get(lister);
      if (list)
        lists.set(
          lister,
          list.filter((e) => !gone.has(listMember(e.ref))),
        );
      return Promise.resolve();
    },
  };
}
