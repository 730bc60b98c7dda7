/**
 * A workflow from a frontend's point of view, with urql and documents typed by GraphQL Code Generator
 * (`codegen.ts`): one `submitWorkflow` runs ExtractElevation ∥ Buffer → ZonalStatistics on the
 * embedded GPServer, ONE `workflowUpdates` subscription (graphql-ws) follows all three steps, and
 * `workflow(id)` reads the zonal table at the end. The raster and the buffer polygons never reach the
 * client: the gateway hands each output to the step that takes it.
 *
 *   npx tsx examples/workflow.ts [http://localhost:4000/graphql]
 */
import { Client, fetchExchange, subscriptionExchange } from '@urql/core';
import { createClient as createWsClient } from 'graphql-ws';
import { WebSocket } from 'ws';
import { graphql } from './gql/index.js';

/** Three points in the embedded terrain's default area (Yosemite valley, WGS84), as Esri JSON. */
const POINTS = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  fields: [{ name: 'NAME', type: 'esriFieldTypeString', alias: 'NAME', length: 20 }],
  features: [
    { geometry: { x: -119.6, y: 37.7 }, attributes: { NAME: 'west' } },
    { geometry: { x: -119.55, y: 37.75 }, attributes: { NAME: 'middle' } },
    { geometry: { x: -119.5, y: 37.8 }, attributes: { NAME: 'east' } },
  ],
};

const EXTENT = { xmin: -119.7, ymin: 37.6, xmax: -119.4, ymax: 37.9, spatialReference: { wkid: 4326 } };

// The two first steps take nothing from each other, so the gateway runs them side by side; `stats`
// names their outputs with `…From` and starts once both have succeeded.
const SUBMIT = graphql(`
  mutation SubmitZonalWorkflow($points: JSON!, $extent: EnvelopeInput!, $idempotencyKey: String) {
    submitWorkflow(
      idempotencyKey: $idempotencyKey
      steps: [
        { id: "terrain", run: { extractElevation: { areaOfInterest: $extent, cellSize: { distance: 250, units: METERS } } } }
        { id: "zones", run: { buffer: { inputFeatures: { esriJson: $points }, distance: { distance: 2, units: KILOMETERS } } } }
        {
          id: "stats"
          run: {
            zonalStatistics: {
              inZoneFeaturesFrom: { step: "zones", output: "Output_Polygons" }
              inValueRasterFrom: { step: "terrain", output: "Output_Raster" }
            }
          }
        }
      ]
    ) {
      id
      status
    }
  }
`);

const UPDATES = graphql(`
  subscription ZonalWorkflowUpdates($id: ID!) {
    workflowUpdates(id: $id) {
      status
      final
      steps {
        id
        status
      }
    }
  }
`);

// Results are read once, at the end, rather than selected on every update: only the table is fetched.
const RESULTS = graphql(`
  query ZonalWorkflowResults($id: ID!) {
    workflow(id: $id) {
      status
      steps {
        id
        results {
          ... on ZonalStatisticsOutputs {
            outTable {
              data
            }
          }
        }
      }
    }
  }
`);

export interface Zone {
  readonly zone: string;
  readonly mean: number;
}

export interface WorkflowExampleResult {
  readonly status: string;
  readonly zones: readonly Zone[];
}

/** The rows of an Esri JSON record set (the `JSON` scalar is untyped), as zone and mean. */
function zonesOf(table: unknown): Zone[] {
  const features: unknown = (table as { features?: unknown } | null)?.features;
  if (!Array.isArray(features)) throw new Error(`the zonal table is not a record set: ${JSON.stringify(table)}`);
  return (features as readonly { attributes?: { ZONE?: unknown; MEAN?: unknown } }[]).map(({ attributes }) => ({
    zone: String(attributes?.ZONE),
    mean: Number(attributes?.MEAN),
  }));
}

/** Follows the workflow until it is final, printing a step's status each time it changes; the final status. */
function follow(client: Client, id: string, print: (line: string) => void): Promise<string> {
  const printed = new Map<string, string>();
  return new Promise<string>((resolve, reject) => {
    const subscription = client.subscription(UPDATES, { id }).subscribe((result) => {
      if (result.error) {
        subscription.unsubscribe();
        reject(result.error);
        return;
      }
      const update = result.data?.workflowUpdates;
      if (!update) return;
      // Every event carries every step: print only what moved since the last one.
      for (const step of update.steps) {
        if (printed.get(step.id) === step.status) continue;
        printed.set(step.id, step.status);
        print(`  ${step.id}: ${step.status}`);
      }
      if (update.final) {
        subscription.unsubscribe();
        resolve(update.status);
      }
    });
  });
}

export async function runWorkflowExample(url: string, print: (line: string) => void = console.log): Promise<WorkflowExampleResult> {
  const ws = createWsClient({ url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket });
  const client = new Client({
    url,
    exchanges: [
      fetchExchange,
      subscriptionExchange({
        forwardSubscription: (request) => ({
          subscribe: (sink) => ({ unsubscribe: ws.subscribe({ ...request, query: request.query ?? '' }, sink) }),
        }),
      }),
    ],
  });
  try {
    // A retry of this submit (say after a dropped connection) returns the same workflow instead of a second run.
    const submitted = await client.mutation(SUBMIT, { points: POINTS, extent: EXTENT, idempotencyKey: crypto.randomUUID() }).toPromise();
    const workflow = submitted.data?.submitWorkflow;
    if (!workflow) throw new Error(submitted.error?.message ?? 'no workflow came back');
    print(`submitted ${workflow.id}: ${workflow.status}`);

    const status = await follow(client, workflow.id, print);
    print(`workflow ${status}`);
    if (status !== 'SUCCEEDED') return { status, zones: [] };

    const read = await client.query(RESULTS, { id: workflow.id }).toPromise();
    if (read.error) throw read.error;
    const table = read.data?.workflow?.steps.find((step) => step.id === 'stats')?.results;
    if (!table || !('outTable' in table)) throw new Error('the stats step has no table');
    const zones = zonesOf(table.outTable?.data);
    for (const { zone, mean } of zones) print(`zone ${zone}: mean elevation ${mean.toFixed(1)} m`);
    return { status, zones };
  } finally {
    await ws.dispose();
  }
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  await runWorkflowExample(process.argv[2] ?? 'http://localhost:4000/graphql');
}
