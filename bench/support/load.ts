/**
 * Helpers for the HTTP throughput benchmarks (B1, B2): servers and the load generator each in
 * their own child process, alternated round by round, and the median of each server's rounds.
 */
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { startChild, stopChild } from '../../test/support/child-process.js';
import type { LoadResult, LoadSpec } from './autocannon.js';

export type { LoadResult, LoadSpec } from './autocannon.js';

/** Runs one load (warm-up + measured run) from a separate process. */
export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const { child, match } = await startChild('bench/support/load-client.ts', [JSON.stringify(spec)], /^RESULT (.*)$/m);
  await stopChild(child);
  return JSON.parse(match[1] ?? '{}') as LoadResult;
}

export interface ServerChild {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** CPU time (user + system, all threads) of a process so far, in ms, from /proc (clock ticks of 10 ms). */
export function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Starts `node --import tsx <script> <args>`; `pattern`'s first group is the URL it listens on. */
export async function startServer(script: string, args: readonly string[], pattern: RegExp): Promise<ServerChild> {
  const { child, match }: { child: ChildProcess; match: RegExpExecArray } = await startChild(script, args, pattern);
  return { url: (match[1] ?? '').replace('//localhost:', '//127.0.0.1:'), pid: child.pid ?? 0, stop: () => stopChild(child) };
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export interface Summary {
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly rounds: readonly Measured[];
  /** Median CPU µs per request of each watched process. */
  readonly cpuUsPerRequest: readonly number[];
  /** Errors, timeouts and non-2xx answers over all rounds (should be 0). */
  readonly failures: number;
}

export function summarize(rounds: readonly Measured[]): Summary {
  return {
    cpuUsPerRequest: (rounds[0]?.cpuUsPerRequest ?? []).map((_, k) => median(rounds.map((r) => r.cpuUsPerRequest[k] ?? Number.NaN))),
    rps: median(rounds.map((r) => r.rps)),
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    rounds,
    failures: rounds.reduce((n, r) => n + r.errors + r.timeouts + r.non2xx, 0),
  };
}

/**
 * `rounds` rounds; in each, every target once, in turn (A, B, A, B …). Returns each target's
 * results, in target order.
 */
export async function alternate(targets: readonly LoadSpec[], rounds: number, pids: readonly number[] = []): Promise<Measured[][]> {
  const results: Measured[][] = targets.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < targets.length; i++) {
      const target = targets[i];
      if (!target) continue;
      const before = pids.map(cpuMs);
      const result = await runLoad(target);
      const requests = Math.max(1, result.responses + result.warmupResponses);
      const cpuUsPerRequest = pids.map((pid, k) => ((cpuMs(pid) - (before[k] ?? 0)) * 1000) / requests);
      results[i]?.push({ ...result, cpuUsPerRequest });
    }
  }
  return results;
}

/** One run's load result, and the CPU time per request (warm-up included) of each watched process. */
export interface Measured extends LoadResult {
  readonly cpuUsPerRequest: readonly number[];
}

export async function waitUntilOk(url: string, init: RequestInit = {}, limitMs = 30_000): Promise<void> {
  const until = Date.now() + limitMs;
  for (;;) {
    try {
      const response = await fetch(url, init);
      await response.arrayBuffer();
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`${url} not ready within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export const fmt = {
  rps: (n: number): string => n.toFixed(0),
  ms: (n: number): string => `${n.toFixed(2)} ms`,
  ratio: (n: number): string => `${n.toFixed(2)}×`,
  us: (n: number): string => `${n.toFixed(0)} µs`,
};
