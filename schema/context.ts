import { GATEWAY_CREDENTIAL, type Credential } from '../gateway/auth/credential.js';
import type { JobAccess } from '../resolvers/job-operations.js';
import type { ResultLoader } from '../resolvers/result-loader.js';

/** What every GraphQL request carries to the resolvers. */
export interface GatewayContext {
  /** Aborted when the client goes away: upstream calls made for the request stop too. */
  readonly signal?: AbortSignal;
  /** Whose authority upstream calls carry: the caller's token, or the gateway's (server credential or none). */
  readonly credential?: Credential;
  /** Lazy job results, created per request (see resolvers/result-loader.ts). */
  readonly results?: ResultLoader;
}

/** The credential and lifetime of a request, as upstream calls take them. */
export function accessOf(context: GatewayContext): JobAccess {
  return { credential: context.credential ?? GATEWAY_CREDENTIAL, ...(context.signal ? { signal: context.signal } : {}) };
}
