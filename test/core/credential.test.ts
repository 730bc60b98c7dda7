import { describe, expect, it } from 'vitest';
import { credentialKey, credentialOf, GATEWAY_CREDENTIAL } from '../../core/credential.js';

/** The 32-bit FNV-1a the keys were made with before: kept here to show the pair below collides under it. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

describe('credentialKey', () => {
  it('should tell apart two tokens of one length that collide under a 32-bit hash', () => {
    const [a, b] = ['token-00001pf8', 'token-0000irj6'];
    expect(fnv1a(a)).toBe(fnv1a(b));
    expect(credentialKey(credentialOf(a))).not.toBe(credentialKey(credentialOf(b)));
  });

  it('should name a token by its SHA-256, the same on every call, without holding it', () => {
    const token = 'a-long-secret-token';
    const key = credentialKey(credentialOf(token));
    // printf %s a-long-secret-token | openssl dgst -sha256 -binary | basenc --base64url, without the padding
    expect(key).toBe('caller:qIAo2Sb48XOW-ghZiCneiEMxbEVwjEd1Zy53u7Tukek');
    expect(key).not.toContain(token);
    expect(credentialKey(credentialOf(token))).toBe(key);
    expect(credentialKey(GATEWAY_CREDENTIAL)).toBe('gateway');
  });
});
