import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobListEdge, JobListFilter, JobListPage, JobListRequest } from '../../core/jobs/job-operations.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import { MAX_LISTED_JOBS, listMember, type JobListEntry, type JobListStore, type ListPosition } from './job-list.js';

/** Opaque to clients; stable while jobs are added, since it names a place in the order, not an offset. */
export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.submittedAt, position.member])).toString('base64url');
}

export function decodeCursor(cursor: string): ListPosition {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') {
      return { submittedAt: value[0], member: value[1] };
    }
  } catch {
    // below
  }
  throw new GatewayError('INVALID_INPUT', 'after: not a cursor of this list.', { parameter: 'after' });
}

/** Of two positions, the one further down the list (older; at the same time, the smaller member). */
const later = (a: ListPosition | undefined, b: ListPosition | undefined): ListPosition | undefined =>
  a === undefined
    ? b
    : b === undefined
      ? a
      : a.submittedAt < b.submittedAt || (a.submittedAt === b.submittedAt && a.member <= b.member)
        ? a
        : b;

function matches(state: JobState, filter: JobListFilter): boolean {
  if (filter.running !== undefined && state.final === filter.running) return false;
  if (filter.statuses !== undefined && !filter.statuses.includes(state.status)) return false;
  if (filter.owner !== undefined && state.submission?.owner !== filter.owner) return false;
  if (filter.serviceUrls !== undefined && !filter.serviceUrls.has(state.ref.serviceUrl)) return false;
  return filter.task === undefined || state.ref.task === filter.task;
}

/**
 * One page of a caller's jobs, newest first: entries read from the list in batches, their states from
 * the job store, filtered, until `first` match (and one more, for `hasNextPage`). Entries whose state
 * is gone are removed from the list on the way.
 */
export async function listJobs(
  list: JobListStore,
  stored: (ref: JobRef) => Promise<JobState | undefined>,
  lister: string,
  request: JobListRequest,
): Promise<JobListPage> {
  const filter = request.filter ?? {};
  const before = filter.submittedBefore === undefined ? undefined : { submittedAt: filter.submittedBefore, member: '' };
  let position = later(request.after === undefined ? undefined : decodeCursor(request.after), before);
  const edges: JobListEdge[] = [];
  let hasNextPage = false;
  // A caller's list holds at most MAX_LISTED_JOBS entries: the scan ends with it.
  for (let scanned = 0; scanned <= MAX_LISTED_JOBS && !hasNextPage;) {
    const batch = await list.after(lister, position, Math.min(100, Math.max(request.first + 1, 20)));
    if (batch.length === 0) break;
    scanned += batch.length;
    const last = batch.at(-1);
    if (last) position = { submittedAt: last.submittedAt, member: listMember(last.ref) };
    // Newest first: past `submittedAfter`, nothing further down the list can match, nor is read.
    const after = filter.submittedAfter;
    const recent = after === undefined ? batch : batch.filter((entry) => entry.submittedAt > after);
    const states = await Promise.all(recent.map((entry) => stored(entry.ref)));
    const gone: JobListEntry[] = [];
    for (const [i, entry] of recent.entries()) {
      const state = states[i];
      if (state === undefined) gone.push(entry);
      else if (matches(state, filter)) {
        if (edges.length === request.first) {
          hasNextPage = true;
          break;
        }
        edges.push({
          cursor: encodeCursor({ submittedAt: entry.submittedAt, member: listMember(entry.ref) }),
          state,
          submittedAt: entry.submittedAt,
        });
      }
    }
    await list.remove(lister, gone);
    if (recent.length < batch.length) break;
  }
  return { edges, hasNextPage };
}
