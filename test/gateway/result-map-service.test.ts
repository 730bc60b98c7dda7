/**
 * Result map services: the embedded GPServer publishes one for the asynchronous viewshed
 * (`WorldViewshed/MapServer/jobs/<jobId>`, its export drawing the visible area); the gateway points
 * each finished job at it (`GPJob.resultMapService`), read from `resultMapServerName`.
 */
import { describe, expect, it } from 'vitest';
import { resultMapServerUrl } from '../../resolvers/result-map-service.js';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';
import { decodePng } from '../support/png-decode.js';

const OBSERVER = [-119.68, 36.31] as const;
const RUN = `mutation {
  runWorldViewshed(input: { inputObservationPoint: { geoJson: { type: "Point", coordinates: [${OBSERVER.join(', ')}] } }, viewshedDistance: { distance: 3, units: KILOMETERS } }) {
    id status
    resultMapService { url layerIds }
    ... on WorldViewshedJob { results { viewshedResult(format: GEOJSON) { data } } }
  }
}`;

interface Run {
  runWorldViewshed: {
    status: string;
    resultMapService: { url: string | null; layerIds: number[] } | null;
    results: { viewshedResult: { data: { features: { geometry: { coordinates: number[][][] | number[][][][] } }[] } } };
  };
}

/** Alpha of the pixel of the export that covers (lon, lat). */
function alphaAt(png: ReturnType<typeof decodePng>, bbox: readonly number[], [lon, lat]: readonly [number, number]): number {
  const [xmin = 0, ymin = 0, xmax = 0, ymax = 0] = bbox;
  const column = Math.floor(((lon - xmin) / (xmax - xmin)) * png.width);
  const row = Math.floor(((ymax - lat) / (ymax - ymin)) * png.height);
  return png.pixels[(row * png.width + column) * 4 + 3] ?? -1;
}

describe('result map services', () => {
  it('points a finished viewshed job at its result map service, which draws the visible area', async () => {
    const { graphqlUrl } = await startEmbeddedGateway();
    const run = await graphql<Run>(graphqlUrl, RUN);
    expect(run.errors).toBeUndefined();
    const job = run.data?.runWorldViewshed;
    expect(job?.status).toBe('SUCCEEDED');
    expect(job?.resultMapService?.layerIds).toEqual([0]);
    const url = job?.resultMapService?.url ?? '';
    expect(url).toMatch(/\/arcgis\/rest\/services\/WorldViewshed\/MapServer\/jobs\/[^/]+$/);

    const service = (await (await fetch(`${url}?f=json`)).json()) as {
      layers: { id: number; name: string }[];
      fullExtent: Record<string, number>;
    };
    expect(service.layers).toEqual([expect.objectContaining({ id: 0, name: 'Viewshed_Result' })]);

    // A 0.08° square around the observer (the viewshed reaches 3 km ≈ 0.03°): the observer's pixel is drawn, a corner is not.
    const bbox = [OBSERVER[0] - 0.04, OBSERVER[1] - 0.04, OBSERVER[0] + 0.04, OBSERVER[1] + 0.04];
    const image = await fetch(`${url}/export?bbox=${bbox.join(',')}&bboxSR=4326&size=200,200&transparent=true&f=image`);
    expect(image.headers.get('content-type')).toBe('image/png');
    const png = decodePng(new Uint8Array(await image.arrayBuffer()));
    expect([png.width, png.height]).toEqual([200, 200]);
    expect(alphaAt(png, bbox, OBSERVER)).toBeGreaterThan(0);
    expect(alphaAt(png, bbox, [(bbox[0] ?? 0) + 0.0001, (bbox[1] ?? 0) + 0.0001])).toBe(0);
    // Every drawn pixel lies within the viewshed's extent from the GeoJSON result (one pixel of slack).
    const coordinates = JSON.stringify(job?.results.viewshedResult.data).match(/-?\d+\.\d+,-?\d+\.\d+/g) ?? [];
    const points = coordinates.map((pair) => pair.split(',').map(Number));
    const east = Math.max(...points.map(([x = 0]) => x));
    expect(alphaAt(png, bbox, [Math.min(east + 0.001, (bbox[2] ?? 0) - 0.0001), OBSERVER[1]])).toBe(0);

    const json = (await (await fetch(`${url}/export?bbox=${bbox.join(',')}&bboxSR=4326&size=200,200&f=json`)).json()) as {
      href: string;
      width: number;
    };
    expect(json.width).toBe(200);
    expect((await fetch(json.href)).headers.get('content-type')).toBe('image/png');
  });

  it('gives no result map service to jobs of services without one, and hides its host where hosts are private', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ exposeUpstreamUrls: false });
    const run = await graphql<Run>(graphqlUrl, RUN);
    expect(run.data?.runWorldViewshed.resultMapService).toEqual({ url: null, layerIds: [0] });
    const other = await graphql<{ runElevationStatistics: { resultMapService: unknown } }>(
      graphqlUrl,
      'mutation { runElevationStatistics(input: { bandCount: 1, stepDelayMs: 0 }) { resultMapService { url } } }',
    );
    expect(other.data?.runElevationStatistics.resultMapService).toBeNull();
  });

  it('places the map service beside the GP service, in its folder unless the name has one', () => {
    expect(resultMapServerUrl('https://h/arcgis/rest/services/WorldViewshed/GPServer', 'WorldViewshed')).toBe(
      'https://h/arcgis/rest/services/WorldViewshed/MapServer',
    );
    expect(resultMapServerUrl('https://h/server/rest/services/Hydro/Watershed/GPServer', 'Watershed')).toBe(
      'https://h/server/rest/services/Hydro/Watershed/MapServer',
    );
    expect(resultMapServerUrl('https://h/server/rest/services/Hydro/Watershed/GPServer', 'Maps/WatershedResults')).toBe(
      'https://h/server/rest/services/Maps/WatershedResults/MapServer',
    );
    expect(resultMapServerUrl('https://h/server/rest/services/Hydro/Watershed/GPServer', '')).toBeUndefined();
  });
});
