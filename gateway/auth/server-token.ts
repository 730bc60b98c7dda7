import { systemClock, type Clock } from '../../core/clock.js';
import type { RestClient } from '../arcgis/rest-client.js';
import { childAt, invalid, isObject, rootAt } from '../arcgis/validate/json-reader.js';
import { ARCGIS_ONLINE_SHARING, defaultTokenUrl, serverRoot, type ServerCredentialConfig } from './server-credentials.js';

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

/** An OAuth 2.0 token answer (`{access_token, expires_in}`, seconds) as an expiry in epoch ms. */
function readAppToken(json: unknown, url: string, now: number): { token: string; expires: number } {
  const at = rootAt(url, 'oauth2/token result');
  if (!isObject(json)) throw invalid(at, 'an object', json);
  if (typeof json.access_token !== 'string' || json.access_token === '') throw invalid(childAt(at, 'access_token'), 'a token', '(hidden)');
  const seconds = Number(json.expires_in);
  if (!Number.isFinite(seconds) || seconds <= 0) throw invalid(childAt(at, 'expires_in'), 'seconds', json.expires_in);
  return { token: json.access_token, expires: now + seconds * 1000 };
}

type Issue = (signal: AbortSignal | undefined) => Promise<{ token: string; expires: number }>;

/** How a renewable credential gets a token: generateToken with a user, or the portal's OAuth with an app. */
function issuerFor(
  serviceUrl: string,
  config: Exclude<ServerCredentialConfig, { token: string } | { apiKey: string }>,
  client: RestClient,
  clock: Pick<Clock, 'now'>,
): Issue {
  const options = (signal: AbortSignal | undefined) => (signal ? { signal } : {});
  if ('username' in config) {
    const url = config.tokenUrl ?? defaultTokenUrl(serviceUrl);
    return async (signal) =>
      readToken(
        await client.postForm(
          url,
          { username: config.username, password: config.password, client: 'requestip', expiration: String(config.expirationMinutes ?? 60) },
          options(signal),
        ),
        url,
      );
  }
  const portal = (config.portalUrl ?? ARCGIS_ONLINE_SHARING).replace(/\/+$/, '');
  const tokenUrl = `${portal}/oauth2/token`;
  const exchangeUrl = `${portal}/generateToken`;
  return async (signal) => {
    const app = readAppToken(
      await client.postForm(
        tokenUrl,
        {
          client_id: config.clientId,
          client_secret: config.clientSecret,
          grant_type: 'client_credentials',
          expiration: String(config.expirationMinutes ?? 120),
        },
        options(signal),
      ),
      tokenUrl,
      clock.now(),
    );
    if (config.federated !== true) return app;
    // A federated server takes its own token: the portal issues it for the server, in exchange for the app's.
    const server = readToken(
      await client.postForm(exchangeUrl, { token: app.token, serverUrl: serverRoot(serviceUrl) }, options(signal)),
      exchangeUrl,
    );
    return { token: server.token, expires: Math.min(server.expires, app.expires) };
  };
}

/**
 * A service's server credential as a token source. A static token or API key is used as it is;
 * username/password go to `generateToken`, application credentials to the portal's OAuth endpoint
 * (POST, never in a URL); the token is renewed before it expires, or at once when the server refuses
 * it. Concurrent callers share one renewal.
 */
export function createServerToken(
  serviceUrl: string,
  config: ServerCredentialConfig,
  client: RestClient,
  clock: Pick<Clock, 'now'> = systemClock,
): ServerToken {
  if ('token' in config) return { token: () => Promise.resolve(config.token), invalidate: () => undefined };
  if ('apiKey' in config) return { token: () => Promise.resolve(config.apiKey), invalidate: () => undefined };
  const issue = issuerFor(serviceUrl, config, client, clock);
  let current: Issued | undefined;
  let renewing: Promise<Issued> | undefined;
  const renew = (signal?: AbortSignal) => {
    renewing ??= issue(signal)
      .then(({ token, expires }) => {
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
