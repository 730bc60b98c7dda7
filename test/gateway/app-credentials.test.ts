/**
 * ArcGIS application credentials (OAuth 2.0 client_credentials) as the gateway's server credential,
 * against the embedded GPServer playing the portal (`/arcgis/sharing/rest/oauth2/token`,
 * `/arcgis/sharing/rest/generateToken`): as ArcGIS Online, where services take the app token, and as a
 * server federated with an Enterprise portal, which takes only a token exchanged for it.
 */
import { ApplicationCredentialsManager, request } from '@esri/arcgis-rest-request';
import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { graphql, startGateway } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';

const APP = { clientId: 'gateway-app', clientSecret: 'app-s3cret-value' };
const RUN = 'mutation { runElevationStatistics(input: { bandCount: 2, stepDelayMs: 0 }) { status } }';

async function rig(portalTokensAccepted: boolean, credential: Record<string, unknown>) {
  const upstream = await startGpServer({ security: { users: [], apps: [APP], portalTokensAccepted } });
  const lines: string[] = [];
  const { graphqlUrl } = await startGateway({
    sources: embeddedSources(upstream.servicesUrl),
    serverCredentials: [
      { url: upstream.servicesUrl, credential: { ...APP, portalUrl: `${upstream.origin}/arcgis/sharing/rest`, ...credential } },
    ],
    polling: { floorMs: 20, ceilingMs: 50 },
    log: createLogger('debug', (line) => lines.push(line)),
  });
  return { upstream, graphqlUrl, lines };
}

describe('application credentials (client_credentials)', () => {
  it('runs with an app token where services take it (ArcGIS Online), fetched once for every request', async () => {
    const { upstream, graphqlUrl, lines } = await rig(true, {});
    for (let i = 0; i < 3; i++) {
      const response = await graphql<{ runElevationStatistics: { status: string } }>(graphqlUrl, RUN);
      expect(response.errors).toBeUndefined();
      expect(response.data?.runElevationStatistics.status).toBe('SUCCEEDED');
    }
    expect(upstream.requests.count('oauth2Token')).toBe(1);
    expect(upstream.requests.count('portalGenerateToken')).toBe(0);
    expect(lines.join('\n')).not.toContain(APP.clientSecret);
  });

  it('exchanges the app token for a server token on a federated server, which refuses the app token itself', async () => {
    // Without the exchange the services cannot even be introspected: they show as ERROR, saying why.
    const plain = await rig(false, {});
    const refused = await graphql<{ services: { status: string; error: string | null }[] }>(
      plain.graphqlUrl,
      '{ services { status error } }',
    );
    expect(refused.data?.services.every((s) => s.status === 'ERROR')).toBe(true);
    expect(refused.data?.services[0]?.error).toMatch(/498|[Ii]nvalid token/);

    const { upstream, graphqlUrl, lines } = await rig(false, { federated: true });
    for (let i = 0; i < 2; i++) {
      const response = await graphql<{ runElevationStatistics: { status: string } }>(graphqlUrl, RUN);
      expect(response.errors).toBeUndefined();
      expect(response.data?.runElevationStatistics.status).toBe('SUCCEEDED');
    }
    expect(upstream.requests.count('oauth2Token')).toBe(1);
    expect(upstream.requests.count('portalGenerateToken')).toBe(1);
    expect(lines.join('\n')).not.toContain(APP.clientSecret);
  });

  it('says clearly when the portal refuses the app, without its secret', async () => {
    const { graphqlUrl, lines } = await rig(true, { clientSecret: 'not-the-secret' });
    const response = await graphql<{ services: { status: string; error: string | null }[] }>(graphqlUrl, '{ services { status error } }');
    expect(response.data?.services[0]?.status).toBe('ERROR');
    expect(response.data?.services[0]?.error).toMatch(/Invalid client_id or client_secret/);
    expect(JSON.stringify(response)).not.toContain('not-the-secret');
    expect(lines.join('\n')).not.toContain('not-the-secret');
  });

  it("issues tokens Esri's own client takes: ApplicationCredentialsManager against the embedded portal", async () => {
    const upstream = await startGpServer({ security: { users: [], apps: [APP] } });
    const session = ApplicationCredentialsManager.fromCredentials({ ...APP, portal: `${upstream.origin}/arcgis/sharing/rest` });
    const taskUrl = `${upstream.servicesUrl}/Analysis/ElevationStatistics/GPServer/ElevationStatistics`;
    const token = await session.getToken(taskUrl);
    expect(token).not.toBe('');
    expect(session.expires.getTime()).toBeGreaterThan(Date.now());
    // The token opens the service it was issued for, through Esri's own request code.
    const info = (await request(taskUrl, { authentication: session, httpMethod: 'GET' })) as { name?: string };
    expect(info.name).toBe('ElevationStatistics');
  });
});
