import { afterEach, beforeAll } from 'vitest';
import { startRedisServer, type RedisServer } from './redis-server.js';

export interface RedisSuite {
  /** The block's redis-server (started before its first test). */
  readonly url: () => string;
  /** Runs `close` after the current test (connections, stores). */
  readonly cleanup: (close: () => Promise<void>) => void;
}

/** For a `describeRedis` block: one redis-server for the block, and what each test opened closed after it. */
export function redisSuite(): RedisSuite {
  let server: RedisServer | undefined;
  const closers: (() => Promise<void>)[] = [];
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });
  return {
    url: () => {
      if (!server) throw new Error('the redis-server of this block has not started');
      return server.url;
    },
    cleanup: (close) => {
      closers.push(close);
    },
  };
}
