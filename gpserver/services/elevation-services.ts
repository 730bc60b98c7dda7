import type { ServiceDefinition } from '../model/service.js';
import { VIEWSHED_DESCRIPTION, VIEWSHED_PARAMETERS } from './viewshed-parameters.js';

const HELP = 'https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm';

/** Synchronous, as Esri's sample `Elevation/ESRI_Elevation_World` service. */
export const elevationWorldService: ServiceDefinition = {
  folder: 'Elevation',
  name: 'ESRI_Elevation_World',
  serviceDescription: 'Elevation analysis over a world elevation model: a synchronous viewshed.',
  executionType: 'esriExecutionTypeSynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'Viewshed',
      displayName: 'Viewshed',
      description: VIEWSHED_DESCRIPTION,
      category: 'Elevation',
      helpUrl: HELP,
      parameters: VIEWSHED_PARAMETERS,
      tool: 'viewshed',
    },
  ],
};

/** Asynchronous, as Esri's sample `WorldViewshed` service (task `viewshed`). */
export const worldViewshedService: ServiceDefinition = {
  folder: 'Elevation',
  name: 'WorldViewshed',
  serviceDescription: 'Elevation analysis over a world elevation model: an asynchronous viewshed job.',
  executionType: 'esriExecutionTypeAsynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'viewshed',
      displayName: 'Viewshed',
      description: VIEWSHED_DESCRIPTION,
      category: 'Elevation',
      helpUrl: HELP,
      parameters: VIEWSHED_PARAMETERS,
      tool: 'viewshed',
    },
  ],
};
