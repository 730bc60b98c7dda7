/**
 * The job store shared by gateway instances (README › Scale-out), behind the same `JobStore` interface as
 * the memory store.
 *
 * - `<prefix>state:<jobKey>`: the job's latest state, a string of JSON (`redis-job-codec.ts`).
 * - `put` runs one Lua script: it writes only when the new version is greater than the stored one
 *   (a late or concurrent writer of an older or equal version changes nothing and resolves
 *   quietly), sets the TTL (finished or idle), and PUBLISHes the same JSON on
 *   `<prefix>notice:<jobKey>`; the notice carries the whole state (its version included), so
 *   subscribers never read it back.
 * - `subscribe`: one shared subscriber connection (`redis-job-subscriber.ts`); states arrive in
 *   version order, and every subscribed key is read back after each (re)subscription.
 *
 * Faults (`redis-connection.ts`): Redis away for any length of time (there is no time limit) crashes
 * nothing. `get` and `put` wait at most `commandTimeoutMs` while disconnected and then reject with a
 * GatewayError `UPSTREAM_UNREACHABLE` (the poller logs it and backs off; a GraphQL operation errors).
 * Subscriptions survive: on reconnect they are made again and every key is read back, so a final
 * state whose notice was published while this instance was away is still delivered.
 */
import type { Redis } from 'ioredis';
import type { Clock } from '../../core/clock.js';
import type { Logger } from '../log/logger.js';
import { luaScript } from './lua-script.js';
import { closeRedis, createRedisConnection, redisCall } from './redis-connection.js';
import type { JobState } from '../../core/jobs/job-state.js';
import { jobKey, type JobStore } from '../jobs/job-store.js';
import { decodeJobState, encodeJobState } from './redis-job-codec.js';
import { createRedisJobSubscriber } from './redis-job-subscriber.js';

export interface RedisJobStoreOptions {
  readonly url: string;
  readonly log: Logger;
  /** Prefix of every key and channel. Default `gpgw:`. */
  readonly keyPrefix?: string;
  /** How long a final state stays after its last put. Default 1 hour. Fractions are honoured (ms precision). */
  readonly finishedTtlSeconds?: number;
  /** How long an unfinished state nobody updates stays. Default 24 hours. */
  readonly idleTtlSeconds?: number;
  /** How long a command may wait while Redis is away or silent before it fails. Default 2000 ms. */
  readonly commandTimeoutMs?: number;
  /** For the connections' health log; the TTLs are Redis's own. */
  readonly clock?: Pick<Clock, 'now'>;
}

export interface RedisJobStore extends JobStore {
  /** The command connection, to share with `createRedisIdempotencyStore({ client })`; `close` quits it. */
  readonly client: Redis;
  /** Quits both connections; listeners hear nothing more. */
  close(): Promise<void>;
}

/** KEYS[1] state key; ARGV: version, state JSON, TTL in ms, notice channel. Returns 1 when written. */
const PUT_IF_NEWER = luaScript(`
local stored = redis.call('GET', KEYS[1])
if stored then
  local ok, decoded = pcall(cjson.decode, stored)
  if ok and type(decoded) == 'table' and type(decoded.version) == 'number' and decoded.version >= tonumber(ARGV[1]) then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('PUBLISH', ARGV[4], ARGV[2])
return 1
`);

export function createRedisJobStore(options: RedisJobStoreOptions): RedisJobStore {
  const { url, log } = options;
  const prefix = options.keyPrefix ?? 'gpgw:';
  const finishedTtlMs = Math.max(1, Math.ceil((options.finishedTtlSeconds ?? 3_600) * 1_000));
  const idleTtlMs = Math.max(1, Math.ceil((options.idleTtlSeconds ?? 86_400) * 1_000));
  const timeouts = options.commandTimeoutMs === undefined ? {} : { commandTimeoutMs: options.commandTimeoutMs };
  const client = createRedisConnection({ url, log, role: 'jobs', ...timeouts, clock: options.clock });
  const stateKey = (key: string): string => `${prefix}state:${key}`;
  const channelPrefix = `${prefix}notice:`;

  const decode = (key: string, text: string | null): JobState | undefined => {
    if (text === null) return undefined;
    const state = decodeJobState(text);
    if (!state) log.warn('ignored a malformed stored job state', { job: key });
    return state;
  };

  const subscriber = createRedisJobSubscriber({
    connection: createRedisConnection({ url, log, role: 'job-notices', subscriber: true, ...timeouts, clock: options.clock }),
    channelPrefix,
    read: async (keys) => {
      const texts = await redisCall('reading job states', client.mget(...keys.map(stateKey)));
      return keys.map((key, i) => decode(key, texts[i] ?? null));
    },
    log,
  });

  const putIfNewer = async (given: JobState): Promise<boolean> => {
    const key = jobKey(given.ref);
    // Redis lost its data (a restart without persistence): the writer reads no stored state and
    // numbers from 1 again. Versions must still go up for listeners that saw the older ones, or
    // they would drop every state until the numbers catch up (a final one included).
    // Only then: a late writer behind a stored newer state must still lose.
    const floor = subscriber.seen(key);
    const lost = given.version <= floor && (await redisCall('reading a job state', client.exists(stateKey(key)))) === 0;
    const state = lost ? { ...given, version: floor + 1 } : given;
    const ttl = state.final ? finishedTtlMs : idleTtlMs;
    const written = await redisCall(
      'storing a job state',
      PUT_IF_NEWER(client, [stateKey(key)], [state.version, encodeJobState(state), ttl, channelPrefix + key]),
    );
    if (written !== 1) log.debug('job state not stored: a newer or equal version is stored', { job: key, version: state.version });
    return written === 1;
  };

  return {
    client,
    async get(key) {
      return decode(key, await redisCall('reading a job state', client.get(stateKey(key))));
    },
    put: putIfNewer,
    subscribe: (key, listener) => subscriber.subscribe(key, listener),
    async close() {
      await Promise.all([subscriber.close(), closeRedis(client)]);
    },
  };
}
