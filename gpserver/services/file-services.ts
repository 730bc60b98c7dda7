import type { ServiceDefinition } from '../model/service.js';
import { input, output } from './parameter-builders.js';

/** Synchronous: a CSV table uploaded to `uploads/` becomes points, as a feature set and as a GeoJSON file. */
export const tableToPointsService: ServiceDefinition = {
  folder: 'Conversion',
  name: 'TableToPoints',
  serviceDescription: 'Makes points from the coordinate columns of an uploaded CSV table.',
  executionType: 'esriExecutionTypeSynchronous',
  maximumRecords: 100_000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'TableToPoints',
      displayName: 'Table To Points',
      description: 'Creates a point for each row of a CSV table from its x and y columns; the other columns become attributes.',
      category: 'Conversion',
      helpUrl: 'https://pro.arcgis.com/en/pro-app/latest/tool-reference/data-management/xy-table-to-point.htm',
      tool: 'table-to-points',
      parameters: [
        input('Input_Table', 'GPDataFile', {
          displayName: 'Input Table',
          description: 'A CSV file with a header row: an uploaded item ({"itemID"}) or a file result of this server ({"url"}).',
          required: true,
        }),
        input('X_Field', 'GPString', {
          displayName: 'X Field',
          description: 'The column of x coordinates (longitudes); found by name (x, lon, longitude, easting) when omitted.',
        }),
        input('Y_Field', 'GPString', {
          displayName: 'Y Field',
          description: 'The column of y coordinates (latitudes); found by name (y, lat, latitude, northing) when omitted.',
        }),
        input('Spatial_Reference', 'GPSpatialReference', {
          displayName: 'Coordinate System',
          description: 'The coordinate system of the x and y values.',
          defaultValue: { wkid: 4326 },
        }),
        output('Output_Points', 'GPFeatureRecordSetLayer', {
          displayName: 'Output Points',
          description: 'One point per row.',
          geometryType: 'esriGeometryPoint',
        }),
        output('Output_File', 'GPDataFile', { displayName: 'Output GeoJSON File', description: 'The points as a GeoJSON file (WGS84).' }),
      ],
    },
  ],
};

/** Asynchronous: statistics of an uploaded GeoTIFF raster within zone polygons, as a table and a CSV file. */
export const zonalStatisticsService: ServiceDefinition = {
  folder: 'Analysis',
  name: 'ZonalStatistics',
  serviceDescription: 'Summarises the values of an uploaded raster within zones.',
  executionType: 'esriExecutionTypeAsynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'ZonalStatistics',
      displayName: 'Zonal Statistics As Table',
      description:
        'For each zone polygon: count, minimum, maximum, mean, standard deviation and sum of the raster cells whose centres lie inside it.',
      category: 'Spatial Analyst',
      helpUrl: 'https://pro.arcgis.com/en/pro-app/latest/tool-reference/spatial-analyst/zonal-statistics-as-table.htm',
      tool: 'zonal-statistics',
      parameters: [
        input('In_Zone_Features', 'GPFeatureRecordSetLayer', {
          displayName: 'Input Zone Features',
          description: 'Polygons defining the zones, in any supported spatial reference.',
          required: true,
          geometryType: 'esriGeometryPolygon',
        }),
        input('Zone_Field', 'GPString', {
          displayName: 'Zone Field',
          description: 'The attribute that names each zone; zones are numbered 1, 2… when omitted.',
        }),
        input('In_Value_Raster', 'GPRasterDataLayer', {
          displayName: 'Input Value Raster',
          description: 'A GeoTIFF (first band; EPSG-coded CRS): an uploaded item ({"itemID"}) or a file result of this server ({"url"}).',
          required: true,
        }),
        output('Out_Table', 'GPRecordSet', {
          displayName: 'Output Table',
          description: 'One row per zone: ZONE, COUNT, MIN, MAX, MEAN, STD, SUM.',
        }),
        output('Out_Statistics_File', 'GPDataFile', { displayName: 'Output CSV File', description: 'The same table as a CSV file.' }),
      ],
    },
  ],
};
