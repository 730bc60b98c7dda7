import type { ExecutionType } from '../model/gp-parameter.js';
import type { ServiceDefinition, TaskDefinition } from '../model/service.js';
import { VIEWSHED_DESCRIPTION, VIEWSHED_PARAMETERS } from './viewshed-parameters.js';

function viewshedTask(name: string): TaskDefinition {
  return {
    name,
    displayName: 'Viewshed',
    description: VIEWSHED_DESCRIPTION,
    category: 'Elevation',
    helpUrl: 'https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm',
    parameters: VIEWSHED_PARAMETERS,
    tool: 'viewshed',
  };
}

function elevationService(
  folder: string,
  name: string,
  executionType: ExecutionType,
  serviceDescription: string,
  task: string,
  resultMapServerName = '',
): ServiceDefinition {
  return { folder, name, serviceDescription, executionType, maximumRecords: 1000, resultMapServerName, tasks: [viewshedTask(task)] };
}

/** Synchronous, as Esri's sample `Elevation/ESRI_Elevation_World` service. */
export const elevationWorldService = elevationService(
  'Elevation',
  'ESRI_Elevation_World',
  'esriExecutionTypeSynchronous',
  'Elevation analysis over a world elevation model: a synchronous viewshed.',
  'Viewshed',
);

/**
 * Asynchronous, as Esri's sample `WorldViewshed` service (task `viewshed`), at the root of the services
 * directory where the documentation's submitJob example looks for it.
 */
export const worldViewshedService = elevationService(
  '',
  'WorldViewshed',
  'esriExecutionTypeAsynchronous',
  'Elevation analysis over a world elevation model: an asynchronous viewshed job.',
  'viewshed',
  // A result map service of the same name draws each job's visible area (`WorldViewshed/MapServer/jobs/<jobId>`).
  'WorldViewshed',
);
