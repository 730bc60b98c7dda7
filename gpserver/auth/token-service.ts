import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface TokenUser {
  readonly username: string;
  readonly password: string;
}

/** An application registered with the portal (OAuth 2.0 client credentials). */
export interface TokenApp {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface TokenSecurityOptions {
  readonly users: readonly TokenUser[];
  readonly apps?: readonly TokenApp[];
  /** Whether services take portal (app) tokens as they are. Default true. */
  readonly portalTokensAccepted?: boolean;
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
  /** `portal`: an app token of the sharing API; `server`: a token of this server's services. */
  readonly scope: 'portal' | 'server';
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
    return this.issue(username, 'server', this.lifetimeMs(expirationMinutes));
  }

  /** OAuth 2.0 `client_credentials`: an app token, or undefined for an unknown client or a wrong secret. */
  generateForApp(
    clientId: string,
    clientSecret: string,
    expirationMinutes?: number,
  ): { token: string; expires: number; expiresInSeconds: number } | undefined {
    const app = this.options.apps?.find((a) => a.clientId === clientId);
    if (!app || !samePassword(app.clientSecret, clientSecret)) return undefined;
    const lifetimeMs = this.lifetimeMs(expirationMinutes);
    return { ...this.issue(`app:${clientId}`, 'portal', lifetimeMs), expiresInSeconds: Math.floor(lifetimeMs / 1000) };
  }

  /** A portal token exchanged for a server token (the portal's `generateToken` with `serverUrl`); it expires no later. */
  exchange(portalToken: string): { token: string; expires: number } | undefined {
    const issued = this.issued.get(portalToken);
    if (!issued || issued.scope !== 'portal' || issued.expires <= this.now()) return undefined;
    return this.issue(issued.username, 'server', issued.expires - this.now());
  }

  private lifetimeMs(expirationMinutes: number | undefined): number {
    const requested =
      expirationMinutes !== undefined && expirationMinutes > 0 ? expirationMinutes * 60_000 : this.options.defaultLifetimeMs;
    return Math.min(requested, this.options.maxLifetimeMs);
  }

  private issue(username: string, scope: IssuedToken['scope'], lifetimeMs: number): { token: string; expires: number } {
    const expires = this.now() + lifetimeMs;
    const token = randomBytes(32).toString('base64url');
    this.issued.set(token, { username, expires, scope });
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
    if (issued.scope === 'portal' && this.options.portalTokensAccepted === false) return { ok: false, reason: 'invalid' };
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
