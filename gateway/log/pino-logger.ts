import { pino, stdTimeFunctions, type DestinationStream, type Logger as Pino } from 'pino';
import type { LogFields, LogLevel, Logger } from './logger.js';
import { CENSOR, REDACT_PATHS, scrubFields, scrubText } from './redact.js';

/** Where lines go: a pino destination, or a function that receives each line (tests). */
export type LogDestination = DestinationStream | ((line: string) => void);

function wrap(log: Pino): Logger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, fields?: LogFields) => {
    if (!log.isLevelEnabled(level)) return;
    log[level](fields ?? {}, message);
  };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    child: (fields) => wrap(log.child(scrubFields(fields) as LogFields)),
  };
}

/**
 * JSON lines (`time` ISO 8601, `level` as its label, `msg`, then the fields) on stderr by default, so
 * stdout stays for data such as the SDL. Synchronous writes: a line logged before `process.exit` is
 * not lost. Credentials never pass (see redact.ts).
 */
export function createLogger(level: LogLevel = 'info', destination?: LogDestination): Logger {
  const stream: DestinationStream =
    destination === undefined
      ? pino.destination({ dest: 2, sync: true })
      : typeof destination === 'function'
        ? { write: destination }
        : destination;
  return wrap(
    pino(
      {
        level,
        base: undefined,
        timestamp: stdTimeFunctions.isoTime,
        formatters: {
          level: (label) => ({ level: label }),
          log: (fields) => scrubFields(fields) as Record<string, unknown>,
        },
        hooks: {
          // The message is text like any field: a URL or upstream message in it may carry a token.
          logMethod(args, method) {
            method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>);
          },
        },
        redact: { paths: [...REDACT_PATHS], censor: CENSOR },
      },
      stream,
    ),
  );
}
