import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * The 60-second mode of `npm run soak` (bench/soak.ts), run as a child process with --expose-gc:
 * churn with faults, then a barrage of hostile input with a canary. Its goals are behaviour and counts
 * (no hung subscriber, no lost final, no 5xx), not speed.
 */
describe('a one-minute soak', () => {
  it('should leave no subscriber hung, lose no final status, and answer no client input with 5xx', async () => {
    const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/soak.ts', '--seconds', '60', '--no-write'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    const line = stdout.split('\n').find((l) => l.startsWith('SOAK '));
    expect(line, `no SOAK line; stderr: ${stderr.slice(-2_000)}`).toBeDefined();
    const result = JSON.parse(line?.slice(5) ?? '{}') as Record<string, number> & { goals: Record<string, boolean> };
    expect(result.jobsFinal).toBeGreaterThan(100);
    expect(result.barrage).toBeGreaterThan(100);
    expect({
      hung: result.hung,
      lostFinals: result.lostFinals,
      barrage5xx: result.barrage5xx,
      http5xx: result.http5xx,
      canaryFailures: result.canaryFailures,
    }).toEqual({
      hung: 0,
      lostFinals: 0,
      barrage5xx: 0,
      http5xx: 0,
      canaryFailures: 0,
    });
    // The heap goals (slope per 1,000 jobs, return after the barrage) are measured and reported by the
    // soak, not asserted here: on a machine shared with the rest of the suite they vary with the load.
    expect([0, 1]).toContain(code);
  }, 180_000);
});
