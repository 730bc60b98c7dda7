import { describe, expect, it } from 'vitest';
import { GATEWAY_CREDENTIAL } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { StepPlan } from '../../core/workflows/workflow-state.js';
import { toDataFile, toFeatureSet, toRaster } from '../../resolvers/convert/gp-values.js';
import { inputUrlPolicy } from '../../resolvers/input-urls.js';
import { toRestParams } from '../../resolvers/run-sync-task.js';
import type { UploadItems } from '../../resolvers/staged-uploads.js';
import {
  checkWorkflow,
  MAX_WORKFLOW_STEPS,
  planWorkflow,
  type WorkflowCatalog,
  type WorkflowInputSpec,
  type WorkflowPlanOptions,
  type WorkflowStepArgs,
  type WorkflowTaskSpec,
} from '../../resolvers/workflow-plan.js';
import { submitWithStagedUploads } from '../../resolvers/workflow-uploads.js';

const A = 'https://a.example.com/arcgis/rest/services';
const B = 'https://b.example.com/arcgis/rest/services';
const policy = inputUrlPolicy([`${A}/Buffer/GPServer`, `${B}/Elevation/GPServer`]);

function input(name: string, field: string, dataType: string, extra: Partial<WorkflowInputSpec> = {}): WorkflowInputSpec {
  return {
    name,
    field,
    refField: `${field}From`,
    dataType,
    needsValue: false,
    toGp: (value, parameter) => policy.checked(value, parameter),
    ...extra,
  };
}

const TASKS: readonly WorkflowTaskSpec[] = [
  {
    field: 'buffer',
    serviceUrl: `${A}/Buffer/GPServer`,
    serviceLabel: 'Buffer',
    currentVersion: 11.3,
    task: 'Buffer',
    execution: 'synchronous',
    inputs: [
      input('Input_Features', 'inputFeatures', 'GPFeatureRecordSetLayer', { needsValue: true, toGp: toFeatureSet }),
      input('Distance', 'distance', 'GPLinearUnit'),
    ],
    outputs: [{ name: 'Output_Polygons', field: 'outputPolygons', dataType: 'GPFeatureRecordSetLayer' }],
  },
  {
    field: 'zonalStatistics',
    serviceUrl: `${A}/Zonal/GPServer`,
    serviceLabel: 'Zonal',
    currentVersion: 10.5,
    task: 'ZonalStatistics',
    execution: 'asynchronous',
    inputs: [
      input('In_Zone_Features', 'inZoneFeatures', 'GPFeatureRecordSetLayer', {
        needsValue: true,
        toGp: toFeatureSet,
        defaultValue: { geometryType: 'esriGeometryPolygon', features: [], spatialReference: { wkid: 102100, latestWkid: 3857 } },
      }),
      input('In_Value_Raster', 'inValueRaster', 'GPRasterDataLayer', { needsValue: true, toGp: toRaster }),
      input('Zone_Field', 'zoneField', 'GPString'),
      input('In_Table', 'inTable', 'GPRecordSet', { defaultValue: { features: [], spatialReference: { latestWkid: 4326 } } }),
    ],
    outputs: [
      { name: 'Out_Table', field: 'outTable', dataType: 'GPRecordSet' },
      { name: 'Out_Statistics_File', field: 'outStatisticsFile', dataType: 'GPDataFile' },
      { name: 'Zone_Count', field: 'zoneCount', dataType: 'GPLong' },
    ],
  },
  {
    field: 'elevation',
    serviceUrl: `${B}/Elevation/GPServer`,
    serviceLabel: 'Elevation',
    task: 'Elevation',
    execution: 'asynchronous',
    inputs: [
      input('Band_Count', 'bandCount', 'GPLong', { toGp: (v) => String(v) }),
      input('Ratio', 'ratio', 'GPDouble'),
      input('Label', 'label', 'GPString'),
      input('Points', 'points', 'GPFeatureRecordSetLayer'),
    ],
    outputs: [
      { name: 'Output_Raster', field: 'outputRaster', dataType: 'GPRasterDataLayer' },
      { name: 'Mean', field: 'mean', dataType: 'GPDouble' },
      { name: 'Output_Points', field: 'outputPoints', dataType: 'GPFeatureRecordSetLayer' },
    ],
  },
  {
    field: 'tableToPoints',
    serviceUrl: `${B}/TableToPoints/GPServer`,
    serviceLabel: 'TableToPoints',
    task: 'TableToPoints',
    execution: 'synchronous',
    inputs: [input('Input_Table', 'inputTable', 'GPDataFile', { needsValue: true, toGp: toDataFile })],
    outputs: [
      { name: 'Output_Points', field: 'outputPoints', dataType: 'GPFeatureRecordSetLayer' },
      { name: 'Output_File', field: 'outputFile', dataType: 'GPDataFile' },
    ],
  },
];

const CATALOG: WorkflowCatalog = new Map(TASKS.map((task) => [task.field, task]));

const POINTS = { esriJson: { geometryType: 'esriGeometryPoint', features: [{ geometry: { x: 1, y: 2 }, attributes: {} }] } };
const RASTER = { url: 'https://data.example.org/dem.tif', format: 'tif' };

const step = (id: string, task: string, fields: Record<string, unknown> = {}, extra: Partial<WorkflowStepArgs> = {}): WorkflowStepArgs => ({
  id,
  run: { [task]: fields },
  ...extra,
});
const ref = (from: string, output: string) => ({ step: from, output });

function plan(steps: readonly WorkflowStepArgs[], options?: WorkflowPlanOptions): StepPlan[] {
  return planWorkflow(steps, CATALOG, options);
}

/** The INVALID_INPUT error `steps` are refused with: message and parameter. */
function refusal(steps: readonly WorkflowStepArgs[], options?: WorkflowPlanOptions): { message: string; parameter: string | undefined } {
  try {
    plan(steps, options);
  } catch (error) {
    if (!(error instanceof GatewayError)) throw error;
    expect(error.code).toBe('INVALID_INPUT');
    return { message: error.message, parameter: error.info.parameter };
  }
  throw new Error('the workflow was accepted');
}

const bufferStep = (id = 'b') => step(id, 'buffer', { inputFeatures: POINTS });
const zonalFrom = (id: string, fields: Record<string, unknown>) =>
  step(id, 'zonalStatistics', { inValueRaster: RASTER, inZoneFeatures: POINTS, ...fields });

describe('planWorkflow', () => {
  describe('step ids', () => {
    it.each(['a', 'Step_1', 'clip-2', `a${'x'.repeat(63)}`])('should take the id %j', (id) => {
      expect(plan([bufferStep(id)]).map((s) => s.id)).toEqual([id]);
    });

    it.each(['', '1st', '_a', 'a b', 'a.b', `a${'x'.repeat(64)}`, 'é'])('should refuse the id %j', (id) => {
      expect(refusal([bufferStep('ok'), bufferStep(id)])).toEqual({
        message: expect.stringContaining('no step id'),
        parameter: 'steps[1].id',
      });
    });

    it('should refuse an id given twice', () => {
      expect(refusal([bufferStep('a'), bufferStep('b'), bufferStep('a')])).toEqual({
        message: expect.stringContaining("'a' names an earlier step"),
        parameter: 'steps[2].id',
      });
    });
  });

  describe('step count', () => {
    it(`should take ${MAX_WORKFLOW_STEPS} steps`, () => {
      expect(plan(Array.from({ length: MAX_WORKFLOW_STEPS }, (_, i) => bufferStep(`s${i}`)))).toHaveLength(MAX_WORKFLOW_STEPS);
    });

    it.each([0, MAX_WORKFLOW_STEPS + 1])('should refuse %i steps', (count) => {
      expect(refusal(Array.from({ length: count }, (_, i) => bufferStep(`s${i}`))).parameter).toBe('steps');
    });
  });

  describe('the task of a step', () => {
    it('should plan the task named by the one field of run', () => {
      expect(plan([bufferStep()])).toEqual([
        {
          id: 'b',
          serviceUrl: `${A}/Buffer/GPServer`,
          serviceLabel: 'Buffer',
          task: 'Buffer',
          execution: 'synchronous',
          params: { Input_Features: toFeatureSet(POINTS, 'Input_Features') },
          bindings: [],
        },
      ]);
    });

    it.each([
      ['two tasks', { buffer: { inputFeatures: POINTS }, elevation: {} }],
      ['no task', { buffer: null }],
      ['an unknown task', { clip: {} }],
    ])('should refuse %s', (_what, run) => {
      expect(refusal([{ id: 'a', run }]).parameter).toBe('steps[0].run');
    });
  });

  describe('references', () => {
    it('should take an output of another step by its GP name or its field name', () => {
      const [, byName] = plan([bufferStep('b'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: ref('b', 'Output_Polygons') })]);
      const [, byField] = plan([bufferStep('b'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: ref('b', 'outputPolygons') })]);
      expect(byName?.bindings).toEqual([
        { input: 'In_Zone_Features', fromStep: 'b', output: 'Output_Polygons', kind: 'FEATURES', mode: 'VALUE', outSR: 102100 },
      ]);
      expect(byField?.bindings).toEqual(byName?.bindings);
      expect(byName?.params).not.toHaveProperty('In_Zone_Features');
    });

    it.each([
      ['an unknown step', ref('nope', 'Output_Polygons'), "no step 'nope'"],
      ['the step itself', ref('z', 'Out_Table'), 'its own output'],
      ['an unknown output', ref('b', 'Output_Lines'), "no output 'Output_Lines' (its outputs: Output_Polygons)"],
    ])('should refuse %s', (_what, from, message) => {
      expect(refusal([bufferStep('b'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: from })])).toEqual({
        message: expect.stringContaining(message),
        parameter: 'steps[1].zonalStatistics.inZoneFeaturesFrom',
      });
    });

    it('should order steps listed in any order after the steps they take outputs from', () => {
      const steps = [
        step('points', 'tableToPoints', { inputTableFrom: ref('zonal', 'Out_Statistics_File') }),
        zonalFrom('zonal', { inZoneFeatures: null, inZoneFeaturesFrom: ref('buffer', 'Output_Polygons') }),
        step('other', 'elevation'),
        bufferStep('buffer'),
      ];
      expect(plan(steps).map((s) => s.id)).toEqual(['other', 'buffer', 'zonal', 'points']);
    });

    it.each([
      [
        'two steps',
        [
          step('x', 'elevation', { ratioFrom: ref('y', 'Mean') }),
          step('y', 'elevation', { ratioFrom: ref('x', 'Mean') }),
          bufferStep('free'),
        ],
        'x → y → x',
      ],
      [
        'three steps',
        [
          bufferStep('free'),
          step('x', 'elevation', { ratioFrom: ref('z', 'Mean') }),
          step('y', 'elevation', { ratioFrom: ref('x', 'Mean') }),
          step('z', 'elevation', { ratioFrom: ref('y', 'Mean') }),
        ],
        'x → z → y → x',
      ],
    ])('should refuse a cycle of %s, naming them', (_what, steps, cycle) => {
      expect(refusal(steps)).toEqual({ message: expect.stringContaining(cycle), parameter: 'steps' });
    });
  });

  describe('one value per input', () => {
    it('should refuse a literal and a reference for one input', () => {
      expect(refusal([bufferStep('b'), zonalFrom('z', { inZoneFeaturesFrom: ref('b', 'Output_Polygons') })])).toEqual({
        message: expect.stringContaining('give inZoneFeatures or inZoneFeaturesFrom, not both'),
        parameter: 'steps[1].zonalStatistics.inZoneFeaturesFrom',
      });
    });

    it('should take an input the server has a default for from neither', () => {
      expect(plan([step('b', 'buffer', { inputFeatures: POINTS })])[0]?.params).not.toHaveProperty('Distance');
    });

    it('should refuse a required input without a default given neither way', () => {
      expect(refusal([step('b', 'buffer', { distance: { distance: 1, units: 'esriMeters' } })])).toEqual({
        message: expect.stringContaining('Input_Features is required'),
        parameter: 'steps[0].buffer.inputFeatures',
      });
    });
  });

  describe('kinds of hand-over', () => {
    it.each([
      ['features from features', 'points', ref('e0', 'Output_Points')],
      ['a raster from a data file', 'z2', ref('z', 'Out_Statistics_File')],
      ['a double from a long', 'e', ref('z', 'Zone_Count')],
      ['a double from a double', 'e', ref('e0', 'Mean')],
    ])('should take %s', (_what, target, from) => {
      const fields: Record<string, Record<string, unknown>> = {
        points: { pointsFrom: from },
        z2: { inValueRaster: null, inValueRasterFrom: from },
        e: { ratioFrom: from },
      };
      const steps = [
        bufferStep('b'),
        zonalFrom('z', {}),
        step('e0', 'elevation'),
        target === 'z2' ? zonalFrom('z2', fields.z2 ?? {}) : step(target, 'elevation', fields[target]),
      ];
      expect(plan(steps).at(-1)?.bindings).toHaveLength(1);
    });

    it('should take a table from features, and refuse features from a table (it has no geometry)', () => {
      const zonal = zonalFrom('z', {});
      const table = plan([step('e0', 'elevation'), zonalFrom('t', { inTableFrom: ref('e0', 'Output_Points') })]).at(-1);
      expect(table?.bindings.map((b) => b.input)).toContain('In_Table');
      expect(refusal([zonal, step('e', 'elevation', { pointsFrom: ref('z', 'Out_Table') })])).toEqual({
        message: expect.stringContaining('is GPRecordSet, the input Points takes GPFeatureRecordSetLayer'),
        parameter: 'steps[1].elevation.pointsFrom',
      });
    });

    it('should take a long from a double', () => {
      expect(plan([step('e0', 'elevation'), step('e', 'elevation', { bandCountFrom: ref('e0', 'Mean') })])[1]?.bindings).toHaveLength(1);
    });

    it.each([
      ['a string from a double', { labelFrom: ref('e0', 'Mean') }, "Mean of step 'e0' is GPDouble, the input Label takes GPString"],
      [
        'features from a file',
        { pointsFrom: ref('e0', 'Output_Raster') },
        'is GPRasterDataLayer, the input Points takes GPFeatureRecordSetLayer',
      ],
      ['a value from features', { ratioFrom: ref('e0', 'Output_Points') }, 'is GPFeatureRecordSetLayer, the input Ratio takes GPDouble'],
    ])('should refuse %s', (_what, fields, message) => {
      const field = Object.keys(fields)[0];
      expect(refusal([step('e0', 'elevation'), step('e', 'elevation', fields)])).toEqual({
        message: expect.stringContaining(message),
        parameter: `steps[1].elevation.${field}`,
      });
    });
  });

  describe('hand-over mode and spatial reference', () => {
    const bindingOf = (steps: readonly WorkflowStepArgs[], options?: WorkflowPlanOptions) => plan(steps, options).at(-1)?.bindings[0];

    it.each([
      [
        'features of a job, to another origin by VALUE',
        [step('e0', 'elevation'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: ref('e0', 'Output_Points') })],
        {},
        'VALUE',
      ],
      [
        'features of a job, from another origin by VALUE',
        [step('e', 'elevation'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: ref('e', 'Output_Points') })],
        {},
        'VALUE',
      ],
      [
        'features of a job, from another origin listed by REFERENCE',
        [step('e', 'elevation'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: ref('e', 'Output_Points') })],
        { referenceOrigins: ['https://b.example.com/'] },
        'REFERENCE',
      ],
      [
        'features of a job, same origin by REFERENCE',
        [step('e', 'elevation'), step('f', 'elevation', { pointsFrom: ref('e', 'Output_Points') })],
        {},
        'REFERENCE',
      ],
      [
        'features of a synchronous answer by VALUE',
        [bufferStep('b'), zonalFrom('z', { inZoneFeatures: null, inZoneFeaturesFrom: ref('b', 'Output_Polygons') })],
        {},
        'VALUE',
      ],
      [
        'a file of a synchronous answer, same origin by REFERENCE',
        [
          step('t', 'tableToPoints', { inputTable: { url: `${B}/x.csv` } }),
          step('u', 'tableToPoints', { inputTableFrom: ref('t', 'Output_File') }),
        ],
        {},
        'REFERENCE',
      ],
      [
        'a file, other origin by VALUE',
        [step('e', 'elevation'), zonalFrom('z', { inValueRaster: null, inValueRasterFrom: ref('e', 'Output_Raster') })],
        {},
        'VALUE',
      ],
      [
        'a file, other origin listed by REFERENCE',
        [step('e', 'elevation'), zonalFrom('z', { inValueRaster: null, inValueRasterFrom: ref('e', 'Output_Raster') })],
        { referenceOrigins: ['https://b.example.com'] },
        'REFERENCE',
      ],
      ['a value, same origin by VALUE', [step('e', 'elevation'), step('f', 'elevation', { ratioFrom: ref('e', 'Mean') })], {}, 'VALUE'],
    ])('should hand over %s', (_what, steps, options, mode) => {
      expect(bindingOf(steps, options)?.mode).toBe(mode);
    });

    it.each([
      ['wkid of the published default', 'inZoneFeaturesFrom', 'Output_Polygons', 102100],
      ['latestWkid when it has no wkid', 'inTableFrom', 'Output_Polygons', 4326],
    ])('should fetch features in the %s', (_what, field, output, outSR) => {
      expect(
        bindingOf([
          bufferStep('b'),
          zonalFrom('z', { inZoneFeatures: field === 'inZoneFeaturesFrom' ? null : POINTS, [field]: ref('b', output) }),
        ])?.outSR,
      ).toBe(outSR);
    });

    it('should leave the spatial reference alone without a published one, and for other kinds', () => {
      expect(bindingOf([step('e', 'elevation'), step('f', 'elevation', { pointsFrom: ref('e', 'Output_Points') })])).not.toHaveProperty(
        'outSR',
      );
      expect(
        bindingOf([step('e', 'elevation'), zonalFrom('z', { inValueRaster: null, inValueRasterFrom: ref('e', 'Output_Raster') })]),
      ).not.toHaveProperty('outSR');
    });
  });

  describe('literals', () => {
    it('should convert them as run<Task> does, options included, by the service version', () => {
      const [zonal, elevation] = plan([
        zonalFrom('z', { zoneField: 'NAME' }),
        step('e', 'elevation', { bandCount: 3, label: null }, { options: { outSR: 3857, returnZ: true } }),
      ]);
      expect(zonal?.params).toEqual({
        In_Zone_Features: toFeatureSet(POINTS, 'In_Zone_Features'),
        In_Value_Raster: { url: RASTER.url, format: 'tif' },
        Zone_Field: 'NAME',
      });
      expect(elevation?.params).toEqual({ Band_Count: '3', 'env:outSR': '3857', returnZ: 'true' });
      const elevationSpec = CATALOG.get('elevation');
      if (!elevationSpec) throw new Error('no elevation task');
      expect(elevation?.params).toEqual(
        toRestParams(elevationSpec.inputs, { input: { bandCount: 3 }, options: { outSR: 3857, returnZ: true } }, undefined),
      );
    });

    it('should send the context parameter to a service that reads it', () => {
      expect(plan([step('b', 'buffer', { inputFeatures: POINTS }, { options: { outSR: 3857 } })])[0]?.params).toMatchObject({
        context: JSON.stringify({ outSR: { wkid: 3857 } }),
      });
    });

    it.each([
      ['a bad feature set', step('b', 'buffer', { inputFeatures: { esriJson: 1, geoJson: 2 } }), 'steps[0].buffer.inputFeatures'],
      [
        'a url the GPServer may not read',
        step('b', 'buffer', { inputFeatures: POINTS, distance: { url: 'http://169.254.169.254/' } }),
        'steps[0].buffer.distance',
      ],
      [
        'bad options',
        step('b', 'buffer', { inputFeatures: POINTS }, { options: { outSR: 1, outSpatialReference: { wkid: 2 } } }),
        'steps[0].options',
      ],
    ])('should refuse %s, naming the step', (_what, bad, parameter) => {
      expect(refusal([bad])).toEqual({ message: expect.stringMatching(/^steps\[0\] \('b'\): /), parameter });
    });
  });
});

describe('submitWithStagedUploads', () => {
  const file = (text: string) => new File([text], `${text}.csv`);

  /** Upload items recorded by service; `failOn` refuses the upload of that file's name. */
  function recordingUploads(failOn?: string) {
    const live = new Map<string, string>();
    let next = 0;
    const uploads: UploadItems = {
      upload: (serviceUrl, upload) => {
        const name = upload instanceof File ? upload.name : 'blob';
        if (name === failOn) return Promise.reject(new GatewayError('UPSTREAM_UNREACHABLE', 'down'));
        const itemId = `i${++next}`;
        live.set(itemId, serviceUrl);
        return Promise.resolve({ itemId, itemName: name, description: null, date: null, committed: true });
      },
      remove: (_serviceUrl, itemId) => {
        live.delete(itemId);
        return Promise.resolve();
      },
    };
    return { uploads, live };
  }

  const access = { credential: GATEWAY_CREDENTIAL };
  const steps = [
    step('t', 'tableToPoints', { inputTable: { upload: file('a') } }),
    zonalFrom('z', { inValueRaster: { upload: file('b') } }),
  ];

  it("should upload each step's files to its own service and plan their item ids", async () => {
    const { uploads, live } = recordingUploads();
    const plans = await submitWithStagedUploads(uploads, checkWorkflow(steps, CATALOG), access, (p) => Promise.resolve(p));
    expect(plans.map((p) => p.params)).toEqual([
      { Input_Table: { itemID: 'i1' } },
      expect.objectContaining({ In_Value_Raster: { itemID: 'i2' } }),
    ]);
    expect([...live.values()]).toEqual([`${B}/TableToPoints/GPServer`, `${A}/Zonal/GPServer`]);
  });

  it('should delete every uploaded item when the submit fails', async () => {
    const { uploads, live } = recordingUploads();
    await expect(
      submitWithStagedUploads(uploads, checkWorkflow(steps, CATALOG), access, () => Promise.reject(new Error('store down'))),
    ).rejects.toThrow('store down');
    expect(live.size).toBe(0);
  });

  it("should delete the earlier steps' items when a later upload fails", async () => {
    const { uploads, live } = recordingUploads('b.csv');
    await expect(submitWithStagedUploads(uploads, checkWorkflow(steps, CATALOG), access, (p) => Promise.resolve(p))).rejects.toThrow(
      'down',
    );
    expect(live.size).toBe(0);
  });
});
