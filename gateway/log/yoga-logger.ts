import type { YogaLogger } from 'graphql-yoga';
import { causeOf } from '../../core/errors/error-cause.js';
import { errorCodeOf } from '../graphql/operation-info.js';
import type { Logger } from './logger.js';

function text(args: readonly unknown[]): string {
  return args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ');
}

/**
 * Yoga logs through the gateway's logger, one line per call. Yoga logs every error it masks at
 * `error`, and the gateway "masks" its own coded errors into GraphQLErrors too, so each is logged by
 * its cause instead (core/errors/error-cause.ts): a client's mistake at debug without a stack, an
 * upstream fault at warn without a stack, only an unexpected error at error with its stack.
 */
export function yogaLogger(log: Logger): YogaLogger {
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
      const error = args.find((a) => a instanceof Error);
      const code = error === undefined ? 'NONE' : errorCodeOf(error);
      const cause = causeOf(code);
      const message = error instanceof Error ? error.message : text(args);
      if (cause === 'client') log.debug('graphql error (client)', { code, error: message });
      else if (cause === 'upstream') log.warn('graphql error (upstream)', { code, error: message });
      else log.error(text(args));
    },
  };
}
