import { describe, expect, it } from 'vitest';
import { rest, startGpServer } from '../support/gp-server-fixture.js';

describe('services directory', () => {
  it('should list the root folders and report the server version', async () => {
    const server = await startGpServer();
    const root = await rest(server.servicesUrl);
    expect(root).toEqual({
      currentVersion: 11.3,
      folders: ['Analysis', 'Conversion', 'Elevation', 'GPFolder', 'Testing'],
      services: [{ name: 'WorldViewshed', type: 'GPServer' }],
    });
  });

  it('should list the services of a folder with their type', async () => {
    const server = await startGpServer();
    expect(await rest(`${server.servicesUrl}/Elevation`)).toEqual({
      currentVersion: 11.3,
      folders: [],
      services: [
        { name: 'Elevation/ESRI_Elevation_World', type: 'GPServer' },
        { name: 'Elevation/ExtractElevation', type: 'GPServer' },
      ],
    });
  });

  it('should answer an unknown folder with an HTTP-200 error body', async () => {
    const server = await startGpServer();
    const response = await fetch(`${server.servicesUrl}/Nowhere?f=json`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ error: { code: 404, details: [] } });
  });

  it('should describe a GPServer with its tasks and execution type', async () => {
    const server = await startGpServer();
    const service = await rest(`${server.servicesUrl}/WorldViewshed/GPServer`);
    expect(service).toMatchObject({
      currentVersion: 11.3,
      tasks: ['viewshed'],
      executionType: 'esriExecutionTypeAsynchronous',
      resultMapServerName: 'WorldViewshed',
      maximumRecords: 1000,
    });
    expect(typeof service.serviceDescription).toBe('string');
  });

  it('should describe a task with every parameter field ArcGIS publishes', async () => {
    const server = await startGpServer();
    const task = await rest(`${server.servicesUrl}/Elevation/ESRI_Elevation_World/GPServer/Viewshed`);
    expect(task).toMatchObject({ name: 'Viewshed', displayName: 'Viewshed', executionType: 'esriExecutionTypeSynchronous' });
    expect(task).toHaveProperty('category');
    expect(task).toHaveProperty('helpUrl');
    const parameters = task.parameters as Record<string, unknown>[];
    expect(parameters.map((p) => [p.name, p.dataType, p.direction, p.parameterType])).toEqual([
      ['Input_Observation_Point', 'GPFeatureRecordSetLayer', 'esriGPParameterDirectionInput', 'esriGPParameterTypeRequired'],
      ['Viewshed_Distance', 'GPLinearUnit', 'esriGPParameterDirectionInput', 'esriGPParameterTypeOptional'],
      ['Viewshed_Result', 'GPFeatureRecordSetLayer', 'esriGPParameterDirectionOutput', 'esriGPParameterTypeDerived'],
    ]);
    expect(parameters[1]?.defaultValue).toEqual({ distance: 15000, units: 'esriMeters' });
    for (const p of parameters)
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['displayName', 'description', 'category', 'defaultValue']));
  });

  it('should publish choice lists', async () => {
    const server = await startGpServer();
    const task = await rest(`${server.servicesUrl}/GPFolder/BufferService/GPServer/Buffer`);
    const dissolve = (task.parameters as Record<string, unknown>[]).find((p) => p.name === 'Dissolve_Type');
    expect(dissolve).toMatchObject({ dataType: 'GPString', choiceList: ['NONE', 'ALL'], defaultValue: 'NONE' });
  });

  it('should pretty-print with f=pjson and serve HTML without f', async () => {
    const server = await startGpServer();
    const pretty = await (await fetch(`${server.servicesUrl}?f=pjson`)).text();
    expect(pretty).toContain('\n  "currentVersion": 11.3');
    const html = await fetch(server.servicesUrl);
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('Elevation');
  });

  it('should answer unknown services and tasks with the ArcGIS error bodies', async () => {
    const server = await startGpServer();
    expect(await rest(`${server.servicesUrl}/Elevation/Missing/GPServer`)).toEqual({
      error: {
        code: 400,
        message: 'Unable to complete operation.',
        details: ["Service 'Elevation/Missing' of type 'GPServer' does not exist or is inaccessible."],
      },
    });
    expect(await rest(`${server.servicesUrl}/WorldViewshed/GPServer/Nope`)).toMatchObject({
      error: { code: 400, details: [expect.stringContaining("Task 'Nope'")] },
    });
    expect(await rest(`${server.servicesUrl}/a/b/c/d`)).toMatchObject({ error: { code: 400, message: 'Invalid URL' } });
  });

  it('should treat service names and parameters case-insensitively as ArcGIS does', async () => {
    const server = await startGpServer();
    const service = await rest(`${server.servicesUrl}/worldviewshed/GPServer`, { F: 'json' });
    expect(service.tasks).toEqual(['viewshed']);
    // The instance name too, as the documentation's GET example spells it.
    const sync = await rest(`${server.origin}/ArcGIS/rest/services/elevation/esri_elevation_world/GPServer`);
    expect(sync.tasks).toEqual(['Viewshed']);
  });

  it('should report token security as off in /arcgis/rest/info by default', async () => {
    const server = await startGpServer();
    expect(await rest(`${server.origin}/arcgis/rest/info`)).toMatchObject({ authInfo: { isTokenBasedSecurity: false } });
  });
});
