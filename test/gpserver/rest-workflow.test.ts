import { describe, expect, it } from 'vitest';
import { isFinal, pollJob, rest, startGpServer } from '../support/gp-server-fixture.js';

const SEED_POINT = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 54003 },
  features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: {} }],
};

interface Polygons {
  spatialReference: { wkid: number };
  features: { geometry: { rings: number[][][] } }[];
}

describe("the seed's asynchronous REST workflow", () => {
  it('should submitJob, poll until esriJobSucceeded and fetch each result through its paramUrl', async () => {
    const server = await startGpServer();
    const task = `${server.servicesUrl}/WorldViewshed/GPServer/viewshed`;
    const submitted = await rest(
      `${task}/submitJob`,
      {
        Input_Observation_Point: SEED_POINT,
        Viewshed_Distance: { distance: 8.5, units: 'esriMiles' },
      },
      { method: 'POST' },
    );
    const jobUrl = `${task}/jobs/${String(submitted.jobId)}`;
    const { status, seen } = await pollJob(jobUrl, isFinal);
    expect(seen.at(-1)).toBe('esriJobSucceeded');
    expect(seen).toContain('esriJobExecuting');
    const results = status.results as Record<string, { paramUrl: string }>;
    expect(Object.keys(results)).toEqual(['Viewshed_Result']);
    const result = await rest(`${jobUrl}/${results.Viewshed_Result?.paramUrl ?? ''}`);
    expect(result).toMatchObject({ paramName: 'Viewshed_Result', dataType: 'GPFeatureRecordSetLayer' });
    const polygons = result.value as Polygons;
    expect(polygons.spatialReference.wkid).toBe(54003);
    expect(polygons.features[0]?.geometry.rings.length).toBeGreaterThan(0);

    // The same stored result, reprojected on request.
    const inWgs84 = (await rest(`${jobUrl}/results/Viewshed_Result`, { outSR: 4326 })).value as Polygons;
    expect(inWgs84.spatialReference.wkid).toBe(4326);
    expect(inWgs84.features[0]?.geometry.rings.length).toBe(polygons.features[0]?.geometry.rings.length);
    const [lon = 0, lat = 0] = inWgs84.features[0]?.geometry.rings[0]?.[0] ?? [];
    expect(lon).toBeCloseTo(-119.68, 0);
    expect(lat).toBeCloseTo(36.3, 0);

    const input = await rest(`${jobUrl}/inputs/Viewshed_Distance`);
    expect(input).toEqual({ paramName: 'Viewshed_Distance', dataType: 'GPLinearUnit', value: { distance: 8.5, units: 'esriMiles' } });
  });

  it('should honour env:outSR given at submit time for every result fetch', async () => {
    const server = await startGpServer();
    const task = `${server.servicesUrl}/WorldViewshed/GPServer/viewshed`;
    const submitted = await rest(`${task}/submitJob`, {
      Input_Observation_Point: SEED_POINT,
      Viewshed_Distance: { distance: 1, units: 'esriKilometers' },
      'env:outSR': 102100,
    });
    const jobUrl = `${task}/jobs/${String(submitted.jobId)}`;
    await pollJob(jobUrl, isFinal);
    const value = (await rest(`${jobUrl}/results/Viewshed_Result`)).value as { spatialReference: { wkid: number; latestWkid: number } };
    expect(value.spatialReference).toEqual({ wkid: 102100, latestWkid: 3857 });
  });

  it('should strip z values unless returnZ=true', async () => {
    const server = await startGpServer();
    const features = {
      geometryType: 'esriGeometryPoint',
      hasZ: true,
      spatialReference: { wkid: 4326 },
      features: [{ geometry: { x: 1, y: 2, z: 300 }, attributes: {} }],
    };
    const url = `${server.servicesUrl}/Testing/AllDataTypes/GPServer/EchoAllTypes/execute`;
    const pick = (body: Record<string, unknown>): { hasZ?: boolean; features: { geometry: Record<string, number> }[] } =>
      (body.results as { paramName: string; value: { features: { geometry: Record<string, number> }[] } }[]).find(
        (r) => r.paramName === 'Out_Features',
      )?.value ?? { features: [] };
    const flat = pick(await rest(url, { In_Long: 1, In_Features: features }));
    expect(flat.features[0]?.geometry).toEqual({ x: 1, y: 2 });
    expect(flat.hasZ).toBeUndefined();
    const withZ = pick(await rest(url, { In_Long: 1, In_Features: features, returnZ: true }));
    expect(withZ.features[0]?.geometry).toEqual({ x: 1, y: 2, z: 300 });
    expect(withZ.hasZ).toBe(true);
  });

  it('should accept multipart/form-data bodies as Esri clients send with files', async () => {
    const server = await startGpServer();
    const form = new FormData();
    form.set('f', 'json');
    form.set('In_Long', '42');
    form.set('In_String', 'Red');
    const response = await fetch(`${server.servicesUrl}/Testing/AllDataTypes/GPServer/EchoAllTypes/execute`, {
      method: 'POST',
      body: form,
    });
    const body = (await response.json()) as { results: { paramName: string; value: unknown }[] };
    expect(body.results.find((r) => r.paramName === 'Out_Long')?.value).toBe(42);
    expect(body.results.find((r) => r.paramName === 'Out_String')?.value).toBe('Red');
  });

  it('should refuse a body over the size limit with an error body', async () => {
    const server = await startGpServer({ bodyLimitBytes: 1024 });
    const body = await rest(
      `${server.servicesUrl}/Testing/AllDataTypes/GPServer/EchoAllTypes/execute`,
      { In_Long: 1, In_String: 'x'.repeat(4096) },
      { method: 'POST' },
    );
    expect(body).toMatchObject({ error: { code: 413 } });
  });
});
