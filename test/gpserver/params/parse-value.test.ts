import { describe, expect, it } from 'vitest';
import type { GpDataType, ParameterDefinition } from '../../../gpserver/model/gp-parameter.js';
import { ParameterError } from '../../../gpserver/params/parameter-error.js';
import { parseJsonText, parseParameterValue } from '../../../gpserver/params/parse-value.js';
import { param } from './helpers.js';

type Extra = Partial<ParameterDefinition>;

const point = { geometry: { x: 1, y: 2 }, attributes: { Name: 'a', N: 1, Ok: true, Nothing: null } };
const pointSet = { geometryType: 'esriGeometryPoint', spatialReference: { wkid: 4326 }, features: [point] };
const fields = [{ name: 'Name', type: 'esriFieldTypeString', alias: 'Name' }];
const ring = [
  [0, 0],
  [0, 1],
  [1, 1],
  [0, 0],
];
const table: Extra = {
  parameterInfos: [
    { name: 'Name', dataType: 'GPString', choiceList: ['a', 'b'] },
    { name: 'Weight', dataType: 'GPDouble' },
  ],
};
const composite: Extra = {
  parameterInfos: [
    { name: 'Cells', dataType: 'GPLong' },
    { name: 'Distance', dataType: 'GPLinearUnit' },
  ],
};
const json = (value: unknown): string => JSON.stringify(value);

const valid: [GpDataType, string, unknown, Extra?][] = [
  ['GPString', 'Dissolve NONE', 'Dissolve NONE'],
  ['GPString', 'Red', 'Red', { choiceList: ['Red', 'Green'] }],
  ['GPLong', '5', 5],
  ['GPLong', '-0', 0],
  ['GPLong', '9007199254740993', '9007199254740993'],
  ['GPLong', '-9223372036854775808', '-9223372036854775808'],
  ['GPLong', '+0012', 12],
  ['GPDouble', '1.5', 1.5],
  ['GPDouble', '-2e3', -2000],
  ['GPBoolean', 'true', true],
  ['GPBoolean', 'FALSE', false],
  ['GPDate', '1199145600000', 1199145600000],
  ['GPDate', '-86400000', -86400000],
  ['GPLinearUnit', '{"distance":8.5,"units":"esriMiles"}', { distance: 8.5, units: 'esriMiles' }],
  ['GPArealUnit', '{"area":5,"units":"esriSquareKilometers","x":1}', { area: 5, units: 'esriSquareKilometers' }],
  ['GPFeatureRecordSetLayer', json(pointSet), pointSet],
  [
    'GPFeatureRecordSetLayer',
    json({ features: [point], Fields: fields }),
    { geometryType: 'esriGeometryPoint', features: [point], fields },
    { geometryType: 'esriGeometryPoint' },
  ],
  [
    'GPFeatureRecordSetLayer',
    json({ geometryType: 'esriGeometryPolygon', features: [{ geometry: { rings: [ring] } }] }),
    { geometryType: 'esriGeometryPolygon', features: [{ geometry: { rings: [ring] }, attributes: {} }] },
  ],
  [
    'GPFeatureRecordSetLayer',
    json({
      geometryType: 'esriGeometryPolyline',
      features: [
        {
          geometry: {
            paths: [
              [
                [0, 0, 5],
                [1, 1, 6],
              ],
            ],
            hasZ: true,
          },
          attributes: {},
        },
      ],
    }),
    {
      geometryType: 'esriGeometryPolyline',
      features: [
        {
          geometry: {
            paths: [
              [
                [0, 0, 5],
                [1, 1, 6],
              ],
            ],
            hasZ: true,
          },
          attributes: {},
        },
      ],
    },
  ],
  ['GPRecordSet', json({ fields, features: [{ attributes: { Name: 'x' } }] }), { fields, features: [{ attributes: { Name: 'x' } }] }],
  // A feature set or record set by reference, resolved later against this server's jobs.
  ['GPFeatureRecordSetLayer', '{"url":"http://h/j/results/R?f=json"}', { url: 'http://h/j/results/R?f=json' }],
  ['GPRecordSet', "{'url': 'https://h/j/results/T'}", { url: 'https://h/j/results/T' }],
  ['GPDataFile', '{"url":"https://example.com/a.csv"}', { url: 'https://example.com/a.csv' }],
  ['GPDataFile', '{"itemID":"abc123"}', { itemID: 'abc123' }],
  ['GPRasterData', '{"url":"http://example.com/dem.tif","format":"tif"}', { url: 'http://example.com/dem.tif', format: 'tif' }],
  ['GPRasterDataLayer', '{"itemID":"r1"}', { itemID: 'r1' }],
  ['GPField', '{"name":"f","type":"esriFieldTypeString","alias":"F"}', { name: 'f', type: 'esriFieldTypeString', alias: 'F' }],
  ['GPSpatialReference', '{"wkid":102100,"latestWkid":3857}', { wkid: 102100, latestWkid: 3857 }],
  ['GPSpatialReference', '{"wkt":"GEOGCS[...]"}', { wkt: 'GEOGCS[...]' }],
  ['GPSpatialReference', '4326', { wkid: 4326 }],
  ['GPEnvelope', '{"xmin":0,"ymin":0,"xmax":0,"ymax":1}', { xmin: 0, ymin: 0, xmax: 0, ymax: 1 }],
  [
    'GPExtent',
    '{"xmin":-1,"ymin":-2,"xmax":3,"ymax":4,"spatialReference":{"wkid":4326}}',
    { xmin: -1, ymin: -2, xmax: 3, ymax: 4, spatialReference: { wkid: 4326 } },
  ],
  ['GPMultiValue:GPString', '["a","b"]', ['a', 'b'], { choiceList: ['a', 'b'] }],
  ['GPMultiValue:GPLong', '[1,"9223372036854775807"]', [1, '9223372036854775807']],
  ['GPMultiValue:GPLinearUnit', '[{"distance":1,"units":"esriFeet"}]', [{ distance: 1, units: 'esriFeet' }]],
  [
    'GPValueTable',
    '[["a",1.5],["b","2"]]',
    [
      ['a', 1.5],
      ['b', 2],
    ],
    table,
  ],
  ['GPValueTable', '[{"Weight":3,"Name":"a"}]', [['a', 3]], table],
  ['GPComposite', '7', 7, composite],
  ['GPComposite', '{"distance":2,"units":"esriMeters"}', { distance: 2, units: 'esriMeters' }, composite],
];

const invalid: [GpDataType, string, RegExp, Extra?][] = [
  ['GPString', 'Purple', /not one of the choices Red, Green/, { choiceList: ['Red', 'Green'] }],
  ['GPLong', '1.5', /expected an integer/],
  ['GPLong', 'abc', /expected an integer/],
  ['GPLong', '9223372036854775808', /outside the 64-bit integer range/],
  ['GPLong', '7', /not one of the choices 1, 2/, { choiceList: ['1', '2'] }],
  ['GPDouble', 'NaN', /finite number/],
  ['GPDouble', '1e400', /finite number/],
  ['GPBoolean', 'yes', /true or false/],
  ['GPDate', '2020-01-01', /epoch milliseconds/],
  ['GPDate', '1.5', /epoch milliseconds/],
  ['GPLinearUnit', '{"distance":1,"units":"esriParsecs"}', /units one of esriUnknownUnits, esriInches/],
  ['GPLinearUnit', '{"distance":"1","units":"esriMeters"}', /distance must be a finite number/],
  ['GPArealUnit', '{"area":1,"units":"esriMiles"}', /units one of .*esriSquareKilometers/],
  ['GPFeatureRecordSetLayer', '{"geometryType":"esriGeometryPoint"}', /features array/],
  [
    'GPFeatureRecordSetLayer',
    json({ geometryType: 'esriGeometryPoint', features: [{ geometry: { x: 'a', y: 1 } }] }),
    /feature 1: a point needs finite numbers x and y/,
  ],
  [
    'GPFeatureRecordSetLayer',
    json({
      geometryType: 'esriGeometryPolygon',
      features: [
        {
          geometry: {
            rings: [
              [
                [0, 0],
                [1, 1],
                [0, 0],
              ],
            ],
          },
        },
      ],
    }),
    /ring 1 must be an array of at least 4 positions/,
  ],
  ['GPFeatureRecordSetLayer', json({ geometryType: 'esriGeometryPolyline', features: [{ geometry: { x: 1, y: 1 } }] }), /expected paths/],
  [
    'GPFeatureRecordSetLayer',
    json({ geometryType: 'esriGeometryPolygon', features: [] }),
    /expected geometryType esriGeometryPoint/,
    { geometryType: 'esriGeometryPoint' },
  ],
  ['GPFeatureRecordSetLayer', json({ features: [{ geometry: { x: 1, y: 1 }, attributes: { a: { b: 1 } } }] }), /attribute 'a' must be/],
  ['GPFeatureRecordSetLayer', json({ features: [], fields: [{ name: 'x', type: 'esriFieldTypeText' }] }), /fields\[0\]: field 'x': type/],
  ['GPRecordSet', json({ features: [point] }), /record set has no geometry/],
  ['GPFeatureRecordSetLayer', '{"url":"http://h/r","fields":[]}', /by reference is \{"url"\} alone, without "fields"/],
  ['GPFeatureRecordSetLayer', '{"url":"file:///etc/passwd"}', /http or https/],
  ['GPRecordSet', '{"url":42}', /url must be a string/],
  // Only a parameter's own value may be a reference.
  ['GPMultiValue:GPFeatureRecordSetLayer', '[{"url":"http://h/r"}]', /item 1: expected a feature set with a features array/],
  ['GPDataFile', '{"url":"file:///etc/passwd"}', /http or https/],
  ['GPDataFile', '{"url":"not a url"}', /not an absolute URL/],
  ['GPDataFile', '{}', /exactly one of url and itemID/],
  ['GPRasterDataLayer', '{"url":"ftp://example.com/x.tif"}', /http or https/],
  ['GPField', '{"name":"","type":"esriFieldTypeString"}', /non-empty name/],
  ['GPSpatialReference', '{"wkid":-3}', /positive integer/],
  ['GPSpatialReference', '{}', /wkid or a non-empty wkt/],
  ['GPExtent', '{"xmin":5,"ymin":0,"xmax":1,"ymax":1}', /xmin \(5\) is greater than xmax \(1\)/],
  ['GPEnvelope', '{"xmin":0,"ymin":0,"xmax":1}', /finite numbers xmin, ymin, xmax, ymax/],
  ['GPMultiValue:GPString', '["a","z"]', /item 2: "z" is not one of the choices a, b/, { choiceList: ['a', 'b'] }],
  ['GPMultiValue:GPString', '"a"', /expected a JSON array of GPString/],
  ['GPMultiValue:GPLong', '[9007199254740993]', /item 1: .*string of digits/],
  ['GPValueTable', '[["c",1]]', /row 1, column 'Name': "c" is not one of the choices a, b/, table],
  ['GPValueTable', '[["a","heavy"]]', /row 1, column 'Weight': expected a finite number/, table],
  ['GPValueTable', '[["a"]]', /row 1: expected 2 values \[Name, Weight\]/, table],
  ['GPComposite', '1.5', /matches none of the accepted types \(as GPLong: expected an integer.*as GPLinearUnit/, composite],
  ['GPComposite', '{"distance":1}', /as GPLinearUnit: .*got units nothing/, composite],
];

describe('parseParameterValue', () => {
  it.each(valid)('%s %s → canonical value', (dataType, raw, expected, extra) => {
    expect(parseParameterValue(param(dataType, extra), raw)).toEqual(expected);
  });

  it.each(invalid)('%s rejects %s', (dataType, raw, pattern, extra) => {
    const definition = param(dataType, extra);
    const error = catchError(() => parseParameterValue(definition, raw));
    expect(error.parameter).toBe(definition.name);
    expect(error.message).toContain(`Invalid value for parameter '${definition.name}' (${definition.displayName})`);
    expect(error.message).toMatch(pattern);
  });

  it.each([undefined, ''])('absent required (%j) is ERROR 000735 naming the parameter', (raw) => {
    const error = catchError(() => parseParameterValue(param('GPLong', { parameterType: 'esriGPParameterTypeRequired' }), raw));
    expect(error.message).toBe("ERROR 000735: GPLong value: Value is required (parameter 'P_GPLong')");
  });

  it('uses the default when absent, even when required', () => {
    const unit = { distance: 1, units: 'esriMeters' };
    expect(parseParameterValue(param('GPLinearUnit', { defaultValue: unit }), undefined)).toEqual(unit);
    expect(parseParameterValue(param('GPString', { defaultValue: 'Green', parameterType: 'esriGPParameterTypeRequired' }), '')).toBe(
      'Green',
    );
  });

  it('gives undefined for an absent optional value without default, and JSON null counts as absent', () => {
    expect(parseParameterValue(param('GPDouble'), undefined)).toBeUndefined();
    expect(parseParameterValue(param('GPExtent'), 'null')).toBeUndefined();
    expect(() => parseParameterValue(param('GPExtent', { parameterType: 'esriGPParameterTypeRequired' }), 'null')).toThrow(/000735/);
  });

  it.each(['GPLinearUnit', 'GPFeatureRecordSetLayer', 'GPMultiValue:GPString'] as const)(
    '%s reports malformed JSON naming the parameter',
    (dataType) => {
      const error = catchError(() => parseParameterValue(param(dataType), '{"distance":'));
      expect(error.message).toMatch(new RegExp(`parameter 'P_.*'.*malformed JSON`));
    },
  );

  it('parseJsonText names the parameter', () => {
    expect(parseJsonText(param('GPField'), '[1]')).toEqual([1]);
    expect(() => parseJsonText(param('GPField'), '{x}')).toThrow(/'P_GPField' \(GPField value\): malformed JSON/);
  });
});

function catchError(action: () => unknown): ParameterError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof ParameterError) return error;
    throw error;
  }
  throw new Error('expected a ParameterError');
}
