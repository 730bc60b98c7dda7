import { systemClock, type Clock } from '../../core/clock.js';
import { credentialKey, GATEWAY_CREDENTIAL, type Credential } from '../../core/credential.js';
import type { JobRef } from '../../core/jobs/job-state.js';
import { jobKey } from './job-store.js';

interface Entry {
  credential: Credential;
  expired: boolean;
  until: number;
}

/**
 * The credential each job is polled with: the one that submitted it. When that was a user token
 * that has since expired, the next watcher whose own token can read the job takes over, so a
 * watched job resumes. Entries outlive their jobs by `ttlMs` (they also decide who may read a
 * finished job's stored state) and are pruned as new ones arrive.
 */
export class JobCredentials {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60_000,
    private readonly clock: Pick<Clock, 'now'> = systemClock,
    /** Entries kept at most, the oldest dropped first: more than the job store keeps, so a stored job keeps its submitter. */
    private readonly maxEntries = 50_000,
  ) {}

  remember(ref: JobRef, credential: Credential): void {
    this.prune();
    const key = jobKey(ref);
    // Re-inserted at the end: the Map's order is the order of last use, oldest first.
    this.entries.delete(key);
    this.entries.set(key, { credential, expired: false, until: this.clock.now() + this.ttlMs });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  get(ref: JobRef): Credential {
    return this.entries.get(jobKey(ref))?.credential ?? GATEWAY_CREDENTIAL;
  }

  /**
   * The submitter, or a later reader after the submitter's token expired. A job with no entry has no
   * known owner: whoever asks is checked upstream (never taken for the owner by default).
   */
  isOwner(ref: JobRef, credential: Credential): boolean {
    const entry = this.entries.get(jobKey(ref));
    return entry !== undefined && credentialKey(entry.credential) === credentialKey(credential);
  }

  /** A watcher's credential just read the job upstream: it takes over polling if the current one expired. */
  offer(ref: JobRef, credential: Credential): void {
    const entry = this.entries.get(jobKey(ref));
    if (credential.kind === 'caller' && (entry === undefined || entry.expired)) this.remember(ref, credential);
  }

  /** A job whose state is no longer kept: who submitted it need not be kept either. */
  forgetKey(key: string): void {
    this.entries.delete(key);
  }

  markExpired(ref: JobRef): void {
    const entry = this.entries.get(jobKey(ref));
    if (entry) entry.expired = true;
  }

  private prune(): void {
    const now = this.clock.now();
    for (const [key, entry] of this.entries) if (entry.until < now) this.entries.delete(key);
  }
}
