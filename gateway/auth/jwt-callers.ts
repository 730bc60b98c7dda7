import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Clock } from '../../core/clock.js';

/** Callers who present a JWT issued by an identity provider (Entra ID, Auth0, Keycloak, Cognito…). */
export interface JwtSettings {
  /** Where the provider publishes its signing keys (its `jwks_uri`). */
  readonly jwksUrl: string;
  /** The `iss` every token must carry. */
  readonly issuer: string;
  /** The `aud` (one of them) every token must carry: the gateway's identifier at the provider. */
  readonly audience: string | readonly string[];
  /** The claim that names the caller, for rate limits, job ownership and logs. Default `sub`. */
  readonly callerClaim?: string;
  /** Skew allowed between our clock and the provider's, for `exp` and `nbf`. Default 30 s. */
  readonly clockToleranceSeconds?: number;
}

export type JwtCheck =
  /** `untilMs`: the token's expiry (`exp`), when it has one. */
  | { readonly ok: true; readonly caller: string; readonly untilMs?: number }
  | { readonly ok: false; readonly reason: 'invalid' | 'expired' | 'unverifiable'; readonly detail: string };

/**
 * Verifies a caller's JWT: signature against the provider's JWKS (fetched on first use, cached, and
 * fetched again when a token names a key not seen yet, so a key rotation needs no restart), then
 * issuer, audience, expiry and not-before. The detail returned names what failed, never the token.
 */
export class JwtCallers {
  readonly #keys: JWTVerifyGetKey;
  /** Tokens verified already, until they expire: an RS256 check costs ~120 µs, a frontend sends the same token all day. */
  readonly #verified = new Map<string, { readonly caller: string; readonly untilMs: number }>();

  constructor(
    private readonly settings: JwtSettings,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.#keys = createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 5_000, cooldownDuration: 30_000, cacheMaxAge: 600_000 });
  }

  async check(token: string): Promise<JwtCheck> {
    const known = this.#verified.get(token);
    if (known && known.untilMs > this.clock.now()) return { ok: true, caller: known.caller, untilMs: known.untilMs };
    if (known) this.#verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.#keys, {
        issuer: this.settings.issuer,
        audience: typeof this.settings.audience === 'string' ? this.settings.audience : [...this.settings.audience],
        clockTolerance: this.settings.clockToleranceSeconds ?? 30,
        currentDate: new Date(this.clock.now()),
      });
      const claim = this.settings.callerClaim ?? 'sub';
      const caller = payload[claim];
      if (typeof caller !== 'string' || caller === '') return { ok: false, reason: 'invalid', detail: `the token has no "${claim}" claim` };
      this.#remember(token, `jwt:${caller}`, payload.exp);
      return { ok: true, caller: `jwt:${caller}`, ...(payload.exp === undefined ? {} : { untilMs: payload.exp * 1000 }) };
    } catch (error) {
      return failure(error);
    }
  }

  #remember(token: string, caller: string, exp: number | undefined): void {
    // A token without `exp` is checked every time (it could be revoked only by rotating the key).
    if (exp === undefined) return;
    if (this.#verified.size >= MAX_REMEMBERED) {
      const [oldest] = this.#verified.keys();
      if (oldest !== undefined) this.#verified.delete(oldest);
    }
    this.#verified.set(token, { caller, untilMs: exp * 1000 });
  }
}

const MAX_REMEMBERED = 10_000;

const KEYS_UNAVAILABLE = new Set(['ERR_JOSE_GENERIC', 'ERR_JWKS_TIMEOUT', 'ERR_JWKS_INVALID']);

function failure(error: unknown): JwtCheck {
  if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired', detail: 'the token has expired' };
  if (error instanceof errors.JWTClaimValidationFailed)
    return { ok: false, reason: 'invalid', detail: `claim "${error.claim}" ${error.reason}` };
  // The provider's keys could not be fetched or read (down, not 200, not a JWKS): the token may be fine.
  if (!(error instanceof errors.JOSEError) || KEYS_UNAVAILABLE.has(error.code)) {
    return { ok: false, reason: 'unverifiable', detail: 'the signing keys could not be fetched' };
  }
  if (error instanceof errors.JWKSNoMatchingKey)
    return { ok: false, reason: 'invalid', detail: 'no signing key of the issuer matches the token' };
  if (error instanceof errors.JWSSignatureVerificationFailed)
    return { ok: false, reason: 'invalid', detail: 'the signature does not verify' };
  return { ok: false, reason: 'invalid', detail: 'the token is not a well-formed JWT' };
}
