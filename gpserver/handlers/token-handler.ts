import { restErrors } from '../http/rest-error.js';
import type { Handler } from './handler-context.js';

/**
 * `/arcgis/tokens/generateToken`: username and password → `{token, expires, ssl}`.
 * ArcGIS accepts credentials only in a POST body, never in a URL that proxies may log.
 */
export const generateToken: Handler = (parts, { http }) => {
  if (!parts.tokens) throw restErrors.unableToGenerateToken('Token-based security is not enabled on this server.');
  if (http.method !== 'POST') throw restErrors.methodNotAllowed(http.method);
  const username = http.params.get('username') ?? '';
  const password = http.params.get('password') ?? '';
  const expiration = Number(http.params.get('expiration') ?? Number.NaN);
  const issued = parts.tokens.generate(username, password, Number.isFinite(expiration) ? expiration : undefined);
  if (!issued) throw restErrors.unableToGenerateToken('Invalid username or password.');
  return { token: issued.token, expires: issued.expires, ssl: false };
};

/**
 * `/arcgis/sharing/rest/oauth2/token` (the portal's OAuth 2.0 endpoint): `client_credentials` with a
 * registered app's id and secret → `{access_token, expires_in}` (seconds), as ArcGIS Online answers.
 */
export const oauth2Token: Handler = (parts, { http }) => {
  if (!parts.tokens) throw restErrors.unableToGenerateToken('Token-based security is not enabled on this server.');
  if (http.method !== 'POST') throw restErrors.methodNotAllowed(http.method);
  if (http.params.get('grant_type') !== 'client_credentials')
    throw restErrors.invalidOAuthRequest('unsupported_grant_type', 'Only client_credentials is supported.');
  const expiration = Number(http.params.get('expiration') ?? Number.NaN);
  const issued = parts.tokens.generateForApp(
    http.params.get('client_id') ?? '',
    http.params.get('client_secret') ?? '',
    Number.isFinite(expiration) ? expiration : undefined,
  );
  if (!issued) throw restErrors.invalidOAuthRequest('invalid_client', 'Invalid client_id or client_secret.');
  return { access_token: issued.token, expires_in: issued.expiresInSeconds };
};

/** `/arcgis/sharing/rest/generateToken` with `token` and `serverUrl`: a portal token exchanged for a server token. */
export const portalGenerateToken: Handler = (parts, { http }) => {
  if (!parts.tokens) throw restErrors.unableToGenerateToken('Token-based security is not enabled on this server.');
  if (http.method !== 'POST') throw restErrors.methodNotAllowed(http.method);
  if ((http.params.get('serverUrl') ?? '') === '') throw restErrors.unableToGenerateToken('serverUrl is required.');
  const issued = parts.tokens.exchange(http.params.get('token') ?? '');
  if (!issued) throw restErrors.unableToGenerateToken('Invalid token.');
  return { token: issued.token, expires: issued.expires, ssl: false };
};
