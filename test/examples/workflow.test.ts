/** examples/workflow.ts against the embedded GPServer: the zonal chain on one subscription, then its table. */
import { describe, expect, it } from 'vitest';
import { runWorkflowExample } from '../../examples/workflow.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

/** The printed statuses of one step, in print order, with the index of each line. */
function stepLines(lines: readonly string[], step: string): { status: string; at: number }[] {
  return lines.flatMap((line, at) => {
    const status = new RegExp(`^  ${step}: (\\w+)$`).exec(line)?.[1];
    return status ? [{ status, at }] : [];
  });
}

describe('examples/workflow.ts', () => {
  it('runs ExtractElevation ∥ Buffer → ZonalStatistics, prints each step as it moves and one line per zone', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 100, graceMs: 200 } });
    const lines: string[] = [];
    const { status, zones } = await runWorkflowExample(graphqlUrl, (line) => lines.push(line));

    expect(status).toBe('SUCCEEDED');
    expect(lines[0]).toMatch(/^submitted \S+: (SUBMITTED|EXECUTING)$/);
    const [terrain, buffer, stats] = ['terrain', 'zones', 'stats'].map((step) => stepLines(lines, step));
    for (const printed of [terrain, buffer, stats]) {
      expect(printed?.at(-1)?.status).toBe('SUCCEEDED');
      // A line only when the status changed.
      expect(printed?.every((line, i) => i === 0 || line.status !== printed[i - 1]?.status)).toBe(true);
    }
    // Chain order: stats waits for both of its inputs, and its run starts after both succeeded.
    expect(stats?.[0]?.status).toBe('PENDING');
    const started = stats?.find((line) => line.status !== 'PENDING')?.at ?? -1;
    expect(started).toBeGreaterThan(terrain?.at(-1)?.at ?? Infinity);
    expect(started).toBeGreaterThan(buffer?.at(-1)?.at ?? Infinity);

    const zoneLines = lines.slice(lines.indexOf('workflow SUCCEEDED') + 1);
    expect(zoneLines).toHaveLength(3);
    for (const line of zoneLines) expect(line).toMatch(/^zone [123]: mean elevation \d+(\.\d)? m$/);
    expect(zones.map((z) => z.zone).sort()).toEqual(['1', '2', '3']);
    for (const { mean } of zones) expect(Number.isFinite(mean)).toBe(true);
  }, 60_000);
});
