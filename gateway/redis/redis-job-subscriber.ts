/**
 * The process's one subscriber connection, shared by every listener of every job. SUBSCRIBE goes
 * out with a key's first listener and UNSUBSCRIBE after its last. Listeners of a key hear states in
 * increasing version order: a state not newer than the last one delivered for the key is dropped
 * (notices and read-backs can cross).
 *
 * No notice is lost for good: after each SUBSCRIBE is acknowledged — a key's first listener, and
 * every key again on each reconnect — the key's stored state is read (GET) and delivered if newer.
 * So a state put while this connection was away (or between a listener's own read and its
 * subscription) still arrives, a final one included. A listener may therefore first hear the state
 * that was current when it subscribed.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { closeRedis, errorText } from './redis-connection.js';
import type { JobState } from '../../core/jobs/job-state.js';
import type { JobListener } from '../jobs/job-store.js';
import { decodeJobState } from './redis-job-codec.js';

export interface RedisJobSubscriberOptions {
  readonly connection: Redis;
  readonly channelPrefix: string;
  /** Reads the stored states of `keys` (in order); rejects when Redis is unavailable. */
  readonly read: (keys: readonly string[]) => Promise<readonly (JobState | undefined)[]>;
  readonly log: Logger;
  /** Delay before retrying a failed SUBSCRIBE or read-back. Default 250 ms. */
  readonly retryMs?: number;
}

export interface RedisJobSubscriber {
  subscribe(key: string, listener: JobListener): () => void;
  /** The newest version delivered for a key in this process (0 when none). */
  seen(key: string): number;
  close(): Promise<void>;
}

interface Entry {
  readonly listeners: Set<{ readonly listener: JobListener }>;
  /** The version last delivered to this key's listeners. */
  seen: number;
}

export function createRedisJobSubscriber(options: RedisJobSubscriberOptions): RedisJobSubscriber {
  const { connection, channelPrefix, read, log } = options;
  const retryMs = options.retryMs ?? 250;
  const entries = new Map<string, Entry>();
  const toSubscribe = new Set<string>();
  const toCatchUp = new Set<string>();
  let working = false;
  let retry: NodeJS.Timeout | undefined;
  let failing = false;
  let closed = false;
  // A function, not the variable: TypeScript would keep `closed` narrowed to false across the awaits below.
  const isClosed = (): boolean => closed;

  const deliver = (key: string, state: JobState): void => {
    const entry = entries.get(key);
    if (!entry || state.version <= entry.seen) return;
    entry.seen = state.version;
    // A copy: a listener may unsubscribe (or subscribe) while being notified.
    for (const { listener } of [...entry.listeners]) {
      try {
        listener(state);
      } catch (error) {
        // Thrown inside ioredis's data handler it would break the connection: contain it.
        log.error('job listener threw', { job: key, error: errorText(error) });
      }
    }
  };

  /** Drains `toSubscribe`, then `toCatchUp`, while connected; never rejects, retries on failure. */
  const work = async (): Promise<void> => {
    if (working || closed) return;
    working = true;
    let batch: string[] = [];
    let into = toSubscribe;
    try {
      while (!isClosed() && connection.status === 'ready' && (toSubscribe.size > 0 || toCatchUp.size > 0)) {
        into = toSubscribe.size > 0 ? toSubscribe : toCatchUp;
        batch = [...into].filter((key) => entries.has(key)).slice(0, 500);
        for (const key of batch) into.delete(key);
        if (batch.length === 0) {
          into.clear();
          continue;
        }
        if (into === toSubscribe) {
          await connection.subscribe(...batch.map((key) => channelPrefix + key));
          for (const key of batch) toCatchUp.add(key);
        } else {
          const states = await read(batch);
          batch.forEach((key, i) => {
            const state = states[i];
            if (state) deliver(key, state);
          });
        }
        batch = [];
      }
      if (failing) log.info('job notices caught up', {});
      failing = false;
    } catch (error) {
      for (const key of batch) into.add(key);
      if (!failing) log.warn('job notice subscription or read-back failed; retrying', { error: errorText(error) });
      failing = true;
      if (!isClosed()) {
        retry ??= setTimeout(() => {
          retry = undefined;
          void work();
        }, retryMs);
      }
    } finally {
      working = false;
    }
  };

  connection.on('ready', () => {
    // A new connection has no subscriptions: make them all again, then read every key back.
    for (const key of entries.keys()) toSubscribe.add(key);
    void work();
  });

  connection.on('message', (channel: string, message: string) => {
    if (!channel.startsWith(channelPrefix)) return;
    const key = channel.slice(channelPrefix.length);
    const state = decodeJobState(message);
    if (state) deliver(key, state);
    else log.warn('ignored a malformed job notice', { job: key });
  });

  return {
    seen: (key) => entries.get(key)?.seen ?? 0,
    subscribe(key, listener) {
      const handle = { listener };
      let entry = entries.get(key);
      if (!entry) {
        entries.set(key, (entry = { listeners: new Set(), seen: 0 }));
        toSubscribe.add(key);
        void work();
      }
      entry.listeners.add(handle);
      const subscribed = entry;
      return () => {
        subscribed.listeners.delete(handle);
        if (subscribed.listeners.size > 0 || entries.get(key) !== subscribed) return;
        entries.delete(key);
        toSubscribe.delete(key);
        toCatchUp.delete(key);
        // When not connected there is nothing to undo: the next connection subscribes only to current keys.
        if (connection.status === 'ready' && !closed) {
          connection.unsubscribe(channelPrefix + key).catch((error: unknown) => {
            log.debug('unsubscribe failed', { job: key, error: errorText(error) });
          });
        }
      };
    },

    async close() {
      closed = true;
      clearTimeout(retry);
      entries.clear();
      await closeRedis(connection);
    },
  };
}
