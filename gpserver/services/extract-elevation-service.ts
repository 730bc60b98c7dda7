import type { ServiceDefinition } from '../model/service.js';
import { input, output } from './parameter-builders.js';

/**
 * Asynchronous: the elevation model over an area as a GeoTIFF file result, so a raster task
 * (ZonalStatistics) can take it by URL in a chain of tasks without an upload.
 */
export const extractElevationService: ServiceDefinition = {
  folder: 'Elevation',
  name: 'ExtractElevation',
  serviceDescription: 'Extracts the elevation model over an area as a GeoTIFF raster.',
  executionType: 'esriExecutionTypeAsynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'ExtractElevation',
      displayName: 'Extract Elevation',
      description:
        'Samples the elevation model at the centre of every cell of a grid over the area of interest and writes it as a ' +
        'float32 GeoTIFF in metres (WGS84, EPSG:4326; no-data cells -9999).',
      category: 'Elevation',
      helpUrl: '',
      tool: 'extract-elevation',
      parameters: [
        input('Area_Of_Interest', 'GPExtent', {
          displayName: 'Area of Interest',
          description: 'The extent to extract, in any supported spatial reference.',
          required: true,
          defaultValue: { xmin: -119.7, ymin: 37.6, xmax: -119.4, ymax: 37.9, spatialReference: { wkid: 4326 } },
        }),
        input('Cell_Size', 'GPLinearUnit', {
          displayName: 'Cell Size',
          description: 'The ground size of a cell at the centre of the area; the raster may have at most 4,000,000 cells.',
          defaultValue: { distance: 250, units: 'esriMeters' },
        }),
        output('Output_Raster', 'GPRasterDataLayer', {
          displayName: 'Output Raster',
          description: 'The elevation GeoTIFF (float32 metres, EPSG:4326), a file result of the job.',
        }),
      ],
    },
  ],
};
