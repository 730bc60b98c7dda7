import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { graphql, startEmbeddedGateway, startGateway } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';

/** A port nothing listens on: bind one, then close it. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
}

const SERVICES = /* GraphQL */ `
  {
    services {
      name
      url
      alias
      status
      error
      executionType
      tasks {
        name
        runField
        submitField
        executionType
        parameters {
          name
          fieldName
          dataType
          direction
          required
        }
      }
    }
  }
`;

interface ServicesData {
  services: {
    name: string;
    status: string;
    error: string | null;
    alias: string | null;
    tasks: { name: string; runField: string; parameters: { name: string; fieldName: string }[] }[];
  }[];
}

describe('the gateway server', () => {
  it('should start with a dead service, list its error and serve the others', async () => {
    const upstream = await startGpServer();
    const dead = `http://127.0.0.1:${await deadPort()}/arcgis/rest/services/Gone/Away/GPServer`;
    const { graphqlUrl, origin } = await startGateway({
      sources: [...embeddedSources(upstream.servicesUrl), { kind: 'service', url: dead }],
      retryMs: 60_000,
    });
    const response = await graphql<ServicesData>(graphqlUrl, SERVICES);
    const gone = response.data?.services.find((s) => s.name === 'Gone/Away');
    expect(gone).toMatchObject({ status: 'ERROR', tasks: [] });
    expect(gone?.error).toMatch(/ECONNREFUSED|unreachable/i);
    const viewshed = response.data?.services.find((s) => s.name === 'Elevation/ESRI_Elevation_World');
    expect(viewshed).toMatchObject({ status: 'OK', error: null, tasks: [{ name: 'Viewshed', runField: 'runViewshed' }] });
    expect(viewshed?.tasks[0]?.parameters.map((p) => [p.name, p.fieldName])).toEqual([
      ['Input_Observation_Point', 'inputObservationPoint'],
      ['Viewshed_Distance', 'viewshedDistance'],
      ['Viewshed_Result', 'viewshedResult'],
    ]);
    expect(response.data?.services.find((s) => s.name === 'WorldViewshed')).toMatchObject({
      alias: 'World',
      tasks: [{ runField: 'runWorldViewshed' }],
    });
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
  });

  it('should stay unready while no service is up, and become ready once one is', async () => {
    const port = await deadPort();
    const url = `http://127.0.0.1:${port}/arcgis/rest/services`;
    const { origin, gateway } = await startGateway({ sources: [{ kind: 'services-root', url }], retryMs: 50 });
    expect((await fetch(`${origin}/healthz`)).status).toBe(200);
    expect((await fetch(`${origin}/readyz`)).status).toBe(503);
    expect(gateway.live.ready).toBe(false);
    // The upstream comes up on the same port; the background retry finds it.
    const upstream = await startGpServer({ port });
    for (let i = 0; i < 200 && !gateway.live.ready; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect((await fetch(`${origin}/readyz`)).status).toBe(200);
    const response = await graphql<ServicesData>(`${origin}/graphql`, SERVICES);
    expect(response.data?.services.filter((s) => s.status === 'OK')).toHaveLength(8);
    await upstream.close();
  });

  it('should serve GraphiQL with example operations for the configured services', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const response = await fetch(graphqlUrl, { headers: { accept: 'text/html' } });
    expect(response.headers.get('content-type')).toContain('text/html');
    const html = await response.text();
    // The run tabs, the job tab and the workflow tab of the embedded services.
    for (const operation of [
      'runElevationStatistics',
      'runZonalStatistics',
      'submitElevationStatisticsJob',
      'submitWorkflow',
      'workflowUpdates',
    ]) {
      expect(html).toContain(operation);
    }
  });

  it('should answer an unknown path with 404 and keep GraphQL errors for bad requests', async () => {
    const { origin, graphqlUrl } = await startEmbeddedGateway();
    expect((await fetch(`${origin}/nothing-here`)).status).toBe(404);
    const response = await fetch(graphqlUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": ' });
    expect(response.status).toBe(400);
  });
});
