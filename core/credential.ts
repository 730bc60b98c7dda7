import { createHash } from 'node:crypto';

/**
 * Whose authority an upstream request carries: the caller's own token, or the gateway's
 * (the service's configured server credential, or none for a public service).
 */
export type Credential = { readonly kind: 'caller'; readonly token: string } | { readonly kind: 'gateway' };

export const GATEWAY_CREDENTIAL: Credential = { kind: 'gateway' };

export function credentialOf(token: string | undefined): Credential {
  return token === undefined || token === '' ? GATEWAY_CREDENTIAL : { kind: 'caller', token };
}

/**
 * A key that names a credential without holding it: job ownership, access grants, idempotency scopes
 * and result caches compare callers by it, in memory and in Redis, so two tokens must never share one.
 * SHA-256: the same on every instance without a shared secret, and a token cannot be read back from a
 * key stored in Redis (tokens are long random strings, not guessable inputs).
 */
export function credentialKey(credential: Credential): string {
  if (credential.kind === 'gateway') return 'gateway';
  return `caller:${createHash('sha256').update(credential.token).digest('base64url')}`;
}
