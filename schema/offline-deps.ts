import { GatewayError } from '../core/errors/gateway-error.js';
import type { GatewayDeps } from './build-gateway-schema.js';

const offlineError = (): GatewayError =>
  new GatewayError('UPSTREAM_UNREACHABLE', 'This schema was built for printing; it has no upstream.');
const offline = (): never => {
  throw offlineError();
};

/** How long `run<Task>` of an asynchronous task waits by default (`runDeadlineSeconds`). */
export const DEFAULT_RUN_DEADLINE_MS = 60_000;

/**
 * Dependencies for a schema that is printed or inspected, never executed (SDL export, benchmarks,
 * tests); the run deadline is the default one, as the descriptions quote it.
 */
export const OFFLINE_DEPS: GatewayDeps = {
  execute: () => Promise.reject(offlineError()),
  runDeadlineMs: DEFAULT_RUN_DEADLINE_MS,
  uploads: { upload: () => Promise.reject(offlineError()), remove: () => Promise.reject(offlineError()) },
  jobs: {
    submit: offline,
    cancel: offline,
    current: offline,
    check: offline,
    list: offline,
    updates: offline,
    settle: offline,
  },
  // Present so that printed schemas show the workflow fields the gateway has.
  workflows: { submit: offline },
};
