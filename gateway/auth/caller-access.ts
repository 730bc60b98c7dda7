import { createHash, timingSafeEqual } from 'node:crypto';

/** A key the gateway accepts, stored as the SHA-256 (hex) of the key: the config never holds the key itself. */
export interface ApiKeyEntry {
  /** Who the key belongs to, for logs and rate limits (`frontend`, `reports-batch`). */
  readonly id: string;
  readonly sha256: string;
}

export type CallerCheck = { readonly ok: true; readonly caller: string } | { readonly ok: false; readonly reason: 'missing' | 'invalid' };

/**
 * Who may call the gateway, when access control is on: a caller presents an API key (`x-api-key`
 * over HTTP and SSE, `apiKey` in graphql-ws `connection_init`), compared by digest in constant time.
 * With no keys configured access control is off (the embedded demo): every caller is `anonymous`.
 */
export class CallerAccess {
  readonly #keys: readonly { readonly id: string; readonly digest: Buffer }[];

  constructor(keys: readonly ApiKeyEntry[]) {
    this.#keys = keys.map((key) => ({ id: key.id, digest: Buffer.from(key.sha256, 'hex') }));
  }

  get enabled(): boolean {
    return this.#keys.length > 0;
  }

  check(key: string | undefined): CallerCheck {
    if (!this.enabled) return { ok: true, caller: 'anonymous' };
    if (key === undefined || key === '') return { ok: false, reason: 'missing' };
    const digest = createHash('sha256').update(key).digest();
    // Every entry is compared, so the time taken does not tell which (or whether one) came close.
    let found: string | undefined;
    for (const entry of this.#keys) if (entry.digest.length === digest.length && timingSafeEqual(entry.digest, digest)) found ??= entry.id;
    return found === undefined ? { ok: false, reason: 'invalid' } : { ok: true, caller: found };
  }
}
