/**
 * Goal lines for bench/report.ts: each benchmark prints `GOAL <id> <met|not met> <figure>` after its
 * tables, so the report's summary never parses a table.
 */

/**
 * `GOAL` line for "one poll per interval whatever the number of watchers": every figure within 1.0 ± 0.1,
 * i.e. at most one poll more or fewer than the window's intervals (where the window starts in the poll cycle).
 */
export function goalPerInterval(id: string, perInterval: readonly number[], what: string): string {
  const met = perInterval.length > 0 && perInterval.every((r) => Math.abs(r - 1) <= 0.1 + 1e-9);
  const lo = Math.min(...perInterval);
  const hi = Math.max(...perInterval);
  return `GOAL ${id} ${met ? 'met' : 'not met'} ${lo === hi ? lo.toFixed(2) : `${lo.toFixed(2)}–${hi.toFixed(2)}`} polls per interval (${what})`;
}
