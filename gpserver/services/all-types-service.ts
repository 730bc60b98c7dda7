import type { FeatureSet } from '../../geo/esri-json.js';
import type { ParameterDefinition } from '../model/gp-parameter.js';
import type { ServiceDefinition } from '../model/service.js';
import { input, output } from './parameter-builders.js';

const COLORS = ['Red', 'Green', 'Blue'];

const EMPTY_POINTS: FeatureSet = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  fields: [
    { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
    { name: 'Name', type: 'esriFieldTypeString', alias: 'Name', length: 50 },
  ],
  features: [],
};

// One input per GP data type, so clients (and the GraphQL schema generator) can exercise every encoding.
const inputs: readonly ParameterDefinition[] = [
  input('In_String', 'GPString', {
    displayName: 'Color',
    description: 'A string restricted to a choice list.',
    category: 'Scalars',
    choiceList: COLORS,
    defaultValue: 'Green',
  }),
  input('In_Long', 'GPLong', {
    displayName: 'Count',
    description: 'A 64-bit integer; values beyond 2^53 come back as strings of digits.',
    category: 'Scalars',
    required: true,
  }),
  input('In_Double', 'GPDouble', {
    displayName: 'Ratio',
    description: 'A finite floating-point number.',
    category: 'Scalars',
    defaultValue: 0.5,
  }),
  input('In_Boolean', 'GPBoolean', { displayName: 'Enabled', description: 'True or false.', category: 'Scalars', defaultValue: true }),
  input('In_Date', 'GPDate', { displayName: 'Observed at', description: 'A date in epoch milliseconds (UTC).', category: 'Scalars' }),
  input('In_Linear_Unit', 'GPLinearUnit', {
    displayName: 'Distance',
    description: 'A distance with its unit, e.g. 8.5 esriMiles.',
    category: 'Units',
    required: true,
    defaultValue: { distance: 1, units: 'esriKilometers' },
  }),
  input('In_Areal_Unit', 'GPArealUnit', {
    displayName: 'Area',
    description: 'An area with its unit, e.g. 5 esriSquareKilometers.',
    category: 'Units',
    defaultValue: { area: 1, units: 'esriSquareKilometers' },
  }),
  input('In_Features', 'GPFeatureRecordSetLayer', {
    displayName: 'Input points',
    description: 'Point features with attributes.',
    category: 'Data',
    geometryType: 'esriGeometryPoint',
    defaultValue: EMPTY_POINTS,
  }),
  input('In_Records', 'GPRecordSet', { displayName: 'Input table', description: 'Rows of attributes without geometry.', category: 'Data' }),
  input('In_Data_File', 'GPDataFile', {
    displayName: 'Data file',
    description: 'A file by http(s) URL or portal item ID.',
    category: 'Data',
  }),
  input('In_Raster', 'GPRasterDataLayer', {
    displayName: 'Raster',
    description: 'A raster by http(s) URL (with format) or portal item ID.',
    category: 'Data',
  }),
  input('In_Strings', 'GPMultiValue:GPString', {
    displayName: 'Colors',
    description: 'A list of colors from the choice list.',
    category: 'Structured',
    choiceList: COLORS,
    defaultValue: ['Red', 'Blue'],
  }),
  input('In_Value_Table', 'GPValueTable', {
    displayName: 'Weights',
    description: 'Rows of a name and its weight.',
    category: 'Structured',
    parameterInfos: [
      { name: 'Name', dataType: 'GPString', displayName: 'Name' },
      { name: 'Weight', dataType: 'GPDouble', displayName: 'Weight' },
    ],
  }),
  input('In_Composite', 'GPComposite', {
    displayName: 'Cells or distance',
    description: 'Either a whole number of cells or a distance with its unit.',
    category: 'Structured',
    parameterInfos: [
      { name: 'Cell_Count', dataType: 'GPLong', displayName: 'Number of cells' },
      { name: 'Distance', dataType: 'GPLinearUnit', displayName: 'Distance' },
    ],
  }),
  input('In_Field', 'GPField', { displayName: 'Field', description: 'A field description {name, type, alias}.', category: 'Spatial' }),
  input('In_Spatial_Reference', 'GPSpatialReference', {
    displayName: 'Spatial reference',
    description: 'A coordinate system by wkid or wkt.',
    category: 'Spatial',
    defaultValue: { wkid: 4326 },
  }),
  input('In_Extent', 'GPExtent', { displayName: 'Extent', description: 'A bounding box with its spatial reference.', category: 'Spatial' }),
];

const outputs = inputs.map((param) =>
  output(param.name.replace(/^In_/, 'Out_'), param.dataType, {
    displayName: `Echoed ${param.displayName.toLowerCase()}`,
    description: `The ${param.displayName} input as the server parsed it.`,
    category: param.category,
    ...(param.choiceList === undefined ? {} : { choiceList: param.choiceList }),
    ...(param.parameterInfos === undefined ? {} : { parameterInfos: param.parameterInfos }),
    ...(param.dataType === 'GPFeatureRecordSetLayer' ? { geometryType: 'esriGeometryPoint' as const } : {}),
  }),
);

export const allTypesService: ServiceDefinition = {
  folder: 'Testing',
  name: 'AllDataTypes',
  serviceDescription: 'Echoes one parameter of every geoprocessing data type, to test clients against the GP REST encodings.',
  executionType: 'esriExecutionTypeSynchronous',
  maximumRecords: 1000,
  resultMapServerName: '',
  tasks: [
    {
      name: 'EchoAllTypes',
      displayName: 'Echo All Types',
      description: 'Returns every input unchanged in the output of the same type, as validated and normalised by the server.',
      category: 'Testing',
      helpUrl: '',
      parameters: [...inputs, ...outputs],
      tool: 'echo-all-types',
    },
  ],
};
