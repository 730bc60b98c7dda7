/**
 * The headers timeout and the request timeout are one pair: Node refuses a headers timeout longer
 * than the request timeout. One given alone sets the other's default; a pair that conflicts is a
 * configuration error (exit code 2) naming both options, never a crash at start.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayCli } from '../../../gateway/cli/gateway-cli.js';
import { ConfigError } from '../../../gateway/config/load-config.js';
import { createHttpServer, effectiveTimeouts } from '../../../gateway/http/http-server.js';
import { runToExit, startChild, stopChild } from '../../support/child-process.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gateway-timeouts-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function problems(argv: string[]): Promise<readonly string[]> {
  try {
    await parseGatewayCli(argv, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

async function configFile(json: unknown): Promise<string[]> {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(path, JSON.stringify(json));
  return ['--config', path];
}

const NAMES_BOTH = expect.stringMatching(/timeouts\.headersSeconds.*--headers-timeout.*timeouts\.requestSeconds.*--request-timeout/);

describe('server timeouts', () => {
  it('should take a request timeout alone as the headers timeout too when it is shorter than the default', async () => {
    expect(effectiveTimeouts({ requestMs: 3_000 })).toEqual({ headersMs: 3_000, requestMs: 3_000, keepAliveMs: 65_000 });
    expect(effectiveTimeouts({ requestMs: 300_000 }).headersMs).toBe(20_000);
    expect(await problems(['--request-timeout', '3'])).toEqual([]);
    const server = createHttpServer(() => undefined, (await parseGatewayCli(['--request-timeout', '3'], {})).timeouts);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    expect((server.address() as AddressInfo).port).toBeGreaterThan(0);
    expect([server.headersTimeout, server.requestTimeout]).toEqual([3_000, 3_000]);
    await new Promise((resolve) => server.close(resolve));
  });

  it('should refuse a headers timeout longer than the request timeout, naming both options, from any layers', async () => {
    expect(await problems(['--request-timeout', '3', '--headers-timeout', '5'])).toEqual([NAMES_BOTH]);
    // The request timeout left at its default (120 s) still counts.
    expect(await problems(['--headers-timeout', '200'])).toEqual([expect.stringContaining('120 s by default (--request-timeout)')]);
    // One option in the file, the other as a flag: the merged configuration is what must hold.
    expect(await problems([...(await configFile({ timeouts: { headersSeconds: 30 } })), '--request-timeout', '10'])).toEqual([NAMES_BOTH]);
    expect(await problems([...(await configFile({ timeouts: { headersSeconds: 200 } })), '--request-timeout', '300'])).toEqual([]);
    expect(() => createHttpServer(() => undefined, { headersMs: 5_000, requestMs: 3_000 })).toThrow(
      /headers timeout \(5000 ms\) must not exceed the request timeout \(3000 ms\)/,
    );
  });

  it('should start with --request-timeout alone, and stop with 2 on a conflicting pair', async () => {
    const { child } = await startChild(
      'gateway/main.ts',
      ['--port', '0', '--log-level', 'silent', '--request-timeout', '3'],
      /GraphQL gateway at (\S+)\n/,
    );
    await stopChild(child);
    const { code, stderr, stdout } = await runToExit('gateway/main.ts', [
      '--port',
      '0',
      '--request-timeout',
      '3',
      '--headers-timeout',
      '5',
    ]);
    expect(code).toBe(2);
    expect(stderr).toContain('The configuration cannot start the gateway');
    expect(stderr).toMatch(/--headers-timeout.*--request-timeout/);
    expect(stderr).not.toContain('RangeError');
    expect(stdout).toBe('');
  });
});
