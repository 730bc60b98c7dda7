/**
 * Service and task metadata as the GP service and GP task resources publish it
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-service.htm, …/gp-task.htm).
 */

export type ExecutionType = 'esriExecutionTypeAsynchronous' | 'esriExecutionTypeSynchronous';

/** One parameter exactly as a task resource lists it; extra keys (choiceList, parameterInfos…) pass through. */
export type GpParameterJson = Readonly<Record<string, unknown>> & {
  readonly name: string;
  readonly dataType: string;
  readonly direction: string;
};

export interface ScriptedTask {
  readonly name: string;
  readonly parameters: readonly GpParameterJson[];
  /** Output values by parameter name, served by `execute` and `jobs/<id>/results/<param>`; absent ones are null. */
  readonly values?: Readonly<Record<string, unknown>>;
}

export interface ScriptedService {
  /** `<Folder>/<Service>` (or a root-level `<Service>`), as it appears in the URL. */
  readonly name: string;
  readonly executionType: ExecutionType;
  readonly tasks: readonly ScriptedTask[];
  /** The `currentVersion` it reports; 11.3 by default. */
  readonly currentVersion?: number;
}

export function gpParameter(
  name: string,
  dataType: string,
  direction: 'Input' | 'Output',
  required = false,
  extra: Readonly<Record<string, unknown>> = {},
): GpParameterJson {
  return {
    name,
    dataType,
    displayName: name,
    description: '',
    direction: `esriGPParameterDirection${direction}`,
    defaultValue: null,
    parameterType:
      direction === 'Output' ? 'esriGPParameterTypeDerived' : required ? 'esriGPParameterTypeRequired' : 'esriGPParameterTypeOptional',
    category: '',
    ...extra,
  };
}

export const ASYNC_SERVICE = 'Jobs/Scripted';
export const SYNC_SERVICE = 'Metadata/Sync';

/** What `Process` answers for `Features`: one point in WGS84. */
export const SAMPLE_FEATURES = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  fields: [{ name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' }],
  features: [{ attributes: { OBJECTID: 1 }, geometry: { x: 10, y: 20 } }],
  exceededTransferLimit: false,
} as const;

const FEATURE_SCHEMA = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  fields: SAMPLE_FEATURES.fields,
  features: [],
};

export function defaultServices(): ScriptedService[] {
  return [
    {
      name: ASYNC_SERVICE,
      executionType: 'esriExecutionTypeAsynchronous',
      tasks: [
        {
          name: 'Process',
          parameters: [
            gpParameter('Text', 'GPString', 'Input', true),
            gpParameter('Count', 'GPLong', 'Input', false, { defaultValue: 1 }),
            gpParameter('Summary', 'GPString', 'Output'),
            gpParameter('Features', 'GPFeatureRecordSetLayer', 'Output', false, { defaultValue: FEATURE_SCHEMA }),
          ],
          values: { Summary: 'processed', Features: SAMPLE_FEATURES },
        },
      ],
    },
    {
      name: SYNC_SERVICE,
      executionType: 'esriExecutionTypeSynchronous',
      tasks: [
        {
          name: 'Echo',
          parameters: [gpParameter('Text', 'GPString', 'Input', true), gpParameter('Out', 'GPString', 'Output')],
          values: { Out: 'done' },
        },
      ],
    },
  ];
}

export function describeService(service: ScriptedService): object {
  return {
    currentVersion: service.currentVersion ?? 11.3,
    serviceDescription: '',
    tasks: service.tasks.map((t) => t.name),
    executionType: service.executionType,
    resultMapServerName: '',
    maximumRecords: 1000,
    capabilities: 'Uploads',
  };
}

export function describeTask(service: ScriptedService, task: ScriptedTask): object {
  return {
    name: task.name,
    displayName: task.name,
    description: '',
    category: '',
    helpUrl: '',
    executionType: service.executionType,
    parameters: task.parameters,
  };
}

export const isOutput = (p: GpParameterJson): boolean => p.direction === 'esriGPParameterDirectionOutput';
