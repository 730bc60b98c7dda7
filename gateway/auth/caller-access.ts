import { createHash, timingSafeEqual } from 'node:crypto';
import type { JwtCallers } from './jwt-callers.js';

/** A key the gateway accepts, stored as the SHA-256 (hex) of the key: the config never holds the key itself. */
export interface ApiKeyEntry {
  /** Who the key belongs to, for logs and rate limits (`frontend`, `reports-batch`). */
  readonly id: string;
  readonly sha256: string;
}

/** What a caller presented: an API key, a bearer JWT (only read when JWT callers are configured). */
export interface Presented {
  readonly apiKey: string | undefined;
  readonly bearer: string | undefined;
}

export type RefusalReason = 'missing' | 'invalid-key' | 'invalid-token' | 'expired' | 'unverifiable';

export type CallerCheck =
  /** `untilMs`: when the credential stops being valid (a JWT's expiry); none for API keys. */
  | { readonly ok: true; readonly caller: string; readonly untilMs?: number }
  | { readonly ok: false; readonly reason: RefusalReason; readonly detail?: string };

/**
 * Who may call the gateway, when access control is on: a caller presents an API key (`x-api-key`
 * over HTTP and SSE, `apiKey` in graphql-ws `connection_init`), compared by digest in constant time,
 * or a JWT of the configured identity provider (`Authorization: Bearer`, `authorization` in
 * `connection_init`). With neither configured access control is off (the embedded demo): every
 * caller is `anonymous`. A key is checked first; a caller that sends a wrong key is refused even
 * with a good token, so a mistake is seen rather than hidden.
 */
export class CallerAccess {
  readonly #keys: readonly { readonly id: string; readonly digest: Buffer }[];

  constructor(
    keys: readonly ApiKeyEntry[],
    private readonly jwt?: JwtCallers,
  ) {
    this.#keys = keys.map((key) => ({ id: key.id, digest: Buffer.from(key.sha256, 'hex') }));
  }

  get enabled(): boolean {
    return this.#keys.length > 0 || this.jwt !== undefined;
  }

  /** Whether `Authorization: Bearer` names the caller to the gateway (then an ArcGIS token travels as `X-Esri-Authorization`). */
  get bearerIsCaller(): boolean {
    return this.jwt !== undefined;
  }

  /** Synchronous unless a JWT has to be verified (the keys may have to be fetched). */
  check(presented: Presented): CallerCheck | Promise<CallerCheck> {
    if (!this.enabled) return { ok: true, caller: 'anonymous' };
    if (presented.apiKey !== undefined && presented.apiKey !== '') return this.#checkKey(presented.apiKey);
    if (this.jwt && presented.bearer !== undefined) {
      return this.jwt
        .check(presented.bearer)
        .then((check) =>
          check.ok ? check : { ok: false, reason: check.reason === 'invalid' ? 'invalid-token' : check.reason, detail: check.detail },
        );
    }
    return { ok: false, reason: 'missing' };
  }

  #checkKey(key: string): CallerCheck {
    if (this.#keys.length === 0) return { ok: false, reason: 'invalid-key' };
    const digest = createHash('sha256').update(key).digest();
    // Every entry is compared, so the time taken does not tell which (or whether one) came close.
    let found: string | undefined;
    for (const entry of this.#keys) if (entry.digest.length === digest.length && timingSafeEqual(entry.digest, digest)) found ??= entry.id;
    return found === undefined ? { ok: false, reason: 'invalid-key' } : { ok: true, caller: found };
  }
}
