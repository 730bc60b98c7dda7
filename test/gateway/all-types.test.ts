import { describe, expect, it } from 'vitest';
import { inProcessEmbeddedGateway } from '../support/gateway-fixture.js';
import { uploadItemId } from '../support/gp-server-fixture.js';

const ECHO = /* GraphQL */ `
  mutation Echo($input: EchoAllTypesInput!) {
    runEchoAllTypes(input: $input) {
      results {
        outString
        outLong
        outDouble
        outBoolean
        outDate
        outLinearUnit {
          distance
          units
        }
        outArealUnit {
          area
          units
        }
        outFeatures {
          featureCount
          geometryType
          data
        }
        outFeaturesGeo: outFeatures(format: GEOJSON) {
          data
        }
        outRecords {
          featureCount
          geometryType
          data
        }
        outDataFile {
          url
          itemId
        }
        outRaster {
          url
          format
        }
        outStrings
        outValueTable
        outComposite
        outField {
          name
          type
          alias
        }
        outSpatialReference {
          wkid
        }
        outExtent {
          xmin
          ymin
          xmax
          ymax
          spatialReference {
            wkid
          }
        }
      }
    }
  }
`;

describe('every GP data type through the gateway', () => {
  it('should round-trip each type through the all-types task', async () => {
    const { graphql, upstream } = await inProcessEmbeddedGateway();
    // File inputs name files the server has: items uploaded to the service (or its own result files).
    const service = `${upstream.servicesUrl}/Testing/AllDataTypes/GPServer`;
    const dataFile = await uploadItemId(service, 'data.csv', 'a,b\n1,2\n');
    const raster = await uploadItemId(service, 'dem.tif', 'not read by the echo');
    const input = {
      inString: 'BLUE',
      inLong: '9007199254740993',
      inDouble: 2.5,
      inBoolean: true,
      inDate: '2008-01-01T00:00:00.000Z',
      inLinearUnit: { distance: 3, units: 'FEET' },
      inArealUnit: { area: 2, units: 'HECTARES' },
      inFeatures: { geoJson: { type: 'Feature', properties: { NAME: 'a' }, geometry: { type: 'Point', coordinates: [1, 2] } } },
      inRecords: { esriJson: { features: [{ attributes: { NAME: 'row', VALUE: 1 } }] } },
      inDataFile: { itemId: dataFile },
      inRaster: { itemId: raster },
      inStrings: ['RED', 'BLUE'],
      inValueTable: [
        { name: 'alpha', weight: 1.5 },
        { name: 'beta', weight: 2 },
      ],
      inComposite: { linearUnit: { distance: 5, units: 'METERS' } },
      inField: { name: 'POP', type: 'INTEGER', alias: 'Population' },
      inSpatialReference: { wkid: 3857 },
      inExtent: { xmin: 0, ymin: 0, xmax: 1, ymax: 1, spatialReference: { wkid: 4326 } },
    };
    const response = await graphql<{ runEchoAllTypes: { results: Record<string, unknown> } }>(ECHO, { input });
    expect(response.errors).toBeUndefined();
    const out = response.data?.runEchoAllTypes.results ?? {};
    expect(out).toMatchObject({
      outString: 'Blue',
      outLong: '9007199254740993',
      outDouble: 2.5,
      outBoolean: true,
      outDate: '2008-01-01T00:00:00.000Z',
      outLinearUnit: { distance: 3, units: 'FEET' },
      outArealUnit: { area: 2, units: 'HECTARES' },
      outFeatures: { featureCount: 1, geometryType: 'esriGeometryPoint' },
      outFeaturesGeo: { data: { type: 'FeatureCollection', features: [{ geometry: { type: 'Point', coordinates: [1, 2] } }] } },
      outRecords: { featureCount: 1, geometryType: null },
      outDataFile: { url: null, itemId: dataFile },
      outRaster: { url: null, format: null },
      outStrings: ['Red', 'Blue'],
      outValueTable: [
        ['alpha', 1.5],
        ['beta', 2],
      ],
      outComposite: { distance: 5, units: 'esriMeters' },
      outField: { name: 'POP', type: 'INTEGER', alias: 'Population' },
      outSpatialReference: { wkid: 3857 },
      outExtent: { xmin: 0, ymin: 0, xmax: 1, ymax: 1, spatialReference: { wkid: 4326 } },
    });
  });
});
