/**
 * Logs a connection's health without flooding: while Redis is away ioredis emits an `error` for
 * every reconnect attempt (several a second). We log the loss once (warn), then at most one
 * "still unreachable" line per `repeatMs` with the number of errors swallowed since, and one info
 * line when the connection is ready again. Handling `error` at all is what keeps an EventEmitter
 * from throwing it (and ending the process).
 */
import type { Redis } from 'ioredis';
import { systemClock, type Clock } from '../../core/clock.js';
import type { Logger } from '../log/logger.js';

const quitting = new WeakSet<Redis>();

/** Says that `client` is being closed on purpose: its close and errors from now on are not an outage. */
export function markQuitting(client: Redis): void {
  quitting.add(client);
}

export function watchRedisHealth(
  client: Redis,
  log: Logger,
  role: string,
  repeatMs = 30_000,
  clock: Pick<Clock, 'now'> = systemClock,
): void {
  let connectedOnce = false;
  let downSince: number | undefined;
  let lastLogged = 0;
  let swallowed = 0;

  const down = (reason: string): void => {
    if (quitting.has(client)) return;
    const t = clock.now();
    if (downSince === undefined) {
      downSince = t;
      lastLogged = t;
      swallowed = 0;
      log.warn(connectedOnce ? 'redis connection lost; reconnecting' : 'redis not reachable yet; retrying', { redis: role, error: reason });
      return;
    }
    swallowed += 1;
    if (t - lastLogged >= repeatMs) {
      log.warn('redis still unreachable', { redis: role, downMs: t - downSince, errors: swallowed, error: reason });
      lastLogged = t;
      swallowed = 0;
    }
  };

  client.on('error', (error: unknown) => {
    down(error instanceof Error ? error.message : String(error));
  });
  client.on('close', () => {
    // A clean close (server shut down) emits no error; a deliberate quit is not an outage.
    if (downSince === undefined && connectedOnce) down('connection closed');
  });
  client.on('ready', () => {
    if (downSince !== undefined) log.info('redis connection ready again', { redis: role, downMs: clock.now() - downSince });
    else if (!connectedOnce) log.debug('redis connection ready', { redis: role });
    connectedOnce = true;
    downSince = undefined;
  });
}
