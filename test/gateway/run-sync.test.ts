import { describe, expect, it } from 'vitest';
import { inProcessEmbeddedGateway } from '../support/gateway-fixture.js';

const SEED_POINT = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 54003 },
  features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: {} }],
};

const RUN_VIEWSHED = /* GraphQL */ `
  mutation Seed($input: ViewshedInput!) {
    runViewshed(input: $input) {
      results {
        esri: viewshedResult {
          format
          geometryType
          spatialReference {
            wkid
          }
          featureCount
          data
        }
        geo: viewshedResult(format: GEOJSON) {
          format
          spatialReference {
            wkid
          }
          featureCount
          data
        }
      }
      messages {
        type
        description
      }
    }
  }
`;

interface SeedData {
  runViewshed: {
    results: {
      esri: {
        format: string;
        geometryType: string;
        spatialReference: { wkid: number };
        featureCount: number;
        data: { features: { geometry: { rings: number[][][] } }[] };
      };
      geo: {
        format: string;
        spatialReference: { wkid: number };
        featureCount: number;
        data: { type: string; features: { geometry: { type: string; coordinates: unknown } }[] };
      };
    };
    messages: { type: string; description: string }[];
  };
}

describe('synchronous runs through the gateway', () => {
  it("should run the seed's Viewshed (54003, 8.5 esriMiles) as one mutation, as Esri JSON and as GeoJSON", async () => {
    const { graphql } = await inProcessEmbeddedGateway();
    const response = await graphql<SeedData>(RUN_VIEWSHED, {
      input: { inputObservationPoint: { esriJson: SEED_POINT }, viewshedDistance: { distance: 8.5, units: 'MILES' } },
    });
    expect(response.errors).toBeUndefined();
    const { esri, geo } = response.data?.runViewshed.results ?? {};
    expect(esri).toMatchObject({
      format: 'ESRI_JSON',
      geometryType: 'esriGeometryPolygon',
      spatialReference: { wkid: 54003 },
      featureCount: 1,
    });
    expect(esri?.data.features[0]?.geometry.rings.length).toBeGreaterThan(0);
    expect(geo).toMatchObject({ format: 'GEOJSON', spatialReference: { wkid: 4326 }, featureCount: 1 });
    expect(geo?.data.type).toBe('FeatureCollection');
    expect(['Polygon', 'MultiPolygon']).toContain(geo?.data.features[0]?.geometry.type);
    const [lon = 0, lat = 0] =
      JSON.stringify(geo?.data.features[0]?.geometry.coordinates)
        .match(/-?\d+\.\d+/g)
        ?.map(Number) ?? [];
    expect(lon).toBeCloseTo(-119.68, 0);
    expect(lat).toBeCloseTo(36.3, 0);
    expect(response.data?.runViewshed.messages.length).toBeGreaterThan(0);
  });

  it('should buffer GeoJSON input and dissolve it', async () => {
    const { graphql } = await inProcessEmbeddedGateway();
    const response = await graphql<{ runBuffer: { results: { outputPolygons: { featureCount: number; data: { type: string } } } } }>(
      `
        mutation ($input: BufferInput!) {
          runBuffer(input: $input) {
            results {
              outputPolygons(format: GEOJSON) {
                featureCount
                data
              }
            }
          }
        }
      `,
      {
        input: {
          inputFeatures: {
            geoJson: {
              type: 'FeatureCollection',
              features: [
                { type: 'Feature', properties: { name: 'a' }, geometry: { type: 'Point', coordinates: [10, 50] } },
                { type: 'Feature', properties: { name: 'b' }, geometry: { type: 'Point', coordinates: [10.001, 50] } },
              ],
            },
          },
          distance: { distance: 100, units: 'METERS' },
          dissolveType: 'ALL',
        },
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.runBuffer.results.outputPolygons.featureCount).toBe(1);
    expect(response.data?.runBuffer.results.outputPolygons.data.type).toBe('FeatureCollection');
  });
});
