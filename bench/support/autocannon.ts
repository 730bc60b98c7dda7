/**
 * A minimal typed wrapper over autocannon's programmatic API (the package ships no types): the
 * options and result fields the benchmarks use, and every response time at full precision (the
 * result's own latency histogram is in whole milliseconds, too coarse for sub-millisecond servers).
 */
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

export interface LoadSpec {
  readonly url: string;
  readonly method: 'GET' | 'POST';
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly connections: number;
  /** Seconds of load whose results are discarded (connections, JIT, caches). */
  readonly warmupSeconds: number;
  readonly durationSeconds: number;
  /** Requests per second over all connections (paced load); unpaced (closed loop) when absent. */
  readonly overallRate?: number;
}

export interface LoadResult {
  /** 2xx responses per second over the measured run. */
  readonly rps: number;
  readonly responses: number;
  /** 2xx responses during the warm-up (not in the figures; for CPU time per request). */
  readonly warmupResponses: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly meanMs: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

interface AutocannonOptions {
  url: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  connections: number;
  duration: number;
  pipelining: number;
  timeout: number;
  overallRate?: number;
}

interface AutocannonResult {
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
}

interface AutocannonInstance {
  on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTimeMs: number) => void): void;
}

type Autocannon = (options: AutocannonOptions, done: (error: Error | null, result: AutocannonResult) => void) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function once(spec: LoadSpec, seconds: number): Promise<Omit<LoadResult, 'warmupResponses'>> {
  let times = new Float64Array(1 << 16);
  let count = 0;
  const started = performance.now();
  const result = await new Promise<AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        method: spec.method,
        ...(spec.headers ? { headers: { ...spec.headers } } : {}),
        ...(spec.body !== undefined ? { body: spec.body } : {}),
        connections: spec.connections,
        duration: seconds,
        pipelining: 1,
        timeout: 10,
        ...(spec.overallRate === undefined ? {} : { overallRate: spec.overallRate }),
      },
      (error, value) => {
        if (error) reject(error);
        else resolve(value);
      },
    );
    instance.on('response', (_client, statusCode, _bytes, responseTimeMs) => {
      if (statusCode < 200 || statusCode >= 300) return;
      if (count === times.length) {
        const bigger = new Float64Array(times.length * 2);
        bigger.set(times);
        times = bigger;
      }
      times[count++] = responseTimeMs;
    });
  });
  const elapsedS = (performance.now() - started) / 1000;
  const sorted = times.subarray(0, count).sort();
  let sum = 0;
  for (const t of sorted) sum += t;
  return {
    rps: count / elapsedS,
    responses: count,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: count > 0 ? sum / count : Number.NaN,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

/** Warm-up (discarded), then the measured run, in this process. */
export async function runAutocannon(spec: LoadSpec): Promise<LoadResult> {
  const warmup = spec.warmupSeconds > 0 ? await once(spec, spec.warmupSeconds) : undefined;
  return { ...(await once(spec, spec.durationSeconds)), warmupResponses: warmup?.responses ?? 0 };
}
