import { isInputObjectType, isObjectType, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogParameter } from '../../core/catalog.js';
import { buildGatewaySchema } from '../../schema/build-gateway-schema.js';
import { OFFLINE_DEPS } from '../../schema/offline-deps.js';

function param(name: string, dataType: string, direction: 'input' | 'output', extra: Partial<CatalogParameter> = {}): CatalogParameter {
  return {
    name,
    dataType,
    displayName: name,
    description: '',
    direction,
    requirement: direction === 'input' ? 'optional' : 'derived',
    category: '',
    ...extra,
  };
}

/** [GP data type, extra metadata, GraphQL input type, GraphQL output type] */
const TABLE: readonly [string, Partial<CatalogParameter>, string, string][] = [
  ['GPString', {}, 'String', 'String'],
  ['GPString', { choiceList: ['NONE', 'ALL'] }, 'TInChoice', 'String'],
  ['GPLong', {}, 'Long', 'Long'],
  ['GPDouble', {}, 'Float', 'Float'],
  ['GPBoolean', {}, 'Boolean', 'Boolean'],
  ['GPDate', {}, 'DateTime', 'DateTime'],
  ['GPLinearUnit', {}, 'LinearUnitInput', 'LinearUnitValue'],
  ['GPArealUnit', {}, 'ArealUnitInput', 'ArealUnitValue'],
  ['GPFeatureRecordSetLayer', {}, 'FeatureSetInput', 'FeatureSet'],
  ['GPRecordSet', {}, 'FeatureSetInput', 'FeatureSet'],
  ['GPDataFile', {}, 'DataFileInput', 'FileReference'],
  ['GPRasterData', {}, 'RasterInput', 'FileReference'],
  ['GPRasterDataLayer', {}, 'RasterInput', 'FileReference'],
  ['GPField', {}, 'FieldInput', 'Field'],
  ['GPSpatialReference', {}, 'SpatialReferenceInput', 'SpatialReference'],
  ['GPEnvelope', {}, 'EnvelopeInput', 'Envelope'],
  ['GPExtent', {}, 'EnvelopeInput', 'Envelope'],
  ['GPMultiValue:GPString', {}, '[String]', '[String]'],
  ['GPMultiValue:GPDouble', {}, '[Float]', '[Float]'],
  ['GPMultiValue:GPFeatureRecordSetLayer', {}, '[FeatureSetInput]', '[FeatureSet]'],
  [
    'GPValueTable',
    {
      parameterInfos: [
        { name: 'Name', dataType: 'GPString', displayName: 'Name' },
        { name: 'Weight', dataType: 'GPDouble', displayName: 'Weight' },
      ],
    },
    '[TInRow]',
    'JSON',
  ],
  ['GPValueTable', {}, 'JSON', 'JSON'],
  [
    'GPComposite',
    {
      parameterInfos: [
        { name: 'a', dataType: 'GPLong', displayName: 'a' },
        { name: 'b', dataType: 'GPLinearUnit', displayName: 'b' },
      ],
    },
    'TInValue',
    'JSON',
  ],
  ['GPSACellSize', {}, 'JSON', 'JSON'],
  ['GPMultiValue:GPSomethingNew', {}, 'JSON', 'JSON'],
];

function catalogOf(parameters: CatalogParameter[]): Catalog {
  return {
    services: [
      {
        status: 'ok',
        url: 'https://example.com/arcgis/rest/services/S/GPServer',
        name: 'S',
        description: '',
        execution: 'synchronous',
        tasks: [{ name: 'T', displayName: 'T', description: '', category: '', helpUrl: '', execution: 'synchronous', parameters }],
      },
    ],
  };
}

function schemaFor(dataType: string, extra: Partial<CatalogParameter>): GraphQLSchema {
  return buildGatewaySchema(catalogOf([param('In', dataType, 'input', extra), param('Out', dataType, 'output', extra)]), OFFLINE_DEPS);
}

describe('the GP data type table', () => {
  it.each(TABLE)('should map %s %j to input %s and output %s', (dataType, extra, input, output) => {
    const schema = schemaFor(dataType, extra);
    const inputType = schema.getType('TInput');
    const outputsType = schema.getType('TOutputs');
    if (!isInputObjectType(inputType) || !isObjectType(outputsType)) throw new Error('task types missing');
    expect(String(inputType.getFields().in?.type).replace(/!/g, '')).toBe(input);
    expect(String(outputsType.getFields().out?.type).replace(/!/g, '')).toBe(output);
  });

  it('should describe an unknown data type and keep the task', () => {
    const schema = schemaFor('GPSACellSize', {});
    const inputType = schema.getType('TInput');
    if (!isInputObjectType(inputType)) throw new Error('no input type');
    expect(inputType.getFields().in?.description).toContain('GP data type GPSACellSize');
    expect(schema.getMutationType()?.getFields().runT).toBeDefined();
  });

  it('should make required inputs non-null and turn GP defaults into GraphQL defaults', () => {
    const catalog = catalogOf([
      param('Distance', 'GPLinearUnit', 'input', { requirement: 'required', defaultValue: { distance: 15000, units: 'esriMeters' } }),
      param('Mode', 'GPString', 'input', { choiceList: ['fast', 'exact'], defaultValue: 'exact' }),
      param('When', 'GPDate', 'input', { defaultValue: 1199145600000 }),
      param('Points', 'GPFeatureRecordSetLayer', 'input', {
        requirement: 'required',
        defaultValue: { geometryType: 'esriGeometryPoint', features: [] },
      }),
      param('Broken', 'GPLinearUnit', 'input', { defaultValue: { distance: 1, units: 'esriParsecs' } }),
    ]);
    const inputType = buildGatewaySchema(catalog, OFFLINE_DEPS).getType('TInput');
    if (!isInputObjectType(inputType)) throw new Error('no input type');
    const fields = inputType.getFields();
    expect(String(fields.distance?.type)).toBe('LinearUnitInput!');
    expect(fields.distance?.defaultValue).toEqual({ distance: 15000, units: 'esriMeters' });
    expect(fields.mode?.defaultValue).toBe('exact');
    expect(fields.when?.defaultValue).toEqual(new Date(1199145600000));
    // A feature-set "default" without features is only a schema: no default, still required.
    expect(String(fields.points?.type)).toBe('FeatureSetInput!');
    expect(fields.points?.defaultValue).toBeUndefined();
    expect(fields.broken?.defaultValue).toBeUndefined();
  });
});
