/**
 * The embedded GPServer's three-step chain — ExtractElevation ∥ Buffer → ZonalStatistics — run two ways:
 * as one workflow through the gateway, and by hand over ArcGIS REST the way a client chains jobs
 * today (submit, poll every `pollMs`, fetch the result, send it back as the next input). The
 * tests compare their tables; the benchmark counts their requests and bytes.
 */

/** Three points in the terrain's default area (Yosemite valley, WGS84). */
export const CHAIN_POINTS = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  fields: [{ name: 'NAME', type: 'esriFieldTypeString', alias: 'NAME', length: 20 }],
  features: [
    { geometry: { x: -119.6, y: 37.7 }, attributes: { NAME: 'west' } },
    { geometry: { x: -119.55, y: 37.75 }, attributes: { NAME: 'middle' } },
    { geometry: { x: -119.5, y: 37.8 }, attributes: { NAME: 'east' } },
  ],
} as const;

export const CHAIN_EXTENT = { xmin: -119.7, ymin: 37.6, xmax: -119.4, ymax: 37.9, spatialReference: { wkid: 4326 } } as const;

/** The chain as a workflow: zones handed over by value (Buffer is synchronous), the raster by reference. */
export const ZONAL_WORKFLOW = /* GraphQL */ `
  mutation ZonalWorkflow($points: JSON!, $extent: EnvelopeInput!) {
    submitWorkflow(
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
`;

export type ZoneRow = Readonly<Record<string, string | number | null>>;

export interface HandChainCounts {
  readonly requests: number;
  readonly statusPolls: number;
  readonly bytesSent: number;
  readonly bytesReceived: number;
}

type Json = Record<string, unknown>;

/** A client that chains jobs by hand over ArcGIS REST, counting what it sends and receives. */
export interface HandClient {
  call(url: string, params?: Record<string, unknown>, post?: boolean): Promise<Json>;
  /** `submitJob`: the job's URL. */
  submit(taskUrl: string, params: Record<string, unknown>): Promise<string>;
  /** Polls the job every `pollMs` until it succeeds (throws when it ends otherwise). */
  untilDone(jobUrl: string): Promise<void>;
  counts(): HandChainCounts;
}

export function createHandClient(fetchImpl: typeof fetch = fetch, pollMs = 1000): HandClient {
  let requests = 0;
  let statusPolls = 0;
  let bytesSent = 0;
  let bytesReceived = 0;
  const call = async (url: string, params: Record<string, unknown> = {}, post = false): Promise<Json> => {
    const form = new URLSearchParams({ f: 'json' });
    for (const [key, value] of Object.entries(params)) form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
    const body = form.toString();
    requests++;
    bytesSent += url.length + 1 + body.length;
    const response = post
      ? await fetchImpl(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body })
      : await fetchImpl(`${url}?${body}`);
    const text = await response.text();
    bytesReceived += Buffer.byteLength(text);
    return JSON.parse(text) as Json;
  };
  return {
    call,
    async submit(taskUrl, params) {
      const submitted = await call(`${taskUrl}/submitJob`, params, true);
      if (typeof submitted.jobId !== 'string') throw new Error(`submitJob failed: ${JSON.stringify(submitted)}`);
      return `${taskUrl}/jobs/${submitted.jobId}`;
    },
    async untilDone(jobUrl) {
      for (;;) {
        statusPolls++;
        const status = String((await call(jobUrl)).jobStatus);
        if (status === 'esriJobSucceeded') return;
        if (/Failed|Cancelled|TimedOut/.test(status)) throw new Error(`${jobUrl} ended ${status}`);
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
    counts: () => ({ requests, statusPolls, bytesSent, bytesReceived }),
  };
}

/** Runs the chain over REST with `fetchImpl`; the table's rows and what the client sent and received. */
export async function runZonalChainByHand(
  servicesUrl: string,
  { fetchImpl = fetch, pollMs = 1000 }: { fetchImpl?: typeof fetch; pollMs?: number } = {},
): Promise<{ rows: ZoneRow[]; counts: HandChainCounts }> {
  const client = createHandClient(fetchImpl, pollMs);
  const task = (path: string): string => `${servicesUrl}/${path}`;
  const [terrainJob, zones] = await Promise.all([
    client.submit(task('Elevation/ExtractElevation/GPServer/ExtractElevation'), {
      Area_Of_Interest: CHAIN_EXTENT,
      Cell_Size: { distance: 250, units: 'esriMeters' },
    }),
    client.call(
      task('GPFolder/BufferService/GPServer/Buffer/execute'),
      { Input_Features: CHAIN_POINTS, Distance: { distance: 2, units: 'esriKilometers' } },
      true,
    ),
  ]);
  const polygons = (zones.results as { value: unknown }[] | undefined)?.[0]?.value;
  await client.untilDone(terrainJob);
  const raster = (await client.call(`${terrainJob}/results/Output_Raster`)).value;
  const statsJob = await client.submit(task('Analysis/ZonalStatistics/GPServer/ZonalStatistics'), {
    In_Zone_Features: polygons,
    In_Value_Raster: raster,
  });
  await client.untilDone(statsJob);
  const table = (await client.call(`${statsJob}/results/Out_Table`)).value as { features: { attributes: ZoneRow }[] };
  return { rows: table.features.map((f) => f.attributes), counts: client.counts() };
}

/** Where the viewshed chain looks from. */
export const VIEWER = { type: 'Point', coordinates: [-119.55, 37.75] } as const;

/**
 * WorldViewshed ∥ ExtractElevation → ZonalStatistics: the visible area's elevation statistics, both
 * hand-overs by reference on one server. `viewshedField` is the viewshed task's field of `run`
 * (`worldViewshed` beside the synchronous Viewshed, `viewshed` alone).
 */
export function viewshedZonalWorkflow(viewshedField = 'worldViewshed'): string {
  return /* GraphQL */ `
    mutation ViewshedZonalWorkflow($extent: EnvelopeInput!, $point: JSON!) {
      submitWorkflow(
        steps: [
          { id: "view", run: { ${viewshedField}: { inputObservationPoint: { geoJson: $point }, viewshedDistance: { distance: 5, units: KILOMETERS } } } }
          { id: "terrain", run: { extractElevation: { areaOfInterest: $extent } } }
          {
            id: "stats"
            run: {
              zonalStatistics: {
                inZoneFeaturesFrom: { step: "view", output: "viewshedResult" }
                inValueRasterFrom: { step: "terrain", output: "Output_Raster" }
              }
            }
          }
        ]
      ) {
        id
      }
    }
  `;
}
