/**
 * Workflows over the embedded GPServer's real tools: the results of a chain run by the gateway are the
 * results of the same chain run by hand over ArcGIS REST.
 */
import { describe, expect, it } from 'vitest';
import { graphql, startEmbeddedGateway, startGateway, subscribeWs } from '../../support/gateway-fixture.js';
import { startGpServer } from '../../support/gp-server-fixture.js';
import {
  CHAIN_EXTENT,
  CHAIN_POINTS,
  runZonalChainByHand,
  VIEWER,
  viewshedZonalWorkflow,
  ZONAL_WORKFLOW,
  type ZoneRow,
} from '../../support/zonal-chain.js';

const POLLING = { floorMs: 50, ceilingMs: 100, graceMs: 200 };

const RESULTS = /* GraphQL */ `
  query ($id: ID!) {
    workflow(id: $id) {
      status
      steps {
        id
        status
        handOvers {
          input
          fromStep
          output
          mode
        }
        results {
          __typename
          ... on BufferOutputs {
            outputPolygons(format: GEOJSON) {
              featureCount
            }
          }
          ... on ExtractElevationOutputs {
            outputRaster {
              format
              upstreamUrl
            }
          }
          ... on ZonalStatisticsOutputs {
            outTable {
              data
            }
          }
        }
      }
    }
  }
`;

interface StepResults {
  id: string;
  status: string;
  handOvers: { input: string; fromStep: string; output: string; mode: string }[];
  results: {
    __typename: string;
    outputPolygons?: { featureCount: number };
    outputRaster?: { format: string | null; upstreamUrl: string | null } | null;
    outTable?: { data: { features: { attributes: ZoneRow }[] } };
  } | null;
}

const UPDATES = 'subscription ($id: ID!) { workflowUpdates(id: $id) { status final currentSteps steps { id status } } }';

async function runWorkflow(origin: string, graphqlUrl: string, query: string, variables: Record<string, unknown>) {
  const submitted = await graphql<{ submitWorkflow: { id: string } }>(graphqlUrl, query, variables);
  expect(submitted.errors).toBeUndefined();
  const id = submitted.data?.submitWorkflow.id ?? '';
  // One subscription for the whole chain, over graphql-ws's own client.
  const { events, error } = await subscribeWs<{
    workflowUpdates: { status: string; final: boolean; steps: { id: string; status: string }[] };
  }>(origin, UPDATES, { id });
  expect(error).toBeUndefined();
  const results = await graphql<{ workflow: { status: string; steps: StepResults[] } }>(graphqlUrl, RESULTS, { id });
  expect(JSON.stringify(results.errors)).toBeUndefined();
  const workflow = results.data?.workflow;
  if (!workflow) throw new Error('no workflow');
  return {
    events: events.map((e) => e.data?.workflowUpdates),
    workflow,
    step: (name: string) => workflow.steps.find((s) => s.id === name),
  };
}

const byName = (rows: readonly ZoneRow[]) => [...rows].sort((a, b) => String(a.ZONE).localeCompare(String(b.ZONE)));

describe('workflows on the embedded GPServer', () => {
  it('should run ExtractElevation ∥ Buffer → ZonalStatistics with one hand-over by value and one by reference, as the chain run by hand', async () => {
    const { origin, graphqlUrl, upstream } = await startEmbeddedGateway({ polling: POLLING });
    const { events, workflow, step } = await runWorkflow(origin, graphqlUrl, ZONAL_WORKFLOW, {
      points: CHAIN_POINTS,
      extent: CHAIN_EXTENT,
    });
    expect(workflow.status).toBe('SUCCEEDED');
    expect(events.at(-1)).toMatchObject({ status: 'SUCCEEDED', final: true });
    // The two independent steps ran side by side: an event saw both running.
    expect(
      events.some((e) =>
        e?.steps.filter((s) => ['terrain', 'zones'].includes(s.id)).every((s) => s.status !== 'PENDING' && s.status !== 'SUCCEEDED'),
      ),
    ).toBe(true);
    expect(step('stats')?.handOvers).toEqual([
      { input: 'In_Zone_Features', fromStep: 'zones', output: 'Output_Polygons', mode: 'VALUE' },
      { input: 'In_Value_Raster', fromStep: 'terrain', output: 'Output_Raster', mode: 'REFERENCE' },
    ]);
    expect(step('zones')?.results).toEqual({ __typename: 'BufferOutputs', outputPolygons: { featureCount: 3 } });
    expect(step('terrain')?.results?.outputRaster?.upstreamUrl).toMatch(/\/arcgisjobs\/.+\.tif$/);

    const viaGateway = byName(step('stats')?.results?.outTable?.data.features.map((f) => f.attributes) ?? []);
    const byHand = byName((await runZonalChainByHand(upstream.servicesUrl, { pollMs: 50 })).rows);
    expect(viaGateway.map((row) => row.ZONE)).toEqual(['1', '2', '3']);
    expect(viaGateway).toEqual(byHand);
    for (const row of viaGateway) expect(Number(row.COUNT)).toBeGreaterThan(100);
  });

  it('should run WorldViewshed → ZonalStatistics, the viewshed polygons read by the server from the job result', async () => {
    const { origin, graphqlUrl } = await startEmbeddedGateway({ polling: POLLING });
    const query = viewshedZonalWorkflow('worldViewshed');
    const { workflow, step } = await runWorkflow(origin, graphqlUrl, query, { extent: CHAIN_EXTENT, point: VIEWER });
    expect(workflow.status).toBe('SUCCEEDED');
    expect(step('stats')?.handOvers.map((h) => [h.input, h.mode])).toEqual([
      ['In_Zone_Features', 'REFERENCE'],
      ['In_Value_Raster', 'REFERENCE'],
    ]);
    const rows = step('stats')?.results?.outTable?.data.features.map((f) => f.attributes) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.MIN)).toBeLessThanOrEqual(Number(row.MAX));
  });

  it('should refuse a chain whose reference names no output before anything goes upstream', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: POLLING });
    const response = await graphql(
      graphqlUrl,
      `
        mutation {
          submitWorkflow(
            steps: [
              { id: "zones", run: { buffer: { inputFeatures: { geoJson: { type: "Point", coordinates: [0, 0] } } } } }
              {
                id: "stats"
                run: { zonalStatistics: { inZoneFeaturesFrom: { step: "zones", output: "Nope" }, inValueRaster: { itemId: "x" } } }
              }
            ]
          ) {
            id
          }
        }
      `,
    );
    expect(response.errors?.[0]?.extensions?.code).toBe('INVALID_INPUT');
    expect(response.errors?.[0]?.message).toMatch(/Nope/);
  });
});

describe('workflows across two GPServers', () => {
  it('should hand over by value where the next server cannot read the result: features fetched, the raster copied to its uploads', async () => {
    const [a, b] = await Promise.all([startGpServer(), startGpServer()]);
    const { origin, graphqlUrl } = await startGateway({
      sources: [
        { kind: 'service', url: `${a.servicesUrl}/WorldViewshed/GPServer` },
        { kind: 'service', url: `${a.servicesUrl}/Elevation/ExtractElevation/GPServer` },
        { kind: 'service', url: `${b.servicesUrl}/Analysis/ZonalStatistics/GPServer` },
        { kind: 'service', url: `${b.servicesUrl}/GPFolder/BufferService/GPServer` },
      ],
      polling: POLLING,
    });
    const query = viewshedZonalWorkflow('viewshed');
    const { workflow, step } = await runWorkflow(origin, graphqlUrl, query, { extent: CHAIN_EXTENT, point: VIEWER });
    expect(workflow.status).toBe('SUCCEEDED');
    expect(step('stats')?.handOvers.map((h) => [h.input, h.mode])).toEqual([
      ['In_Zone_Features', 'VALUE'],
      ['In_Value_Raster', 'VALUE'],
    ]);
    const rows = step('stats')?.results?.outTable?.data.features.map((f) => f.attributes) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(Number(row.COUNT)).toBeGreaterThan(0);
  });
});
