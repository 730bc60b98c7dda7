import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDirectory } from '../../../gateway/arcgis/validate/validate-directory.js';
import { validateService } from '../../../gateway/arcgis/validate/validate-service.js';
import { validateTask } from '../../../gateway/arcgis/validate/validate-task.js';
import { GatewayError } from '../../../core/errors/gateway-error.js';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../fixtures/gp-metadata/${name}`, import.meta.url), 'utf8'));
const URL_ = 'https://gis.example.com/arcgis/rest/services/Test/Svc/GPServer';

function invalid(run: () => unknown): GatewayError {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) {
      expect(error.code).toBe('UPSTREAM_INVALID_RESPONSE');
      return error;
    }
    throw error;
  }
  throw new Error('expected validation to fail');
}

describe('validating GP service JSON', () => {
  it('should read a 10.0 service without currentVersion', () => {
    expect(validateService(fixture('v10.0-gpserver.json'), URL_)).toEqual({
      description: 'Extracts layers within an area of interest and delivers them as a zip file.',
      execution: 'asynchronous',
      maximumRecords: 1000,
      taskNames: ['Extract Data Task'],
    });
  });

  it('should read a 10.8 service listing its tasks as objects', () => {
    expect(validateService(fixture('v10.8-gpserver.json'), URL_)).toEqual({
      description: '',
      execution: 'synchronous',
      currentVersion: 10.81,
      maximumRecords: 1000,
      taskNames: ['CreateDriveTimePolygons'],
    });
  });

  it('should read an 11.3 service', () => {
    expect(validateService(fixture('v11.3-gpserver.json'), URL_)).toMatchObject({
      currentVersion: 11.3,
      execution: 'asynchronous',
      taskNames: ['AllTypes'],
    });
  });

  it('should name the URL and the JSON path of what is wrong', () => {
    expect(invalid(() => validateService({ tasks: 'Viewshed' }, URL_)).message).toBe(
      `Invalid GPServer JSON from ${URL_}: at $.tasks expected an array, got the string "Viewshed"`,
    );
    expect(invalid(() => validateService({ tasks: ['A', 7] }, URL_)).message).toContain('at $.tasks[1] expected a task name');
    expect(invalid(() => validateService({ tasks: [], executionType: 'esriExecutionTypeSometimes' }, URL_)).message).toContain(
      'at $.executionType expected one of esriExecutionTypeSynchronous, esriExecutionTypeAsynchronous',
    );
    expect(invalid(() => validateService(null, URL_)).message).toContain('at $ expected an object, got null');
    expect(invalid(() => validateService({ tasks: ['A', 'A'] }, URL_)).message).toContain('unique task names');
  });
});

describe('validating GP task JSON', () => {
  it('should read a 10.0 task: no executionType, no category, `Fields`, null defaults', () => {
    const task = validateTask(fixture('v10.0-task-extract-data.json'), {
      url: `${URL_}/x`,
      listedName: 'Extract Data Task',
      serviceExecution: 'asynchronous',
    });
    expect(task).toMatchObject({ name: 'Extract Data Task', description: '', category: '', execution: 'asynchronous' });
    const [layers, aoi, , raster, zip] = task.parameters;
    expect(layers).toEqual({
      name: 'Layers_to_Clip',
      dataType: 'GPMultiValue:GPString',
      displayName: 'Layers to Clip',
      description: '',
      direction: 'input',
      requirement: 'required',
      category: '',
      defaultValue: ['Incident Points'],
      choiceList: ['Incident Points', 'Incident Lines', 'Incident Areas'],
    });
    expect(aoi?.defaultValue).toEqual({
      geometryType: 'esriGeometryPolygon',
      spatialReference: { wkid: 4326 },
      fields: [
        { name: 'FID', type: 'esriFieldTypeOID', alias: 'FID' },
        { name: 'Id', type: 'esriFieldTypeInteger', alias: 'Id' },
      ],
    });
    expect(raster).not.toHaveProperty('defaultValue');
    expect(zip).toMatchObject({ direction: 'output', requirement: 'derived', dataType: 'GPDataFile' });
  });

  it('should refuse a task when neither it nor its service gives an execution type', () => {
    expect(invalid(() => validateTask(fixture('v10.0-task-extract-data.json'), { url: `${URL_}/x`, listedName: 'x' })).message).toContain(
      'at $.executionType expected an execution type on the task or its service',
    );
  });

  it('should read a 10.8 task and let its own executionType win', () => {
    const task = validateTask(fixture('v10.8-task-drive-time.json'), {
      url: `${URL_}/t`,
      listedName: 'CreateDriveTimePolygons',
      serviceExecution: 'asynchronous',
    });
    expect(task.execution).toBe('synchronous');
    expect(task.category).toBe('Network Analysis');
    expect(task.parameters.map((p) => [p.name, p.requirement])).toEqual([
      ['Input_Location', 'required'],
      ['Drive_Times', 'optional'],
      ['Output_Drive_Time_Polygons', 'derived'],
    ]);
  });

  it('should read an 11.3 task with every data type, keeping odd names and unknown types verbatim', () => {
    const task = validateTask(fixture('v11.3-task-all-types.json'), { url: `${URL_}/AllTypes`, listedName: 'AllTypes' });
    const byName = new Map(task.parameters.map((p) => [p.name, p]));
    expect(task.parameters.map((p) => p.dataType)).toEqual([
      'GPString',
      'GPLong',
      'GPDouble',
      'GPBoolean',
      'GPDate',
      'GPLinearUnit',
      'GPArealUnit',
      'GPFeatureRecordSetLayer',
      'GPRecordSet',
      'GPDataFile',
      'GPRasterDataLayer',
      'GPRasterData',
      'GPMultiValue:GPString',
      'GPMultiValue:GPDouble',
      'GPValueTable',
      'GPComposite',
      'GPField',
      'GPSpatialReference',
      'GPEnvelope',
      'GPExtent',
      'GPSACellSize',
      'GPFeatureRecordSetLayer',
      'GPRasterDataLayer',
    ]);
    for (const name of ['2nd_Input', 'in-feature', 'class', 'Input Features']) expect(byName.has(name)).toBe(true);
    expect(byName.get('2nd_Input')?.defaultValue).toEqual([0.25, 0.75]);
    expect(byName.get('in_long')?.choiceList).toEqual(['1', '3', '5']);
    expect(byName.get('cell_size')).toMatchObject({ dataType: 'GPSACellSize', defaultValue: { distance: 30 } });
    expect(byName.get('in_value_table')?.parameterInfos).toEqual([
      { name: 'Field', dataType: 'GPString', displayName: 'Field' },
      { name: 'Statistic Type', dataType: 'GPString', displayName: 'Statistic Type', choiceList: ['SUM', 'MEAN'] },
    ]);
    expect(byName.get('in_composite')?.parameterInfos).toEqual([
      { name: 'Cell_Count', dataType: 'GPLong', displayName: 'Cell_Count' },
      { name: 'Distance', dataType: 'GPLinearUnit', displayName: 'Distance' },
    ]);
    expect(byName.get('out_features')).toMatchObject({ direction: 'output', requirement: 'derived', category: '' });
  });

  it('should keep an 11.1 task whole: its description, help page, value-table default rows and `Field` types', () => {
    const task = validateTask(fixture('v11.1-task-summarize-values.json'), {
      url: `${URL_}/SummarizeValues`,
      listedName: 'SummarizeValues',
    });
    expect(task).toMatchObject({
      execution: 'asynchronous',
      description: expect.stringMatching(/^Summarizes a table/),
      helpUrl: expect.stringMatching(/\/SummarizeValues\.htm$/),
    });
    const byName = new Map(task.parameters.map((p) => [p.name, p]));
    expect(byName.get('Value_Table')).toMatchObject({
      requirement: 'required',
      defaultValue: [
        [567, -56756.567],
        [-6567, 67886.678],
      ],
      parameterInfos: [
        { name: 'Long', dataType: 'GPLong', displayName: 'Long' },
        { name: 'Double', dataType: 'GPDouble', displayName: 'Double' },
      ],
    });
    expect(byName.get('Statistics_Fields')?.parameterInfos?.[0]).toEqual({ name: 'Field', dataType: 'Field', displayName: 'Field' });
    expect(byName.get('Case_Field')).toMatchObject({ dataType: 'Field', requirement: 'optional' });
    expect(byName.get('Case_Field')).not.toHaveProperty('defaultValue');
  });

  it('should fill displayName from the name and accept bare direction and type words', () => {
    const task = validateTask(
      {
        name: 'T',
        executionType: 'Synchronous',
        parameters: [
          { name: 'Input Features', dataType: 'GPString', direction: 'Input', parameterType: 'required' },
          { name: 'out', dataType: 'GPString', direction: 'esriGPParameterDirectionOutput' },
        ],
      },
      { url: `${URL_}/T`, listedName: 'T' },
    );
    expect(task.parameters).toEqual([
      {
        name: 'Input Features',
        dataType: 'GPString',
        displayName: 'Input Features',
        description: '',
        direction: 'input',
        requirement: 'required',
        category: '',
      },
      { name: 'out', dataType: 'GPString', displayName: 'out', description: '', direction: 'output', requirement: 'derived', category: '' },
    ]);
    expect(task.displayName).toBe('T');
  });

  it('should name the parameter path of what is wrong', () => {
    const at = { url: `${URL_}/T`, listedName: 'T', serviceExecution: 'synchronous' } as const;
    const base = {
      name: 'P',
      dataType: 'GPString',
      direction: 'esriGPParameterDirectionInput',
      parameterType: 'esriGPParameterTypeOptional',
    };
    const message = (parameter: unknown): string => invalid(() => validateTask({ parameters: [base, parameter] }, at)).message;
    expect(message({ ...base, name: 'Q', direction: 'sideways' })).toBe(
      `Invalid GP task JSON from ${URL_}/T: at $.parameters[1].direction expected one of esriGPParameterDirectionInput, esriGPParameterDirectionOutput, got the string "sideways"`,
    );
    expect(message({ ...base, name: 'Q', dataType: 7 })).toContain('at $.parameters[1].dataType expected a string, got number 7');
    expect(message({ ...base, name: 'Q', parameterType: 'esriGPParameterTypeMandatory' })).toContain('$.parameters[1].parameterType');
    expect(message({ ...base, name: 'Q', choiceList: ['a', { b: 1 }] })).toContain('$.parameters[1].choiceList[1] expected a string');
    expect(message({ ...base, name: 'Q', parameterInfos: [{ name: 'c' }] })).toContain('$.parameters[1].parameterInfos[0].dataType');
    expect(message({ ...base, name: 'p' })).toContain('$.parameters[1].name expected a parameter name unique in the task');
    expect(message('P2')).toContain('at $.parameters[1] expected an object');
    expect(invalid(() => validateTask({ name: 'T' }, at)).message).toContain('at $.parameters expected an array, got nothing');
  });
});

describe('validating directory listings', () => {
  it('should read folders and services, tolerating absent lists', () => {
    expect(validateDirectory({ currentVersion: 11.3, folders: ['A'], services: [{ name: 'A/B', type: 'GPServer' }] }, URL_)).toEqual({
      folders: ['A'],
      services: [{ name: 'A/B', type: 'GPServer' }],
    });
    expect(validateDirectory({}, URL_)).toEqual({ folders: [], services: [] });
    expect(invalid(() => validateDirectory({ services: [{ name: 'x' }] }, URL_)).message).toContain('$.services[0].type');
  });
});
