import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import type { Catalog } from '../../core/catalog.js';
import type { ExecuteRequest, ExecuteResult, ExecuteTask } from '../../resolvers/execute-result.js';
import type { RunCacheService } from '../../resolvers/run-cache-service.js';
import type { Logger } from '../log/logger.js';
import { fromCachedRun, isCacheable, toCachedRun } from './cached-run.js';
import { runCacheKey } from './run-cache-key.js';
import { runCacheNameProblems, taskNamesOf } from './run-cache-tasks.js';
import { createRunCacheStore } from './run-cache-store.js';

/** README › Cached runs. */
export interface RunCacheSettings {
  /** `<service name or alias>/<task>` of synchronous tasks whose answers depend on their inputs alone. */
  readonly tasks: readonly string[];
  /** How long an answer is reused. Default 300 s. */
  readonly ttlSeconds?: number;
  /** Memory for answers (as JSON) on each instance; an answer above a quarter of it is not cached. Default 64 MiB. */
  readonly maxMb?: number;
}

export type RunCacheResult = 'hit' | 'miss' | 'bypass';

export interface RunCacheDeps {
  readonly execute: ExecuteTask;
  /** Scale-out: answers are shared by every instance (`gpgw:run:<hash>`, expiring with the TTL). */
  readonly redis?: Redis;
  readonly clock: Clock;
  readonly log: Logger;
  readonly count: (result: RunCacheResult) => void;
}

export interface RunCache {
  /** The `execute` for a task the settings mark; undefined for any other task. */
  readonly executeFor: (service: RunCacheService, taskName: string) => ExecuteTask | undefined;
  /** Warns about configured names the catalog does not hold as synchronous tasks. */
  check(catalog: Catalog): void;
}

const MB = 1024 * 1024;

export function createRunCache(settings: RunCacheSettings, deps: RunCacheDeps): RunCache {
  const { execute, clock, log, count } = deps;
  const marked = new Set(settings.tasks);
  const maxBytes = (settings.maxMb ?? 64) * MB;
  const store = createRunCacheStore({
    ttlMs: (settings.ttlSeconds ?? 300) * 1000,
    maxBytes,
    maxEntryBytes: maxBytes / 4,
    redis: deps.redis,
    clock,
    log,
  });
  // Identical runs in flight on this instance: the first goes upstream, the others wait for its answer.
  const flights = new Map<string, { readonly answer: Promise<ExecuteResult>; readonly signal?: AbortSignal }>();

  async function goUpstream(key: string, request: ExecuteRequest): Promise<ExecuteResult> {
    const flight = { answer: execute(request), signal: request.signal };
    flights.set(key, flight);
    try {
      const result = await flight.answer;
      if (isCacheable(result)) await store.set(key, toCachedRun(result, clock.now()));
      return { ...result, runCache: { hit: false } };
    } finally {
      if (flights.get(key) === flight) flights.delete(key);
    }
  }

  const cachedExecute: ExecuteTask = async (request) => {
    if (request.staged === true) {
      count('bypass');
      return { ...(await execute(request)), runCache: { hit: false } };
    }
    const key = runCacheKey(request);
    const cached = await store.get(key);
    if (cached) {
      count('hit');
      return fromCachedRun(cached, { hit: true, ageSeconds: Math.max(0, Math.floor((clock.now() - cached.storedAt) / 1000)) });
    }
    // No await between this look-up and goUpstream's registration: two identical runs cannot both miss it.
    for (let flight = flights.get(key); flight !== undefined; flight = flights.get(key)) {
      try {
        const shared = await flight.answer;
        count('hit');
        return { ...shared, runCache: { hit: true, ageSeconds: 0 } };
      } catch (error) {
        // The caller that went upstream left: its abort is not this caller's answer. The first waiter back
        // goes upstream in its place and the others wait for that flight.
        if (flight.signal?.aborted !== true) throw error;
        if (flights.get(key) === flight) flights.delete(key);
      }
    }
    count('miss');
    return goUpstream(key, request);
  };

  return {
    executeFor: (service, taskName) => (taskNamesOf(service, taskName).some((name) => marked.has(name)) ? cachedExecute : undefined),
    check: (catalog) => {
      for (const problem of runCacheNameProblems(settings.tasks, catalog)) log.warn(`run cache: ${problem}`);
    },
  };
}
