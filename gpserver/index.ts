/** `gp-graphql-gateway/gpserver`: the embedded GPServer as a library (README, "The embedded GPServer"). */
export { createGpServer, type GpServer } from './server.js';
export type { GpServerOptions } from './server-options.js';
