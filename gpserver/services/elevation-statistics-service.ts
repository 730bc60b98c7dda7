import type { ServiceDefinition } from '../model/service.js';
import { input, output } from './parameter-builders.js';

/** A long-running asynchronous task: step progress, a message per band, cancellable between bands. */
export const elevationStatisticsService: ServiceDefinition = {
  folder: 'Analysis',
  name: 'ElevationStatistics',
  serviceDescription: 'Elevation statistics of an area, computed band by band as a long-running job.',
  executionType: 'esriExecutionTypeAsynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'ElevationStatistics',
      displayName: 'Elevation Statistics',
      description: 'Samples the elevation model over an area in horizontal bands and reports minimum, maximum and mean elevation per band.',
      category: 'Elevation',
      helpUrl: '',
      tool: 'elevation-statistics',
      parameters: [
        input('Area_Of_Interest', 'GPExtent', {
          displayName: 'Area of Interest',
          description: 'The extent to sample.',
          defaultValue: { xmin: -119.7, ymin: 37.6, xmax: -119.4, ymax: 37.9, spatialReference: { wkid: 4326 } },
        }),
        input('Band_Count', 'GPLong', {
          displayName: 'Band Count',
          description: 'Number of bands (1 to 1000); progress is reported after each.',
          // With the step delay's default, a job lasts 20 s: long enough to watch it from GraphiQL.
          defaultValue: 20,
        }),
        input('Step_Delay_Ms', 'GPLong', {
          displayName: 'Step Delay (ms)',
          description: 'Pause after each band (0 to 60000 ms), to make the job last for demonstrations and tests.',
          defaultValue: 1000,
        }),
        output('Band_Statistics', 'GPRecordSet', {
          displayName: 'Band Statistics',
          description: 'One record per band: BAND, MIN_ELEV, MAX_ELEV, MEAN_ELEV (metres).',
        }),
        output('Mean_Elevation', 'GPDouble', {
          displayName: 'Mean Elevation',
          description: 'Mean elevation of the whole area in metres.',
        }),
      ],
    },
  ],
};
