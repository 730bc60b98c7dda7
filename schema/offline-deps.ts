import { GatewayError } from '../core/errors/gateway-error.js';
import type { GatewayDeps } from './build-gateway-schema.js';

const offlineError = (): GatewayError =>
  new GatewayError('UPSTREAM_UNREACHABLE', 'This schema was built for printing; it has no upstream.');
const offline = (): never => {
  throw offlineError();
};

/** Dependencies for a schema that is printed or inspected, never executed (SDL export, benchmarks, tests). */
export const OFFLINE_DEPS: GatewayDeps = {
  execute: () => Promise.reject(offlineError()),
  runDeadlineMs: 0,
  uploads: { upload: () => Promise.reject(offlineError()), remove: () => Promise.reject(offlineError()) },
  jobs: {
    submit: offline,
    cancel: offline,
    current: offline,
    updates: offline,
    settle: offline,
  },
};
