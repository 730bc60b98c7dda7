import { systemClock, type Clock } from '../../core/clock.js';
import type { LogFields, Logger } from './logger.js';

export interface RepeatLimit {
  /** Lines of one message a window may hold; the rest are counted, not written. Default 5. */
  readonly perWindow?: number;
  /** Default 10 s. */
  readonly windowMs?: number;
  readonly clock?: Pick<Clock, 'now'>;
}

interface Window {
  started: number;
  written: number;
  suppressed: number;
}

/**
 * A logger whose warn and error lines are limited per message: the same message at most `perWindow`
 * times per window, then only counted; the first line of the next window says how many were left out.
 * A flood of one failure (a dead GPServer under load, a client hammering) cannot fill the disk or
 * drown the other lines. Debug and info pass untouched.
 */
export function limitRepeats(log: Logger, limit: RepeatLimit = {}): Logger {
  const perWindow = limit.perWindow ?? 5;
  const windowMs = limit.windowMs ?? 10_000;
  const clock = limit.clock ?? systemClock;
  const windows = new Map<string, Window>();
  const limited =
    (level: 'warn' | 'error') =>
    (message: string, fields?: LogFields): void => {
      const key = `${level}\n${message}`;
      const at = clock.now();
      let window = windows.get(key);
      if (!window || at - window.started >= windowMs) {
        const suppressed = window?.suppressed ?? 0;
        if (windows.size > 1_000) windows.clear();
        window = { started: at, written: 0, suppressed: 0 };
        windows.set(key, window);
        if (suppressed > 0) log[level](message, { ...fields, suppressedBefore: suppressed });
        else log[level](message, fields);
        window.written++;
        return;
      }
      if (window.written < perWindow) {
        window.written++;
        log[level](message, fields);
      } else window.suppressed++;
    };
  return {
    debug: (message, fields) => {
      log.debug(message, fields);
    },
    info: (message, fields) => {
      log.info(message, fields);
    },
    warn: limited('warn'),
    error: limited('error'),
    child: (fields) => limitRepeats(log.child(fields), limit),
  };
}
