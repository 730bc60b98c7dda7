import { createGpServer, type GpServer } from '../../gpserver/server.js';
import { EMBEDDED_SERVICES } from '../../gpserver/services/embedded-services.js';
import { qualifiedServiceName } from '../../gpserver/model/service.js';
import type { ServiceSource } from '../arcgis/catalog-loader.js';

/**
 * The embedded set publishes Esri's sample Viewshed twice (synchronous and asynchronous). The
 * asynchronous one gets an alias so that the synchronous task keeps the plain `runViewshed`,
 * while its twin becomes `runWorldViewshed` / `submitWorldViewshedJob`.
 */
const EMBEDDED_ALIASES: Readonly<Record<string, string>> = { WorldViewshed: 'World' };

/**
 * Without configured sources the gateway fronts the embedded GPServer, started in-process on a
 * free loopback port, so `npm start` needs no ArcGIS account.
 */
export async function sourcesOrEmbedded(
  sources: readonly ServiceSource[],
): Promise<{ sources: readonly ServiceSource[]; embedded?: GpServer }> {
  if (sources.length > 0) return { sources };
  const embedded = await createGpServer({ port: 0, host: '127.0.0.1' });
  return { sources: embeddedSources(embedded.servicesUrl), embedded };
}

export function embeddedSources(servicesUrl: string): ServiceSource[] {
  return EMBEDDED_SERVICES.map((service) => {
    const name = qualifiedServiceName(service);
    const alias = EMBEDDED_ALIASES[name];
    return { kind: 'service', url: `${servicesUrl}/${name}/GPServer`, ...(alias ? { alias } : {}) };
  });
}
