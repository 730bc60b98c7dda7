import type { RestClient, RestParams, RestRequestOptions } from '../arcgis/rest-client.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { Credential } from '../../core/credential.js';
import type { ServerToken } from './server-token.js';

/** Server credentials by URL prefix (a service URL or a services root). */
export type ServerTokens = ReadonlyMap<string, ServerToken>;

function serverTokenFor(tokens: ServerTokens, url: string): ServerToken | undefined {
  let best: { prefix: string; token: ServerToken } | undefined;
  for (const [prefix, token] of tokens) {
    if ((url === prefix || url.startsWith(`${prefix}/`)) && prefix.length > (best?.prefix.length ?? -1)) best = { prefix, token };
  }
  return best?.token;
}

const bearer = (token: string): Record<string, string> => ({ 'x-esri-authorization': `Bearer ${token}` });

/**
 * REST clients that carry a credential: the caller's token as it is, or the service's server token.
 * Tokens travel only in the `X-Esri-Authorization` header, never in a URL. A server token the server
 * refuses (498) is renewed and the request retried once; a caller's token is the caller's to renew.
 */
export function createAuthorizedClients(client: RestClient, tokens: ServerTokens): (credential: Credential) => RestClient {
  const viaCaller = (token: string): RestClient => ({
    getJson: (url, params, opts = {}) => client.getJson(url, params, { ...opts, headers: { ...opts.headers, ...bearer(token) } }),
    postForm: (url, params, opts = {}) => client.postForm(url, params, { ...opts, headers: { ...opts.headers, ...bearer(token) } }),
    getFile: (url, opts = {}) => client.getFile(url, { ...opts, headers: { ...opts.headers, ...bearer(token) } }),
  });
  const viaGateway =
    (call: (url: string, params: RestParams, opts: RestRequestOptions) => Promise<unknown>) =>
    async (url: string, params: RestParams = {}, opts: RestRequestOptions = {}): Promise<unknown> => {
      const server = serverTokenFor(tokens, url);
      if (!server) return call(url, params, opts);
      const token = await server.token(opts.signal);
      try {
        return await call(url, params, { ...opts, headers: { ...opts.headers, ...bearer(token) } });
      } catch (error) {
        if (!(error instanceof GatewayError) || error.code !== ERROR_CODES.AUTH_INVALID) throw error;
        server.invalidate(token);
        const renewed = await server.token(opts.signal);
        return call(url, params, { ...opts, headers: { ...opts.headers, ...bearer(renewed) } });
      }
    };
  const gateway: RestClient = {
    getJson: viaGateway((url, params, opts) => client.getJson(url, params, opts)),
    postForm: viaGateway((url, params, opts) => client.postForm(url, params, opts)),
    // A file answers no error body to renew on: the server token is the current one.
    getFile: async (url, opts = {}) => {
      const server = serverTokenFor(tokens, url);
      const token = server ? await server.token(opts.signal) : undefined;
      return client.getFile(url, token === undefined ? opts : { ...opts, headers: { ...opts.headers, ...bearer(token) } });
    },
  };
  return (credential) => (credential.kind === 'caller' ? viaCaller(credential.token) : gateway);
}
