/**
 * Where webhooks may go: the input-URL policy of core/public-url.ts (http or https, no user info, a
 * public host), or an origin the operator allows (a receiver on loopback or a private network).
 *
 * A public name may still resolve to a private address, now or after the check (DNS rebinding). So
 * for every URI that is not on an allowed origin the sender connects through `publicOnlyLookup`: it
 * resolves the name once, refuses the connection when any address is not public, and hands the
 * socket exactly the addresses it checked — no second resolution happens between check and connect.
 */
import type { LookupAddress } from 'node:dns';
import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupFunction } from 'node:net';
import { isPublicAddress, NOT_PUBLIC_HOST, whyNotPublic } from '../../core/public-url.js';

/** Every address of a name. */
export type HostResolver = (hostname: string) => Promise<readonly LookupAddress[]>;

export const systemResolver: HostResolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** A connection refused because the name resolved to an address that is not public. */
export class NotPublicAddressError extends Error {
  override readonly name = 'NotPublicAddressError';
  readonly code = 'EWEBHOOKNOTPUBLIC';
}

/** Whether `url` is on one of the operator's allowed origins (exact scheme, host and port). */
export function onAllowedOrigin(url: URL, allowedOrigins: readonly string[]): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && allowedOrigins.includes(url.origin);
}

/** Why `uri` may not receive webhooks; undefined when it may. */
export function webhookUriProblem(uri: string, allowedOrigins: readonly string[]): string | undefined {
  if (!URL.canParse(uri)) return 'not an absolute URL';
  const url = new URL(uri);
  if (url.username !== '' || url.password !== '') return 'a URL with user info';
  return onAllowedOrigin(url, allowedOrigins) ? undefined : whyNotPublic(url);
}

/** A `lookup` for `net.connect`/`tls.connect` that connects only to public addresses (see above). */
export function publicOnlyLookup(resolve: HostResolver, isAllowed: (address: string) => boolean = isPublicAddress): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname).then(
      (addresses) => {
        const wanted = addresses.filter((a) => options.family === undefined || options.family === 0 || a.family === options.family);
        const first = wanted[0];
        if (!first) {
          callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '');
          return;
        }
        // Any private address refuses the name: which one a connection would use is not ours to choose.
        if (!addresses.every((a) => isAllowed(a.address))) {
          callback(new NotPublicAddressError(`${hostname}: ${NOT_PUBLIC_HOST}`), '');
          return;
        }
        if (options.all === true) callback(null, wanted);
        else callback(null, first.address, first.family);
      },
      (error: unknown) => {
        callback(error instanceof Error ? error : new Error(String(error)), '');
      },
    );
  };
}
