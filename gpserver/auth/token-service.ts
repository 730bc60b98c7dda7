import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenUser {
  readonly username: string;
  readonly password: string;
}

export interface TokenSecurityOptions {
  readonly users: readonly TokenUser[];
  /** Lifetime of a token when the request asks for none (ArcGIS: `expiration` in minutes). */
  readonly defaultLifetimeMs: number;
  /** Upper bound on a requested lifetime. */
  readonly maxLifetimeMs: number;
}

export type TokenCheck =
  { readonly ok: true; readonly username: string } | { readonly ok: false; readonly reason: 'missing' | 'invalid' | 'expired' };

interface IssuedToken {
  readonly username: string;
  readonly expires: number;
}

function samePassword(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Issues and checks ArcGIS Server tokens (`/arcgis/tokens/generateToken`). */
export class TokenService {
  private readonly issued = new Map<string, IssuedToken>();

  constructor(
    private readonly options: TokenSecurityOptions,
    private readonly now: () => number,
  ) {}

  /** Returns undefined for unknown users or wrong passwords. */
  generate(username: string, password: string, expirationMinutes?: number): { token: string; expires: number } | undefined {
    const user = this.options.users.find((u) => u.username === username);
    if (!user || !samePassword(user.password, password)) return undefined;
    const requested =
      expirationMinutes !== undefined && expirationMinutes > 0 ? expirationMinutes * 60_000 : this.options.defaultLifetimeMs;
    const expires = this.now() + Math.min(requested, this.options.maxLifetimeMs);
    const token = randomBytes(32).toString('base64url');
    this.issued.set(token, { username, expires });
    return { token, expires };
  }

  check(token: string | undefined): TokenCheck {
    if (token === undefined || token === '') return { ok: false, reason: 'missing' };
    const issued = this.issued.get(token);
    if (!issued) return { ok: false, reason: 'invalid' };
    if (issued.expires <= this.now()) {
      this.issued.delete(token);
      return { ok: false, reason: 'expired' };
    }
    return { ok: true, username: issued.username };
  }
}

/** The token of a request: the `token` parameter or an `X-Esri-Authorization: Bearer` header. */
export function requestToken(param: string | undefined, header: string | string[] | undefined): string | undefined {
  if (param !== undefined && param !== '') return param;
  const value = Array.isArray(header) ? header[0] : header;
  const match = value?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}
