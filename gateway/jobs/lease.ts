/**
 * A lease per job, so that of several gateway instances sharing one store exactly one polls a job
 * (README › Scale-out). A lease has an owner and expires `ttlMs` after it was last acquired or renewed:
 * an owner that dies simply stops renewing, and another instance can take the job over.
 *
 * Every operation compares the owner first, so an instance never renews or releases a lease it
 * has lost to another. `acquire` by the current owner renews (a holder that missed one renewal
 * through an error gets its lease back instead of waiting for it to expire).
 * The Redis implementation is `gateway/redis/redis-lease.ts`.
 */
import { systemClock, type Clock } from '../../core/clock.js';

export interface JobLease {
  /** Takes the lease when it is free (or expired) or already `owner`'s; says whether `owner` holds it now. */
  acquire(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Extends `owner`'s lease to `ttlMs` from now; false when `owner` no longer holds it. */
  renew(key: string, owner: string, ttlMs: number): Promise<boolean>;
  /** Gives the lease up if `owner` still holds it; a no-op otherwise. */
  release(key: string, owner: string): Promise<void>;
}

/**
 * Leases in a Map with expiry read from `clock`: for one process (which owns all its jobs anyway)
 * and for tests in which several hubs stand for several instances.
 */
export function memoryLease(clock: Pick<Clock, 'now'> = systemClock): JobLease {
  const leases = new Map<string, { owner: string; expiresAt: number }>();
  /** The live holder of `key`, dropping an expired entry. */
  const holder = (key: string): string | undefined => {
    const lease = leases.get(key);
    if (lease && lease.expiresAt <= clock.now()) leases.delete(key);
    return leases.get(key)?.owner;
  };
  const renew = (key: string, owner: string, ttlMs: number): Promise<boolean> => {
    if (holder(key) !== owner) return Promise.resolve(false);
    leases.set(key, { owner, expiresAt: clock.now() + ttlMs });
    return Promise.resolve(true);
  };
  return {
    acquire(key, owner, ttlMs) {
      if (holder(key) === undefined) leases.set(key, { owner, expiresAt: clock.now() + ttlMs });
      return renew(key, owner, ttlMs);
    },
    renew,
    release(key, owner) {
      if (holder(key) === owner) leases.delete(key);
      return Promise.resolve();
    },
  };
}
