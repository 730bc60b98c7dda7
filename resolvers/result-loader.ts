import DataLoader from 'dataloader';
import type { JobRef } from '../core/jobs/job-state.js';
import type { LruCache } from '../core/lru-cache.js';

/** One output of one finished job, as the client asked to see it. */
export interface ResultKey {
  readonly ref: JobRef;
  readonly param: string;
  /**
   * The output's `paramUrl` from the job status (`results/<param>`, relative to the job URL), when the
   * caller has it; resolved and confined under the job's `results/` (gateway/arcgis/url-guard.ts).
   * Not part of the cache key: one job's output has one URL.
   */
  readonly paramUrl?: string;
  readonly outSR?: number;
  readonly returnZ: boolean;
  readonly returnM: boolean;
}

export type FetchResult = (key: ResultKey, signal?: AbortSignal) => Promise<unknown>;
export type ResultLoader = DataLoader<ResultKey, unknown, string>;

export function resultCacheKey(key: ResultKey): string {
  return JSON.stringify([key.ref.serviceUrl, key.ref.task, key.ref.jobId, key.param, key.outSR ?? null, key.returnZ, key.returnM]);
}

/**
 * Per request: K selections of one output (aliases, fragments) fetch it once. Across requests:
 * the shared LRU, since a finished job's results never change. A failed fetch fails only its keys
 * (errors are values) and is not cached.
 */
export function createResultLoader(fetchResult: FetchResult, shared: LruCache<unknown>, signal?: AbortSignal): ResultLoader {
  return new DataLoader<ResultKey, unknown, string>(
    (keys) =>
      Promise.all(
        keys.map(async (key) => {
          const cacheKey = resultCacheKey(key);
          const cached = shared.get(cacheKey);
          if (cached !== undefined) return cached;
          try {
            const value = await fetchResult(key, signal);
            shared.set(cacheKey, value);
            return value;
          } catch (error) {
            return error instanceof Error ? error : new Error(String(error));
          }
        }),
      ),
    { cacheKeyFn: resultCacheKey },
  );
}
