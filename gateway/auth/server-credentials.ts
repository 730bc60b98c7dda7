/** A service's own credential, from the config file (never from the command line, where `ps` shows it). */
export type ServerCredentialConfig =
  | { readonly token: string }
  | { readonly apiKey: string }
  | {
      readonly username: string;
      readonly password: string;
      /** Default: `<origin>/arcgis/tokens/generateToken` under the service's origin and web adaptor. */
      readonly tokenUrl?: string;
      /** Requested token lifetime. Default 60. */
      readonly expirationMinutes?: number;
    };

export function isServerCredentialConfig(value: unknown): value is ServerCredentialConfig {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.token === 'string' || typeof v.apiKey === 'string' || (typeof v.username === 'string' && typeof v.password === 'string');
}

/** `https://host/arcgis/rest/services/…/GPServer` → `https://host/arcgis/tokens/generateToken`. */
export function defaultTokenUrl(serviceUrl: string): string {
  const url = new URL(serviceUrl);
  const at = url.pathname.indexOf('/rest/services');
  const base = at === -1 ? '' : url.pathname.slice(0, at);
  return `${url.origin}${base}/tokens/generateToken`;
}
