import { createRequire } from 'node:module';
import { pino, stdTimeFunctions, type DestinationStream, type Logger as Pino } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
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

/** `json` for machines (one object a line), `pretty` for a person at a terminal (time, level, message, fields). */
export type LogFormat = 'json' | 'pretty';

/** `auto`: pretty when stderr is a terminal, JSON when it is a pipe or a file (a log collector). */
export function logFormatFor(choice: LogFormat | 'auto', stderrIsTty = process.stderr.isTTY): LogFormat {
  return choice === 'auto' ? (stderrIsTty ? 'pretty' : 'json') : choice;
}

type Prettify = (line: string) => string;

/**
 * pino-pretty is an optional dependency, loaded only when pretty lines are asked for: a deployment
 * logging JSON (`npm ci --omit=optional`) does without its 18 packages, and without them a terminal
 * gets JSON lines instead of a crash.
 */
function prettyFactoryIfInstalled(): ((options: PrettyOptions) => Prettify) | undefined {
  try {
    const loaded = createRequire(import.meta.url)('pino-pretty') as { prettyFactory: (options: PrettyOptions) => Prettify };
    return loaded.prettyFactory;
  } catch {
    return undefined;
  }
}

/** Each JSON line turned into one readable line (coloured on a terminal) before it is written. */
function prettyOnto(target: DestinationStream, colorize: boolean): DestinationStream {
  const factory = prettyFactoryIfInstalled();
  if (factory === undefined) return target;
  const prettify = factory({ colorize, translateTime: 'SYS:HH:MM:ss.l', singleLine: true });
  return {
    write: (line: string) => {
      target.write(prettify(line));
    },
  };
}

/**
 * JSON lines (`time` ISO 8601, `level` as its label, `msg`, then the fields) on stderr by default, so
 * stdout stays for data such as the SDL; or the same records pretty-printed. Synchronous writes: a
 * line logged before `process.exit` is not lost. Credentials never pass (see redact.ts), in either format.
 */
export function createLogger(level: LogLevel = 'info', destination?: LogDestination, format: LogFormat = 'json'): Logger {
  const target: DestinationStream =
    destination === undefined
      ? pino.destination({ dest: 2, sync: true })
      : typeof destination === 'function'
        ? { write: destination }
        : destination;
  const stream: DestinationStream = format === 'pretty' ? prettyOnto(target, destination === undefined && process.stderr.isTTY) : target;
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
