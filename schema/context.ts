import type { ResultLoader } from '../resolvers/result-loader.js';

/** What every GraphQL request carries to the resolvers. */
export interface GatewayContext {
  /** Aborted when the client goes away: upstream calls made for the request stop too. */
  readonly signal?: AbortSignal;
  /** Lazy job results, created per request (see resolvers/result-loader.ts). */
  readonly results?: ResultLoader;
}
