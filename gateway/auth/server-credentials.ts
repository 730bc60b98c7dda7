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
    }
  | AppCredentialConfig;

/**
 * An ArcGIS Online / Enterprise application's credentials (OAuth 2.0 `client_credentials`): the
 * portal issues an app token; with `federated`, that token is exchanged at the portal's
 * `generateToken` for a token of the service's own server (a server federated with an Enterprise portal).
 */
export interface AppCredentialConfig {
  readonly clientId: string;
  readonly clientSecret: string;
  /** The portal's sharing API. Default ArcGIS Online, `https://www.arcgis.com/sharing/rest`. */
  readonly portalUrl?: string;
  /** Requested token lifetime (the portal caps it: 2 weeks on ArcGIS Online). Default 120. */
  readonly expirationMinutes?: number;
  /** Exchange the app token for a token of the server that hosts the service. Default false. */
  readonly federated?: boolean;
}

export const ARCGIS_ONLINE_SHARING = 'https://www.arcgis.com/sharing/rest';

export function isServerCredentialConfig(value: unknown): value is ServerCredentialConfig {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.token === 'string' ||
    typeof v.apiKey === 'string' ||
    (typeof v.username === 'string' && typeof v.password === 'string') ||
    (typeof v.clientId === 'string' && typeof v.clientSecret === 'string')
  );
}

/** `https://host/arcgis/rest/services/…/GPServer` → `https://host/arcgis`: the server a token is for. */
export function serverRoot(serviceUrl: string): string {
  const url = new URL(serviceUrl);
  const at = url.pathname.indexOf('/rest/services');
  return `${url.origin}${at === -1 ? '' : url.pathname.slice(0, at)}`;
}

/** `https://host/arcgis/rest/services/…/GPServer` → `https://host/arcgis/tokens/generateToken`. */
export function defaultTokenUrl(serviceUrl: string): string {
  return `${serverRoot(serviceUrl)}/tokens/generateToken`;
}
