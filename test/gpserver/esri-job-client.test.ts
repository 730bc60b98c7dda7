import { Job, JOB_STATUSES, request } from '@esri/arcgis-rest-request';
import { describe, expect, it } from 'vitest';
import { startGpServer } from '../support/gp-server-fixture.js';

const SEED_POINT = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 54003 },
  features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: {} }],
};

interface ViewshedResult {
  paramName: string;
  value: { geometryType: string; features: { geometry: { rings: number[][][] } }[] };
}

describe("Esri's @esri/arcgis-rest-request client", () => {
  it('should submit a job, wait for completion and fetch every result with Job', async () => {
    const server = await startGpServer();
    const url = `${server.servicesUrl}/WorldViewshed/GPServer/viewshed`;
    const job = await Job.submitJob({
      url,
      params: { Input_Observation_Point: SEED_POINT, Viewshed_Distance: { distance: 8.5, units: 'esriMiles' } },
      pollingRate: 50,
    });
    const info = await job.waitForCompletion();
    expect(info.status).toBe(JOB_STATUSES.Success);
    const results = (await job.getAllResults()) as Record<string, ViewshedResult>;
    expect(Object.keys(results)).toEqual(['Viewshed_Result']);
    expect(results.Viewshed_Result?.value.geometryType).toBe('esriGeometryPolygon');
    expect(results.Viewshed_Result?.value.features[0]?.geometry.rings.length).toBeGreaterThan(0);
  });

  it('should match what execute on the synchronous service returns', async () => {
    const server = await startGpServer();
    const params = { Input_Observation_Point: SEED_POINT, Viewshed_Distance: { distance: 3, units: 'esriKilometers' } };
    const job = await Job.submitJob({ url: `${server.servicesUrl}/WorldViewshed/GPServer/viewshed`, params, pollingRate: 50 });
    const viaJob = (await job.getResult('Viewshed_Result')) as ViewshedResult;
    const viaExecute = (await request(`${server.servicesUrl}/Elevation/ESRI_Elevation_World/GPServer/Viewshed/execute`, { params })) as {
      results: ViewshedResult[];
    };
    expect(viaJob.value).toEqual(viaExecute.results[0]?.value);
  });

  it('should cancel a running job with cancelJob', async () => {
    const server = await startGpServer();
    const job = await Job.submitJob({
      url: `${server.servicesUrl}/Analysis/ElevationStatistics/GPServer/ElevationStatistics`,
      params: { Band_Count: 100, Step_Delay_Ms: 200 },
      pollingRate: 50,
    });
    const cancelled = (await job.cancelJob()) as { jobStatus: string };
    expect(['esriJobCancelling', 'esriJobCancelled']).toContain(cancelled.jobStatus);
    // Esri's client gives up as soon as it sees Cancelling; the server then finishes the cancellation.
    await expect(job.waitForCompletion()).rejects.toMatchObject({ name: 'ArcGISJobError' });
    let status = (await job.getJobInfo()).status;
    for (let i = 0; i < 200 && status !== JOB_STATUSES.Cancelled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      status = (await job.getJobInfo()).status;
    }
    expect(status).toBe(JOB_STATUSES.Cancelled);
  });

  it('should surface an HTTP-200 error body as an ArcGISRequestError', async () => {
    const server = await startGpServer();
    await expect(request(`${server.servicesUrl}/Elevation/Nope/GPServer`)).rejects.toMatchObject({ name: 'ArcGISRequestError', code: 400 });
  });

  it('should reattach to an existing job with Job.fromExistingJob', async () => {
    const server = await startGpServer();
    const url = `${server.servicesUrl}/Analysis/ElevationStatistics/GPServer/ElevationStatistics`;
    const submitted = await Job.submitJob({ url, params: { Band_Count: 2, Step_Delay_Ms: 10 } });
    const again = await Job.fromExistingJob({ id: submitted.id, url, pollingRate: 50 });
    const results = (await again.getAllResults()) as Record<string, { value: unknown }>;
    expect(Object.keys(results).sort()).toEqual(['Band_Statistics', 'Mean_Elevation']);
  });
});
