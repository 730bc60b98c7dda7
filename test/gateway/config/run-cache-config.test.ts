import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGatewayCli, USAGE } from '../../../gateway/cli/gateway-cli.js';
import { ConfigError } from '../../../gateway/config/load-config.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'run-cache-config-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('run cache configuration', () => {
  it('should read the tasks, TTL and size from the file, the flags overriding it', async () => {
    const path = join(dir, 'gateway.json');
    await writeFile(path, JSON.stringify({ runCache: { tasks: ['GPFolder/BufferService/Buffer'], ttlSeconds: 120, maxMb: 16 } }));
    expect((await parseGatewayCli(['--config', path], {})).runCache).toEqual({
      tasks: ['GPFolder/BufferService/Buffer'],
      ttlSeconds: 120,
      maxMb: 16,
    });
    const flagged = await parseGatewayCli(
      ['--config', path, '--cache-task', 'elev/Viewshed', '--cache-task', 'GPFolder/BufferService/Buffer', '--cache-ttl', '30'],
      {},
    );
    expect(flagged.runCache).toEqual({ tasks: ['elev/Viewshed', 'GPFolder/BufferService/Buffer'], ttlSeconds: 30, maxMb: 16 });
  });

  it('should leave the cache off without tasks', async () => {
    expect((await parseGatewayCli([], {})).runCache).toBeUndefined();
    expect((await parseGatewayCli(['--cache-ttl', '30'], {})).runCache).toBeUndefined();
  });

  it('should refuse a task named without its service', async () => {
    const error = await parseGatewayCli(['--cache-task', 'Buffer'], {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(
      /--cache-task: runCache\.tasks\.0: must name a task as <service name or alias>\/<task>/,
    );
  });

  it('should list the flags in the usage', () => {
    expect(USAGE).toContain('--cache-task <service/task>');
    expect(USAGE).toContain('--cache-ttl <s>');
  });
});
