import type { YogaLogger } from 'graphql-yoga';
import type { Logger } from './logger.js';

/** Yoga logs through the gateway's logger, one line per call. */
export function yogaLogger(log: Logger): YogaLogger {
  const text = (args: unknown[]): string => args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ');
  return {
    debug: (...args: unknown[]) => {
      log.debug(text(args));
    },
    info: (...args: unknown[]) => {
      log.info(text(args));
    },
    warn: (...args: unknown[]) => {
      log.warn(text(args));
    },
    error: (...args: unknown[]) => {
      log.error(text(args));
    },
  };
}
