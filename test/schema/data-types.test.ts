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
  ['Field', {}, 'FieldInput', 'Field'],
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

  it('should make required inputs non-null unless the server has a published default, and give no GraphQL default', () => {
    const catalog = catalogOf([
      param('Distance', 'GPLinearUnit', 'input', { requirement: 'required', defaultValue: { distance: 15000, units: 'esriMeters' } }),
      param('Mode', 'GPString', 'input', { choiceList: ['fast', 'exact'], defaultValue: 'exact' }),
      param('When', 'GPDate', 'input', { defaultValue: 1199145600000 }),
      param('Points', 'GPFeatureRecordSetLayer', 'input', {
        requirement: 'required',
        defaultValue: { geometryType: 'esriGeometryPoint', features: [] },
      }),
      param('Name', 'GPString', 'input', { requirement: 'required' }),
      param('Layers', 'GPMultiValue:GPString', 'input', { requirement: 'required', defaultValue: [] }),
    ]);
    const inputType = buildGatewaySchema(catalog, OFFLINE_DEPS).getType('TInput');
    if (!isInputObjectType(inputType)) throw new Error('no input type');
    const fields = inputType.getFields();
    expect(Object.values(fields).map((f) => f.defaultValue)).toEqual(Object.values(fields).map(() => undefined));
    expect(String(fields.distance?.type)).toBe('LinearUnitInput');
    expect(fields.distance?.description).toBe(
      'GP parameter `Distance` (GPLinearUnit, required). When omitted it is not sent, and the service applies its own default (published as `{"distance":15000,"units":"esriMeters"}`).',
    );
    expect(fields.mode?.description).toContain('published as `"exact"`');
    expect(fields.when?.description).toContain('published as `1199145600000`');
    // A feature-set "default" without features is only a schema, and an empty list no value: both stay required.
    expect(String(fields.points?.type)).toBe('FeatureSetInput!');
    expect(fields.points?.description).toBe('GP parameter `Points` (GPFeatureRecordSetLayer, required).');
    expect(String(fields.layers?.type)).toBe('[String!]!');
    expect(String(fields.name?.type)).toBe('String!');
  });

  it('should leave a long published default to Query.services', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [i, i * 1.5]);
    const catalog = catalogOf([param('Rows', 'GPValueTable', 'input', { defaultValue: rows })]);
    const inputType = buildGatewaySchema(catalog, OFFLINE_DEPS).getType('TInput');
    if (!isInputObjectType(inputType)) throw new Error('no input type');
    expect(inputType.getFields().rows?.description).toContain('published as `defaultValue` of the parameter in `Query.services`');
  });
});
