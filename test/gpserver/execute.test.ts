import { describe, expect, it } from 'vitest';
import { rest, startGpServer, uploadItemId, type Json } from '../support/gp-server-fixture.js';

const VIEWSHED = 'Elevation/ESRI_Elevation_World/GPServer/Viewshed';
const BUFFER = 'GPFolder/BufferService/GPServer/Buffer';

/** The seed's request: one point in World Miller (54003), 8.5 miles. */
const SEED_POINT = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 54003 },
  features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: { FID: 1 } }],
};
const SEED_DISTANCE = { distance: 8.5, units: 'esriMiles' };

interface PolygonFeatureSet {
  geometryType: string;
  spatialReference: { wkid: number };
  features: { geometry: { rings: number[][][] }; attributes: Record<string, number> }[];
}

function outputValue(body: Json, name: string): PolygonFeatureSet {
  const results = body.results as { paramName: string; dataType: string; value: PolygonFeatureSet }[];
  const result = results.find((r) => r.paramName === name);
  if (!result) throw new Error(`no result ${name} in ${JSON.stringify(body).slice(0, 300)}`);
  return result.value;
}

describe('execute', () => {
  it('should run the seed viewshed (54003, 8.5 esriMiles) and return polygons in 54003', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, {
      Input_Observation_Point: SEED_POINT,
      Viewshed_Distance: SEED_DISTANCE,
    });
    const results = body.results as { paramName: string; dataType: string }[];
    expect(results.map((r) => [r.paramName, r.dataType])).toEqual([['Viewshed_Result', 'GPFeatureRecordSetLayer']]);
    const value = outputValue(body, 'Viewshed_Result');
    expect(value.geometryType).toBe('esriGeometryPolygon');
    expect(value.spatialReference.wkid).toBe(54003);
    expect(value.features).toHaveLength(1);
    const [feature] = value.features;
    expect(feature?.attributes).toMatchObject({ ID: 1, GRIDCODE: 1 });
    const radius = 8.5 * 1609.344;
    expect(feature?.attributes.Shape_Area).toBeGreaterThan(0);
    expect(feature?.attributes.Shape_Area).toBeLessThanOrEqual(Math.PI * radius * radius * 1.02);
    // Every vertex lies within the viewshed distance of the observer (World Miller distorts little at 36°N).
    const { x: ox, y: oy } = SEED_POINT.features[0]?.geometry ?? { x: 0, y: 0 };
    for (const ring of feature?.geometry.rings ?? []) {
      expect(ring[0]).toEqual(ring.at(-1));
      for (const [x = 0, y = 0] of ring) expect(Math.hypot(x - ox, (y - oy) / 1.25)).toBeLessThan(radius * 1.35);
    }
    expect((body.messages as unknown[]).length).toBeGreaterThan(0);
  });

  it('should give the same answer to GET and POST', async () => {
    const server = await startGpServer();
    const params = { Input_Observation_Point: SEED_POINT, Viewshed_Distance: { distance: 2, units: 'esriKilometers' } };
    const viaGet = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, params);
    const viaPost = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, params, { method: 'POST' });
    expect(viaPost.results).toEqual(viaGet.results);
  });

  it('should return the result in env:outSR', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, {
      Input_Observation_Point: SEED_POINT,
      Viewshed_Distance: { distance: 1, units: 'esriKilometers' },
      'env:outSR': 4326,
    });
    const value = outputValue(body, 'Viewshed_Result');
    expect(value.spatialReference.wkid).toBe(4326);
    const [x = 0, y = 0] = value.features[0]?.geometry.rings[0]?.[0] ?? [];
    expect(x).toBeCloseTo(-119.68, 1);
    expect(y).toBeCloseTo(36.31, 1);
  });

  it('should use the default distance when Viewshed_Distance is absent', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, { Input_Observation_Point: SEED_POINT });
    const area = outputValue(body, 'Viewshed_Result').features[0]?.attributes.Shape_Area ?? 0;
    expect(area).toBeGreaterThan(0);
    expect(area).toBeLessThanOrEqual(Math.PI * 15000 ** 2 * 1.02);
  });

  it('should report a missing required parameter the ArcGIS way, without running the tool', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, { Viewshed_Distance: SEED_DISTANCE });
    expect(body).toEqual({
      error: {
        code: 400,
        message: 'Unable to complete operation.',
        details: ["ERROR 000735: Input Observation Point: Value is required (parameter 'Input_Observation_Point')"],
      },
    });
  });

  it('should reject malformed JSON and bad units, naming each parameter', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, {
      Input_Observation_Point: '{"features": [',
      Viewshed_Distance: { distance: 3, units: 'esriParsecs' },
    });
    const details = (body.error as { details: string[] }).details;
    expect(details).toHaveLength(2);
    expect(details[0]).toMatch(/Input_Observation_Point.*malformed JSON/);
    expect(details[1]).toMatch(/Viewshed_Distance/);
  });

  it('should answer a tool failure with an error body carrying the reason', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, {
      Input_Observation_Point: SEED_POINT,
      Viewshed_Distance: { distance: 500, units: 'esriKilometers' },
    });
    expect(body).toMatchObject({ error: { code: 500, message: 'Error executing tool.' } });
    expect((body.error as { details: string[] }).details.join('\n')).toContain('at most 50 kilometers');
  });

  it('should time out a synchronous execution that exceeds the maximum run time', async () => {
    const server = await startGpServer({ maxRunTimeMs: 1 });
    const body = await rest(`${server.servicesUrl}/${VIEWSHED}/execute`, { Input_Observation_Point: SEED_POINT });
    expect((body.error as { details: string[] }).details.join('\n')).toContain('maximum run time');
  });

  it('should buffer GeoJSON-free Esri points and dissolve them', async () => {
    const server = await startGpServer();
    const points = {
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 4326 },
      features: [
        { geometry: { x: 10, y: 50 }, attributes: { OBJECTID: 1 } },
        { geometry: { x: 10.001, y: 50 }, attributes: { OBJECTID: 2 } },
      ],
    };
    const none = await rest(`${server.servicesUrl}/${BUFFER}/execute`, {
      Input_Features: points,
      Distance: { distance: 100, units: 'esriMeters' },
    });
    expect(outputValue(none, 'Output_Polygons').features).toHaveLength(2);
    const all = await rest(`${server.servicesUrl}/${BUFFER}/execute`, {
      Input_Features: points,
      Distance: { distance: 100, units: 'esriMeters' },
      Dissolve_Type: 'ALL',
    });
    const dissolved = outputValue(all, 'Output_Polygons');
    expect(dissolved.features).toHaveLength(1);
    expect(dissolved.spatialReference.wkid).toBe(4326);
  });

  it('should reject a value outside a choice list', async () => {
    const server = await startGpServer();
    const body = await rest(`${server.servicesUrl}/${BUFFER}/execute`, {
      Input_Features: { geometryType: 'esriGeometryPoint', features: [{ geometry: { x: 0, y: 0 }, attributes: {} }] },
      Distance: { distance: 1, units: 'esriMeters' },
      Dissolve_Type: 'SOME',
    });
    expect((body.error as { details: string[] }).details[0]).toMatch(/Dissolve_Type/);
  });

  it('should echo every GP data type through the all-types task', async () => {
    const server = await startGpServer();
    const service = `${server.servicesUrl}/Testing/AllDataTypes/GPServer`;
    const inputs = {
      In_String: 'Blue',
      In_Long: '9007199254740993',
      In_Double: 2.5,
      In_Boolean: true,
      In_Date: 1199145600000,
      In_Linear_Unit: { distance: 3, units: 'esriFeet' },
      In_Areal_Unit: { area: 2, units: 'esriHectares' },
      In_Features: {
        geometryType: 'esriGeometryPoint',
        spatialReference: { wkid: 4326 },
        features: [{ geometry: { x: 1, y: 2 }, attributes: { NAME: 'a' } }],
      },
      In_Records: { features: [{ attributes: { NAME: 'row', VALUE: 1 } }] },
      In_Data_File: { itemID: await uploadItemId(service, 'data.csv', 'a,b\n1,2\n') },
      In_Raster: { itemID: await uploadItemId(service, 'dem.tif', 'not read by the echo') },
      In_Strings: ['Red', 'Blue'],
      In_Value_Table: [
        ['alpha', 1.5],
        ['beta', 2],
      ],
      In_Composite: { distance: 5, units: 'esriMeters' },
      In_Field: { name: 'POP', type: 'esriFieldTypeInteger', alias: 'Population' },
      In_Spatial_Reference: { wkid: 3857 },
      In_Extent: { xmin: 0, ymin: 0, xmax: 1, ymax: 1, spatialReference: { wkid: 4326 } },
    };
    const body = await rest(`${server.servicesUrl}/Testing/AllDataTypes/GPServer/EchoAllTypes/execute`, inputs, { method: 'POST' });
    const results = body.results as { paramName: string; dataType: string; value: unknown }[];
    const byName = new Map(results.map((r) => [r.paramName, r]));
    expect(byName.get('Out_String')).toEqual({ paramName: 'Out_String', dataType: 'GPString', value: 'Blue' });
    expect(byName.get('Out_Long')?.value).toBe('9007199254740993');
    expect(byName.get('Out_Double')?.value).toBe(2.5);
    expect(byName.get('Out_Boolean')?.value).toBe(true);
    expect(byName.get('Out_Date')?.value).toBe(1199145600000);
    expect(byName.get('Out_Strings')).toMatchObject({ dataType: 'GPMultiValue:GPString', value: ['Red', 'Blue'] });
    expect(byName.get('Out_Value_Table')?.value).toEqual([
      ['alpha', 1.5],
      ['beta', 2],
    ]);
    expect(byName.get('Out_Linear_Unit')?.value).toEqual({ distance: 3, units: 'esriFeet' });
    expect(byName.get('Out_Extent')?.value).toMatchObject({ xmin: 0, xmax: 1 });
    expect((byName.get('Out_Features')?.value as { features: unknown[] }).features).toHaveLength(1);
    // File references go back as sent: the path of the file on the server never leaves it.
    expect(byName.get('Out_Data_File')?.value).toEqual({ itemID: inputs.In_Data_File.itemID });
    expect(byName.get('Out_Raster')?.value).toEqual({ itemID: inputs.In_Raster.itemID });
  });
});
