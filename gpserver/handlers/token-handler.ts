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
