/**
 * Where a client may tell the upstream to read from. Inputs such as `DataFileInput.url`,
 * `RasterInput.url` and `FeatureSetInput.url` hand the GPServer a URL that it fetches itself: left
 * open, a client could make the GPServer (inside the deployment's network) read its neighbours or a
 * cloud metadata endpoint (server-side request forgery through the upstream). The rules:
 * - an absolute URL that core/public-url.ts lets through (http or https, no user info, a public host
 *   in every spelling of an address);
 * - where callers may know the upstream hosts, also a URL on the origin of a configured service (a
 *   result of one task fed to another), whatever its host;
 * - where upstream hosts are kept private, never a URL on the host of a configured service, on any
 *   port, and refused in the very words used for any other host that is not public: were the
 *   upstream's origin accepted, or refused otherwise, a caller could scan loopback and private
 *   addresses and tell the upstream by the answer.
 * A name that resolves to a private address is not caught here: the upstream resolves it.
 */
import { GatewayError } from '../core/errors/gateway-error.js';
import { NOT_PUBLIC_HOST, whyNotPublic, withoutRootDot } from '../core/public-url.js';

export interface InputUrlPolicy {
  /** `value` (a converted GP input) unchanged; throws INVALID_INPUT naming `parameter` for a URL it may not hold. */
  checked<T>(value: T, parameter: string): T;
}

export interface InputUrlPolicyOptions {
  /** Upstream hosts are kept from callers (`exposeUpstreamUrls: false`): the services' hosts are refused as not public. */
  readonly privateUpstream?: boolean;
}

/** The policy for a catalog: `serviceUrls` are its services' GPServer URLs. */
export function inputUrlPolicy(serviceUrls: readonly string[], options: InputUrlPolicyOptions = {}): InputUrlPolicy {
  const services = serviceUrls.flatMap((url) => (URL.canParse(url) ? [new URL(url)] : []));
  const ownOrigins = new Set(services.map((url) => url.origin));
  const ownHosts = new Set(services.map((url) => withoutRootDot(url.hostname)));
  const whyRefused = (url: URL): string | undefined => {
    const why = whyNotPublic(url);
    if (options.privateUpstream === true) return why ?? (ownHosts.has(withoutRootDot(url.hostname)) ? NOT_PUBLIC_HOST : undefined);
    return why === NOT_PUBLIC_HOST && ownOrigins.has(url.origin) ? undefined : why;
  };
  const check = (text: string, parameter: string): void => {
    const why = URL.canParse(text) ? whyRefused(new URL(text)) : 'not an absolute URL';
    if (why !== undefined) {
      throw new GatewayError('INVALID_INPUT', `${parameter}: the url may not be given to the GPServer to read: ${why}.`, { parameter });
    }
  };
  const visit = (value: unknown, parameter: string): void => {
    if (Array.isArray(value)) for (const member of value) visit(member, parameter);
    else if (typeof value === 'object' && value !== null) {
      for (const [key, member] of Object.entries(value)) {
        if (key === 'url' && typeof member === 'string') check(member, parameter);
        else visit(member, parameter);
      }
    }
  };
  return {
    checked(value, parameter) {
      visit(value, parameter);
      return value;
    },
  };
}
