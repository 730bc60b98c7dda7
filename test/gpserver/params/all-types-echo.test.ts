import { describe, expect, it } from 'vitest';
import type { GpMessage, ToolContext } from '../../../gpserver/model/tool.js';
import { parseTaskInputs } from '../../../gpserver/params/parse-inputs.js';
import { allTypesService } from '../../../gpserver/services/all-types-service.js';
import { echoAllTypes } from '../../../gpserver/tools/echo-all-types.js';
import { parseParameterValue } from '../../../gpserver/params/parse-value.js';

const task = allTypesService.tasks[0];

function context(messages: GpMessage[]): ToolContext {
  return {
    env: { returnZ: false, returnM: false },
    outputDir: '/nonexistent/outputs',
    terrain: () => Promise.reject(new Error('no terrain in this test')),
    progress: () => undefined,
    message: (type, description) => messages.push({ type, description }),
    signal: new AbortController().signal,
  };
}

const request: Record<string, string> = {
  In_String: 'Blue',
  In_Long: '9007199254740993',
  In_Double: '2.25',
  In_Boolean: 'false',
  In_Date: '1199145600000',
  In_Linear_Unit: '{"distance":8.5,"units":"esriMiles"}',
  In_Areal_Unit: '{"area":5,"units":"esriAcres"}',
  In_Features: '{"geometryType":"esriGeometryPoint","features":[{"geometry":{"x":1,"y":2},"attributes":{"Name":"a"}}]}',
  In_Records: '{"features":[{"attributes":{"Name":"a"}}]}',
  In_Data_File: '{"url":"https://example.com/data.csv"}',
  In_Raster: '{"url":"https://example.com/dem.tif","format":"tif"}',
  In_Strings: '["Red","Green"]',
  In_Value_Table: '[["a",1],["b",2.5]]',
  In_Composite: '{"distance":3,"units":"esriMeters"}',
  In_Field: '{"name":"Name","type":"esriFieldTypeString","alias":"Name"}',
  In_Spatial_Reference: '{"wkid":3857}',
  In_Extent: '{"xmin":0,"ymin":0,"xmax":10,"ymax":10}',
};

describe('Testing/AllDataTypes EchoAllTypes', () => {
  it('has one input per GP data type and a derived output for each', () => {
    if (task === undefined) throw new Error('no task');
    const inputs = task.parameters.filter((p) => p.direction === 'esriGPParameterDirectionInput');
    const outputs = task.parameters.filter((p) => p.direction === 'esriGPParameterDirectionOutput');
    expect(inputs.map((p) => p.name)).toEqual(Object.keys(request));
    expect(outputs.map((p) => p.name)).toEqual(inputs.map((p) => p.name.replace('In_', 'Out_')));
    expect(outputs.every((p) => p.parameterType === 'esriGPParameterTypeDerived')).toBe(true);
    expect(outputs.map((p) => p.dataType)).toEqual(inputs.map((p) => p.dataType));
  });

  it('publishes defaults that its own parser accepts unchanged', () => {
    for (const p of task?.parameters ?? []) {
      if (p.defaultValue === undefined || p.direction !== 'esriGPParameterDirectionInput') continue;
      const raw = typeof p.defaultValue === 'string' ? p.defaultValue : JSON.stringify(p.defaultValue);
      expect(parseParameterValue(p, raw), p.name).toEqual(p.defaultValue);
    }
  });

  it('echoes every parsed input into the output of the same type', async () => {
    if (task === undefined) throw new Error('no task');
    const inputs = parseTaskInputs(task, new Map(Object.entries(request)));
    const messages: GpMessage[] = [];
    const outputs = await echoAllTypes(inputs, context(messages));
    expect(Object.keys(outputs)).toHaveLength(17);
    expect(outputs.Out_Long).toBe('9007199254740993');
    expect(outputs.Out_Composite).toEqual({ distance: 3, units: 'esriMeters' });
    expect(outputs.Out_Value_Table).toEqual([
      ['a', 1],
      ['b', 2.5],
    ]);
    expect(messages).toEqual([
      { type: 'esriJobMessageTypeInformative', description: expect.stringMatching(/^Echoed 17 values: Out_String, /) as unknown },
    ]);
  });

  it('echoes defaults and leaves out absent optional inputs', async () => {
    if (task === undefined) throw new Error('no task');
    const outputs = await echoAllTypes(parseTaskInputs(task, new Map([['in_long', '5']])), context([]));
    expect(outputs).toMatchObject({ Out_String: 'Green', Out_Long: 5, Out_Strings: ['Red', 'Blue'] });
    expect(outputs).not.toHaveProperty('Out_Extent');
  });
});
