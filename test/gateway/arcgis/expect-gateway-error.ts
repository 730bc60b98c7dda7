import { expect } from 'vitest';
import { GatewayError } from '../../../core/errors/gateway-error.js';

/** The GatewayError a promise rejects with; fails when it names the secret anywhere. */
export async function failureWithout(secret: string, promise: Promise<unknown>): Promise<GatewayError> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  expect(error.message).not.toContain(secret);
  expect(JSON.stringify(error.info)).not.toContain(secret);
  return error;
}
