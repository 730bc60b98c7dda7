import type { ServiceDefinition } from '../model/service.js';
import { input, output } from './parameter-builders.js';

export const bufferService: ServiceDefinition = {
  folder: 'GPFolder',
  name: 'BufferService',
  serviceDescription: 'Buffers features by a distance, geodesically, optionally dissolving the result.',
  executionType: 'esriExecutionTypeSynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'Buffer',
      displayName: 'Buffer',
      description: 'Creates polygons at a distance around input points, lines or polygons.',
      category: 'Proximity',
      helpUrl: 'https://pro.arcgis.com/en/pro-app/latest/tool-reference/analysis/buffer.htm',
      tool: 'buffer',
      parameters: [
        input('Input_Features', 'GPFeatureRecordSetLayer', {
          displayName: 'Input Features',
          description: 'Points, multipoints, lines or polygons to buffer.',
          required: true,
        }),
        input('Distance', 'GPLinearUnit', {
          displayName: 'Distance',
          description: 'The buffer distance; must be greater than zero.',
          required: true,
          defaultValue: { distance: 1, units: 'esriKilometers' },
        }),
        input('Dissolve_Type', 'GPString', {
          displayName: 'Dissolve Type',
          description: 'NONE keeps one buffer per input feature; ALL merges every buffer into one feature.',
          choiceList: ['NONE', 'ALL'],
          defaultValue: 'NONE',
        }),
        output('Output_Polygons', 'GPFeatureRecordSetLayer', {
          displayName: 'Output Polygons',
          description: 'The buffer polygons.',
          geometryType: 'esriGeometryPolygon',
        }),
      ],
    },
  ],
};
