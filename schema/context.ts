/** What every GraphQL request carries to the resolvers. */
export interface GatewayContext {
  /** Aborted when the client goes away: upstream calls made for the request stop too. */
  readonly signal?: AbortSignal;
}
