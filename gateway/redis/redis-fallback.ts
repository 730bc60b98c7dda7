/**
 * Per-caller limits shared through Redis keep working while Redis is away, counted by each instance
 * alone (as in memory mode): a caller then gets up to N times its limit across N instances for the
 * outage, rather than no service at all. A connection not ready is not asked (a command would wait
 * up to its timeout, on every request); the outage is logged once, and once again when it is over.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log/logger.js';
import { errorText } from './redis-connection.js';

export type SharedOrLocal = <T>(shared: () => Promise<T>, local: () => T) => Promise<T>;

/** `what` names the limits in the log lines, e.g. `operations per minute`. */
export function sharedOrLocal(client: Pick<Redis, 'status'>, log: Logger, what: string): SharedOrLocal {
  let local = false;
  const fallBack = (error: string): void => {
    if (local) return;
    local = true;
    log.warn('redis unavailable: per-caller limits counted by this instance alone until it is back', { limit: what, error });
  };
  return async (shared, localCount) => {
    if (client.status !== 'ready') {
      fallBack(`connection ${client.status}`);
      return localCount();
    }
    let result;
    try {
      result = await shared();
    } catch (error) {
      fallBack(errorText(error));
      return localCount();
    }
    if (local) {
      local = false;
      log.info('redis available again: per-caller limits shared by every instance', { limit: what });
    }
    return result;
  };
}
