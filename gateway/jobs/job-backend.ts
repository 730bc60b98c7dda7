import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../core/clock.js';
import { redisLease } from '../redis/redis-lease.js';
import type { Logger } from '../log/logger.js';
import { createMemoryAccessGrants, type AccessGrants } from './access-grants.js';
import { createMemoryJobList, type JobListStore } from './job-list.js';
import type { KeptJobSet } from './kept-jobs.js';
import { createRedisJobList } from '../redis/redis-job-list.js';
import { createRedisKeptJobSet } from '../redis/redis-kept-jobs.js';
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
  /** Each caller's jobs (`Query.jobs`). */
  readonly jobList: JobListStore;
  /** Jobs every instance follows until they end; none in memory mode (the submitting process follows them). */
  readonly keptSet: KeptJobSet | undefined;
  /** The store's command connection in scale-out mode, for what else lives in Redis (webhooks). */
  readonly client: Redis | undefined;
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
      jobList: createMemoryJobList(),
      keptSet: undefined,
      client: undefined,
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
    jobList: createRedisJobList(store.client),
    keptSet: createRedisKeptJobSet(store.client),
    client: store.client,
    lease: redisLease(store.client),
    redis: () => (store.client.status === 'ready' ? 'ready' : 'down'),
    close: () => store.close(),
  };
}
