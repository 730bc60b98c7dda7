/**
 * The package's entry (`import { createGateway } from 'gp-graphql-gateway'`): the gateway, its schema
 * builder for tools that want the SDL alone, and the types they take. The embedded GPServer is
 * `gp-graphql-gateway/gpserver`.
 */
export { createGateway, type Gateway, type GatewayOptions } from './create-gateway.js';
export type { ServiceSource } from './arcgis/catalog-loader.js';
export { createHttpServer, type ServerTimeouts } from './http/http-server.js';
export { buildGatewaySchema } from '../schema/build-gateway-schema.js';
export { systemClock, type Clock } from '../core/clock.js';
