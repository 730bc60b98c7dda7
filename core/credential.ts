/**
 * Whose authority an upstream request carries: the caller's own token, or the gateway's
 * (the service's configured server credential, or none for a public service).
 */
export type Credential = { readonly kind: 'caller'; readonly token: string } | { readonly kind: 'gateway' };

export const GATEWAY_CREDENTIAL: Credential = { kind: 'gateway' };

export function credentialOf(token: string | undefined): Credential {
  return token === undefined || token === '' ? GATEWAY_CREDENTIAL : { kind: 'caller', token };
}

/** A key that names a credential without holding it (for caches and logs). */
export function credentialKey(credential: Credential): string {
  if (credential.kind === 'gateway') return 'gateway';
  let hash = 0x811c9dc5;
  for (let i = 0; i < credential.token.length; i++) hash = Math.imul(hash ^ credential.token.charCodeAt(i), 0x01000193);
  return `caller:${(hash >>> 0).toString(36)}:${credential.token.length}`;
}
