import { systemClock, type Clock } from '../../core/clock.js';
import { redisLease } from '../redis/redis-lease.js';
import type { Logger } from '../log/logger.js';
import { createMemoryAccessGrants, type AccessGrants } from './access-grants.js';
import { createMemoryIdempotencyStore, type IdempotencyStore } from './idempotency.js';
import type { JobLease } from './lease.js';
import { createMemoryJobStore, type JobStore, type MemoryJobStoreOptions } from './job-store.js';
import { createRedisAccessGrants } from '../redis/redis-access-grants.js';
import { createRedisIdempotencyStore } from '../redis/redis-idempotency.js';
import { createRedisJobStore } from '../redis/redis-job-store.js';

/** Where job state, change notices, leases, idempotency keys and access grants live. */
export interface JobBackend {
  readonly store: JobStore;
  readonly idempotency: IdempotencyStore;
  readonly grants: AccessGrants;
  /** Present in scale-out mode: one instance polls each job. */
  readonly lease: JobLease | undefined;
  /** Redis's state for `/readyz`: `ready`, `down`, or `unused` in memory mode. */
  redis(): 'ready' | 'down' | 'unused';
  close(): Promise<void>;
}

/** In memory (one process, the default; finished jobs capped by count and bytes) or in Redis (several instances: README › Scale-out). */
export function createJobBackend(
  redisUrl: string | undefined,
  log: Logger,
  clock: Clock = systemClock,
  memory: MemoryJobStoreOptions = {},
): JobBackend {
  if (redisUrl === undefined) {
    return {
      store: createMemoryJobStore({ ...memory, clock }),
      idempotency: createMemoryIdempotencyStore(undefined, clock),
      grants: createMemoryAccessGrants(clock),
      lease: undefined,
      redis: () => 'unused',
      close: () => Promise.resolve(),
    };
  }
  const store = createRedisJobStore({ url: redisUrl, log, clock });
  return {
    store,
    idempotency: createRedisIdempotencyStore({ client: store.client, log, clock }),
    grants: createRedisAccessGrants(store.client),
    lease: redisLease(store.client),
    redis: () => (store.client.status === 'ready' ? 'ready' : 'down'),
    close: () => store.close(),
  };
}
