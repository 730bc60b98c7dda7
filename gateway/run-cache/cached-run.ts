import type { ExecuteResult, RunCacheOutcome } from '../../resolvers/execute-result.js';
import type { GpMessageShape } from '../../resolvers/views.js';

/** An `execute` answer as the run cache keeps it, in memory and as JSON in Redis. */
export interface CachedRun {
  /** When the answer arrived (ms since the epoch): TTL and `ageSeconds` count from it. */
  readonly storedAt: number;
  readonly results: readonly (readonly [string, unknown])[];
  readonly messages: readonly GpMessageShape[];
}

export function toCachedRun(result: ExecuteResult, storedAt: number): CachedRun {
  return { storedAt, results: [...result.values], messages: result.messages };
}

export function fromCachedRun(run: CachedRun, outcome: RunCacheOutcome): ExecuteResult {
  return { values: new Map(run.results), messages: run.messages, runCache: outcome };
}

/** A task that failed answers with an error; one that reported an error message is not trusted to repeat. */
export function isCacheable(result: ExecuteResult): boolean {
  return !result.messages.some((message) => message.type === 'esriJobMessageTypeError');
}

/** Parses what Redis holds; anything else (another version's shape, a damaged value) counts as absent. */
export function parseCachedRun(text: string): CachedRun | undefined {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null) return undefined;
  const run = json as Partial<Record<keyof CachedRun, unknown>>;
  if (typeof run.storedAt !== 'number' || !Array.isArray(run.results) || !Array.isArray(run.messages)) return undefined;
  const results = run.results.filter((entry): entry is [string, unknown] => Array.isArray(entry) && typeof entry[0] === 'string');
  if (results.length !== run.results.length) return undefined;
  return { storedAt: run.storedAt, results, messages: run.messages as GpMessageShape[] };
}
