import { systemClock, type Clock } from '../../core/clock.js';
import type { RestClient } from '../arcgis/rest-client.js';
import { childAt, invalid, isObject, rootAt } from '../arcgis/validate/json-reader.js';
import { defaultTokenUrl, type ServerCredentialConfig } from './server-credentials.js';

export interface ServerToken {
  token(signal?: AbortSignal): Promise<string>;
  /** The server refused `stale` (498): the next `token()` fetches a new one. */
  invalidate(stale: string): void;
}

/**
 * Renew this long before the server's expiry (a quarter of the lifetime for short-lived tokens),
 * so a request never leaves with a token about to lapse.
 */
const REFRESH_MARGIN_MS = 60_000;

interface Issued {
  readonly token: string;
  readonly expires: number;
  readonly renewAt: number;
}

function readToken(json: unknown, url: string): { token: string; expires: number } {
  const at = rootAt(url, 'generateToken result');
  if (!isObject(json)) throw invalid(at, 'an object', json);
  if (typeof json.token !== 'string' || json.token === '') throw invalid(childAt(at, 'token'), 'a token', '(hidden)');
  const expires = typeof json.expires === 'number' ? json.expires : Number(json.expires);
  if (!Number.isFinite(expires)) throw invalid(childAt(at, 'expires'), 'epoch milliseconds', json.expires);
  return { token: json.token, expires };
}

/**
 * A service's server credential as a token source. A static token or API key is used as it is;
 * username/password go to `generateToken` (POST, never in a URL), and the token is renewed before it
 * expires, or at once when the server refuses it. Concurrent callers share one renewal.
 */
export function createServerToken(
  serviceUrl: string,
  config: ServerCredentialConfig,
  client: RestClient,
  clock: Pick<Clock, 'now'> = systemClock,
): ServerToken {
  if ('token' in config) return { token: () => Promise.resolve(config.token), invalidate: () => undefined };
  if ('apiKey' in config) return { token: () => Promise.resolve(config.apiKey), invalidate: () => undefined };
  const url = config.tokenUrl ?? defaultTokenUrl(serviceUrl);
  let current: Issued | undefined;
  let renewing: Promise<Issued> | undefined;
  const renew = (signal?: AbortSignal) => {
    renewing ??= client
      .postForm(
        url,
        { username: config.username, password: config.password, client: 'requestip', expiration: String(config.expirationMinutes ?? 60) },
        signal ? { signal } : {},
      )
      .then((json) => {
        const { token, expires } = readToken(json, url);
        const issuedAt = clock.now();
        current = { token, expires, renewAt: expires - Math.min(REFRESH_MARGIN_MS, (expires - issuedAt) / 4) };
        return current;
      })
      .finally(() => {
        renewing = undefined;
      });
    return renewing;
  };
  return {
    async token(signal) {
      if (current && clock.now() < current.renewAt) return current.token;
      return (await renew(signal)).token;
    },
    invalidate(stale) {
      if (current?.token === stale) current = undefined;
    },
  };
}
