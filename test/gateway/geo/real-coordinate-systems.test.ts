/**
 * GeoJSON outputs of servers in other coordinate systems: a scripted GPServer answers with real-world
 * fixtures (State Plane in US feet, British and Swiss national grids, an Esri-only id, WKT only,
 * `latestWkid`, true curves); the gateway's GeoJSON is compared with a reference projection made by
 * proj4 from published definitions (epsg.io's EPSG and ESRI entries), written out here, not read
 * from the gateway's own definition lists.
 */
import proj4 from 'proj4';
import { describe, expect, it } from 'vitest';
import { graphql, startGateway } from '../../support/gateway-fixture.js';
import { gpParameter, startScriptedGpServer, type ScriptedTask } from '../../support/scripted-gpserver.js';

const SERVICE = 'Geo/Fixtures';
const WGS84 = '+proj=longlat +datum=WGS84 +no_defs';

/** Published definitions (epsg.io, PROJ.4 form, with EPSG's Helmert datum shifts). */
const REFERENCE = {
  2229: '+proj=lcc +lat_1=35.46666666666667 +lat_2=34.03333333333333 +lat_0=33.5 +lon_0=-118 +x_0=2000000.0001016 +y_0=500000.0001016001 +datum=NAD83 +units=us-ft +no_defs',
  27700:
    '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs',
  2056: '+proj=somerc +lat_0=46.95240555555556 +lon_0=7.439583333333333 +k_0=1 +x_0=2600000 +y_0=1200000 +ellps=bessel +towgs84=674.374,15.056,405.346,0,0,0,0 +units=m +no_defs',
  102008: '+proj=aea +lat_0=40 +lon_0=-96 +lat_1=20 +lat_2=60 +x_0=0 +y_0=0 +datum=NAD83 +units=m +no_defs',
} as const;

/** NAD 1983 State Plane California V (US feet) as ArcGIS writes it, with no wkid beside it. */
const CA_V_WKT =
  'PROJCS["NAD_1983_StatePlane_California_V_FIPS_0405_Feet",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",6561666.666666666],PARAMETER["False_Northing",1640416.666666667],PARAMETER["Central_Meridian",-118.0],PARAMETER["Standard_Parallel_1",34.03333333333333],PARAMETER["Standard_Parallel_2",35.46666666666667],PARAMETER["Latitude_Of_Origin",33.5],UNIT["Foot_US",0.3048006096012192]]';

type XY = readonly [number, number];

const taskAnswering = (featureSet: unknown): ScriptedTask => ({
  name: 'Answer',
  parameters: [gpParameter('Out', 'GPFeatureRecordSetLayer', 'Output')],
  values: { Out: featureSet },
});

const pointSet = (spatialReference: object, points: readonly XY[]): object => ({
  geometryType: 'esriGeometryPoint',
  spatialReference,
  fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' }],
  features: points.map(([x, y], i) => ({ attributes: { OBJECTID: i + 1 }, geometry: { x, y } })),
});

interface GeoJsonAnswer {
  runAnswer: {
    results: {
      geo: { spatialReference: { wkid: number }; data: { features: { geometry: { type: string; coordinates: unknown } }[] } };
      esri: { data: { features: { geometry: Record<string, unknown> }[] } };
    };
  };
}

const QUERY = 'mutation { runAnswer { results { geo: out(format: GEOJSON) { spatialReference { wkid } data } esri: out { data } } } }';

async function gatewayAnswering(featureSet: unknown): Promise<string> {
  const upstream = await startScriptedGpServer({
    services: [{ name: SERVICE, executionType: 'esriExecutionTypeSynchronous', tasks: [taskAnswering(featureSet)] }],
  });
  const { graphqlUrl } = await startGateway({ sources: [{ kind: 'service', url: upstream.serviceUrl(SERVICE) }] });
  return graphqlUrl;
}

function expectWithin(actual: readonly number[], expected: readonly number[], tolerance: number): void {
  expect(Math.abs((actual[0] ?? Number.NaN) - (expected[0] ?? Number.NaN))).toBeLessThan(tolerance);
  expect(Math.abs((actual[1] ?? Number.NaN) - (expected[1] ?? Number.NaN))).toBeLessThan(tolerance);
}

describe('GeoJSON outputs of servers in other coordinate systems', () => {
  const points: { name: string; spatialReference: object; reference: string; points: XY[] }[] = [
    {
      name: 'State Plane California V, US feet (2229)',
      spatialReference: { wkid: 2229, latestWkid: 2229 },
      reference: REFERENCE[2229],
      points: [
        [6_500_000, 1_850_000],
        [6_470_000, 1_830_500],
      ],
    },
    {
      name: 'British National Grid (27700)',
      spatialReference: { wkid: 27700, latestWkid: 27700 },
      reference: REFERENCE[27700],
      points: [
        [530_000, 180_000],
        [325_000, 673_000],
      ],
    },
    {
      name: 'Swiss LV95 (2056)',
      spatialReference: { wkid: 2056, latestWkid: 2056 },
      reference: REFERENCE[2056],
      points: [
        [2_600_000, 1_200_000],
        [2_683_000, 1_248_000],
      ],
    },
    {
      name: 'an Esri-only id, North America Albers (102008)',
      spatialReference: { wkid: 102008 },
      reference: REFERENCE[102008],
      points: [
        [-1_700_000, -300_000],
        [1_200_000, 500_000],
      ],
    },
    {
      name: 'an old Esri id with latestWkid (102645 → 2229)',
      spatialReference: { wkid: 102645, latestWkid: 2229 },
      reference: REFERENCE[2229],
      points: [[6_500_000, 1_850_000]],
    },
    {
      name: 'WKT alone (California V as ArcGIS writes it)',
      spatialReference: { wkt: CA_V_WKT },
      reference: REFERENCE[2229],
      points: [[6_500_000, 1_850_000]],
    },
  ];

  it.each(points)(
    'projects $name to WGS84 within 1e-6° of the published definition',
    async ({ spatialReference, reference, points: xy }) => {
      const graphqlUrl = await gatewayAnswering(pointSet(spatialReference, xy));
      const response = await graphql<GeoJsonAnswer>(graphqlUrl, QUERY);
      expect(response.errors).toBeUndefined();
      const geo = response.data?.runAnswer.results.geo;
      expect(geo?.spatialReference.wkid).toBe(4326);
      const toWgs84 = proj4(reference, WGS84);
      xy.forEach((point, i) => {
        const coordinates = geo?.data.features[i]?.geometry.coordinates as number[];
        expectWithin(coordinates, toWgs84.forward([...point]), 1e-6);
      });
      // The Esri JSON of the same output stays in the server's coordinates.
      expect(response.data?.runAnswer.results.esri.data.features[0]?.geometry).toMatchObject({ x: xy[0]?.[0], y: xy[0]?.[1] });
    },
  );

  it('densifies true curves (a circle of 100 m in the British grid) into a ring on the circle', async () => {
    const centre: XY = [530_000, 180_000];
    const start = [centre[0] + 100, centre[1]];
    const circle = {
      geometryType: 'esriGeometryPolygon',
      spatialReference: { wkid: 27700, latestWkid: 27700 },
      fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' }],
      // Two half circles through their interior points, then a full elliptic arc written the pre-10.3 way.
      features: [
        {
          attributes: { OBJECTID: 1 },
          geometry: {
            curveRings: [
              [
                start,
                {
                  c: [
                    [centre[0] - 100, centre[1]],
                    [centre[0], centre[1] + 100],
                  ],
                },
                { c: [start, [centre[0], centre[1] - 100]] },
              ],
            ],
          },
        },
        { attributes: { OBJECTID: 2 }, geometry: { curveRings: [[start, { a: [start, [...centre], 0, 1] }]] } },
      ],
    };
    const graphqlUrl = await gatewayAnswering(circle);
    const response = await graphql<GeoJsonAnswer>(graphqlUrl, QUERY);
    expect(response.errors).toBeUndefined();
    const fromWgs84 = proj4(WGS84, REFERENCE[27700]);
    for (const feature of response.data?.runAnswer.results.geo.data.features ?? []) {
      expect(feature.geometry.type).toBe('Polygon');
      const ring = (feature.geometry.coordinates as number[][][])[0] ?? [];
      expect(ring.length).toBeGreaterThan(90);
      for (const vertex of ring) {
        const [x = 0, y = 0] = fromWgs84.forward(vertex);
        expect(Math.abs(Math.hypot(x - centre[0], y - centre[1]) - 100)).toBeLessThan(0.01);
      }
    }
    // Esri JSON keeps the true curves for clients that draw them.
    expect(response.data?.runAnswer.results.esri.data.features[0]?.geometry).toHaveProperty('curveRings');
  });

  it('names a coordinate system no definition list has, and keeps the Esri JSON answer', async () => {
    const graphqlUrl = await gatewayAnswering(pointSet({ wkid: 12_345_678 }, [[1, 2]]));
    const geo = await graphql<GeoJsonAnswer>(graphqlUrl, 'mutation { runAnswer { results { out(format: GEOJSON) { data } } } }');
    expect(geo.errors?.[0]?.extensions).toMatchObject({ code: 'UNSUPPORTED_SPATIAL_REFERENCE', wkid: 12_345_678, parameter: 'Out' });
    expect(geo.errors?.[0]?.message).toMatch(/wkid 12345678.*Esri JSON/);
    const esri = await graphql<GeoJsonAnswer>(graphqlUrl, 'mutation { runAnswer { results { out { featureCount } } } }');
    expect(esri.errors).toBeUndefined();
  });

  it('projects a synchronous output into the outSR a field asks for, and refuses an id no list has', async () => {
    const graphqlUrl = await gatewayAnswering(pointSet({ wkid: 4326 }, [[-0.1276, 51.5072]]));
    const response = await graphql<{
      runAnswer: { results: { bng: { spatialReference: { wkid: number }; data: { features: { geometry: { x: number; y: number } }[] } } } };
    }>(graphqlUrl, 'mutation { runAnswer { results { bng: out(outSR: 27700) { spatialReference { wkid } data } } } }');
    expect(response.errors).toBeUndefined();
    const bng = response.data?.runAnswer.results.bng;
    expect(bng?.spatialReference.wkid).toBe(27_700);
    const expected = proj4(WGS84, REFERENCE[27700]).forward([-0.1276, 51.5072]);
    const { x = 0, y = 0 } = bng?.data.features[0]?.geometry ?? {};
    expectWithin([x, y], expected, 1e-3);
    const unknown = await graphql(graphqlUrl, 'mutation { runAnswer { results { out(outSR: 12345678) { featureCount } } } }');
    expect(unknown.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', parameter: 'Out' } });
    expect(unknown.errors?.[0]?.message).toMatch(/outSR of output "Out".*12345678/);
  });
});
