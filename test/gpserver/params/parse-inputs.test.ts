import { describe, expect, it } from 'vitest';
import type { TaskDefinition } from '../../../gpserver/model/service.js';
import { ParameterErrors, parseTaskInputs } from '../../../gpserver/params/parse-inputs.js';
import { input, output } from '../../../gpserver/services/parameter-builders.js';

const task: TaskDefinition = {
  name: 'Buffer',
  displayName: 'Buffer',
  description: '',
  category: '',
  helpUrl: '',
  tool: 'buffer',
  parameters: [
    input('Distance', 'GPLinearUnit', { displayName: 'Buffer distance', description: '', required: true }),
    input('Dissolve_Type', 'GPString', { displayName: 'Dissolve', description: '', choiceList: ['NONE', 'ALL'], defaultValue: 'NONE' }),
    input('Count', 'GPLong', { displayName: 'Count', description: '' }),
    output('Output_Polygons', 'GPFeatureRecordSetLayer', { displayName: 'Output', description: '' }),
  ],
};

function errorsOf(params: Record<string, string>): ParameterErrors {
  try {
    parseTaskInputs(task, new Map(Object.entries(params)));
  } catch (error: unknown) {
    if (error instanceof ParameterErrors) return error;
    throw error;
  }
  throw new Error('expected ParameterErrors');
}

describe('parseTaskInputs', () => {
  it('parses inputs, applies defaults, leaves out absent optionals and ignores outputs and other fields', () => {
    const params = new Map([
      ['Distance', '{"distance":8.5,"units":"esriMiles"}'],
      ['f', 'json'],
      ['env:outSR', '4326'],
      ['Output_Polygons', 'x'],
    ]);
    expect(parseTaskInputs(task, params)).toEqual({ Distance: { distance: 8.5, units: 'esriMiles' }, Dissolve_Type: 'NONE' });
  });

  it.each([
    [
      { distance: '{"distance":1,"units":"esriFeet"}', dissolve_type: 'ALL', COUNT: '3' },
      { Dissolve_Type: 'ALL', Count: 3 },
    ],
    [{ Count: '1', count: '2', Distance: '{"distance":1,"units":"esriFeet"}' }, { Count: 1 }],
  ])('matches names case-insensitively, exact spelling first (%j)', (fields, expected) => {
    expect(parseTaskInputs(task, new Map(Object.entries(fields)))).toMatchObject(expected);
  });

  it('collects every invalid parameter, not just the first', () => {
    const error = errorsOf({ Dissolve_Type: 'SOME', Count: '1.5' });
    expect(error.errors.map((e) => e.parameter)).toEqual(['Distance', 'Dissolve_Type', 'Count']);
    expect(error.errors[0]?.message).toBe("ERROR 000735: Buffer distance: Value is required (parameter 'Distance')");
    expect(error.message.split('\n')).toHaveLength(3);
  });

  it('reports one error for a single bad parameter', () => {
    const error = errorsOf({ Distance: '{"distance":1,"units":"esriFeet"', Count: '2' });
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.message).toMatch(/'Distance' \(Buffer distance\): malformed JSON/);
  });
});
