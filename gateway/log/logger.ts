/**
 * The gateway's logging contract: four levels, a message and flat fields, and children that carry
 * fields of their own (`requestId` for a GraphQL operation). Every module logs through this
 * interface; `createLogger` backs it with pino (see pino-logger.ts).
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Readonly<Record<string, unknown>>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger whose lines all carry `fields` as well (pino bindings). */
  child(fields: LogFields): Logger;
}

const ignore = (): void => undefined;

export const silentLogger: Logger = { debug: ignore, info: ignore, warn: ignore, error: ignore, child: () => silentLogger };
