/**
 * A real `redis-server` for tests: loopback only, a free port, a temp dir, no persistence. Servers
 * started inside a test stop after it; servers started in `beforeAll` stop after the file.
 *
 * When `redis-server` is not installed, Redis suites are skipped with a printed reason — except
 * with `CI=true`, where they fail: CI must not go green by skipping them.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, describe, it, TestRunner } from 'vitest';
import { launchRedisServer, type RedisServer } from './redis-process.js';

export type { RedisServer };

const BINARY = process.env.REDIS_SERVER ?? 'redis-server';

let available: boolean | undefined;

export function redisAvailable(): boolean {
  available ??= spawnSync(BINARY, ['--version'], { stdio: 'ignore' }).status === 0;
  return available;
}

const MISSING = `${BINARY} is not installed (or REDIS_SERVER does not name it): Redis tests need a real Redis 7 server`;
let warned = false;

/** 'run', or 'skip' after printing why once; with CI=true a missing server throws instead. */
export function redisTestMode(): 'run' | 'skip' | 'fail' {
  if (redisAvailable()) return 'run';
  if (process.env.CI === 'true') return 'fail';
  if (!warned) console.warn(`Skipping Redis tests: ${MISSING}.`);
  warned = true;
  return 'skip';
}

/** Throws the "redis-server missing" error (for a case that must fail on CI). */
export function failMissingRedis(): never {
  throw new Error(`${MISSING}; CI=true, so these tests fail rather than skip.`);
}

/** `describe` for suites that need redis-server: runs, is skipped with a reason, or fails on CI. */
export function describeRedis(name: string, body: () => void): void {
  const mode = redisTestMode();
  if (mode === 'run') describe(name, body);
  else if (mode === 'skip') describe.skip(name, body);
  else
    describe(name, () => {
      it('needs redis-server', () => {
        failMissingRedis();
      });
    });
}

const perTest: (() => Promise<void>)[] = [];
const perFile: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(perTest.splice(0).map((dispose) => dispose()));
});
afterAll(async () => {
  await Promise.all(perFile.splice(0).map((dispose) => dispose()));
});

export async function startRedisServer(): Promise<RedisServer> {
  const server = await launchRedisServer();
  // Started inside a test: stopped after it; in beforeAll (no current test): after the file.
  (TestRunner.getCurrentTest() === undefined ? perFile : perTest).push(() => server.dispose());
  return server;
}
