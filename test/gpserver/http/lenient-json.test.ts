import { describe, expect, it } from 'vitest';
import { parseLenientJson } from '../../../gpserver/http/lenient-json.js';
import { parseParameterValue } from '../../../gpserver/params/parse-value.js';
import { input } from '../../../gpserver/services/parameter-builders.js';

describe('JSON-valued parameters, read as ArcGIS Server reads them', () => {
  it.each([
    ['strict JSON', '{"distance": 8.5, "units": "esriMiles"}', { distance: 8.5, units: 'esriMiles' }],
    ["Python's str(dict)", "{'distance': 8.5, 'units': 'esriMiles'}", { distance: 8.5, units: 'esriMiles' }],
    [
      "the documentation's GET value, spaces around",
      "{ 'distance' : 8.5, 'units' : 'esriMiles' }  ",
      { distance: 8.5, units: 'esriMiles' },
    ],
    ['Python literals outside strings', "{'a': True, 'b': False, 'c': None}", { a: true, b: false, c: null }],
    ['Python literals inside strings kept', `{'a': "it's True", 'None': 'None'}`, { a: "it's True", None: 'None' }],
    ['escaped quotes', "{'a': 'don\\'t'}", { a: "don't" }],
    ['unquoted keys and a trailing comma', '{wkid: 4326,}', { wkid: 4326 }],
  ])('should read %s', (_name, text, expected) => {
    expect(parseLenientJson(text)).toEqual(expected);
  });

  it('should still refuse what is not JSON in any spelling, naming the parameter and the position', () => {
    const param = input('Viewshed_Distance', 'GPLinearUnit', { displayName: 'Viewshed Distance', description: '' });
    expect(() => parseParameterValue(param, "{'distance': }")).toThrow(
      /'Viewshed_Distance' \(Viewshed Distance\): malformed JSON \(JSON5: invalid character '}' at 1:14\)/,
    );
    expect(() => parseParameterValue(param, '{distance: TRUE}')).toThrow(/malformed JSON/);
  });
});
