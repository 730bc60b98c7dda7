import type { FeatureSet } from '../../geo/esri-json.js';
import type { ParameterDefinition } from '../model/gp-parameter.js';
import { input, output } from './parameter-builders.js';

/** World Miller, the spatial reference of Esri's public ESRI_Elevation_World sample service. */
const WORLD_MILLER = { wkid: 54003 };

const OBSERVATION_POINT_SCHEMA: FeatureSet = {
  geometryType: 'esriGeometryPoint',
  spatialReference: WORLD_MILLER,
  fields: [
    { name: 'FID', type: 'esriFieldTypeOID', alias: 'FID' },
    { name: 'Shape', type: 'esriFieldTypeGeometry', alias: 'Shape' },
    { name: 'OffsetA', type: 'esriFieldTypeDouble', alias: 'OffsetA' },
  ],
  features: [],
};

/** The parameters of Esri's sample Viewshed task, shared by its synchronous and asynchronous services. */
export const VIEWSHED_PARAMETERS: readonly ParameterDefinition[] = [
  input('Input_Observation_Point', 'GPFeatureRecordSetLayer', {
    displayName: 'Input Observation Point',
    description:
      'Points from which to compute what is visible. Accepted in WGS84 (4326), Web Mercator (3857/102100) or World Miller (54003).',
    required: true,
    geometryType: 'esriGeometryPoint',
    defaultValue: OBSERVATION_POINT_SCHEMA,
  }),
  input('Viewshed_Distance', 'GPLinearUnit', {
    displayName: 'Viewshed Distance',
    description: 'How far from each observation point to look (at most 50 kilometres).',
    defaultValue: { distance: 15000, units: 'esriMeters' },
  }),
  output('Viewshed_Result', 'GPFeatureRecordSetLayer', {
    displayName: 'Viewshed Result',
    description: 'The area visible from each observation point (GRIDCODE 1), as polygons in the input spatial reference or env:outSR.',
    geometryType: 'esriGeometryPolygon',
  }),
];

export const VIEWSHED_DESCRIPTION =
  'Computes the area visible from observation points by line of sight over the elevation model, with earth curvature and refraction.';
