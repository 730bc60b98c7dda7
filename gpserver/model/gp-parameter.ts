/**
 * Task and parameter metadata as the GP task resource publishes it
 * (https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm).
 */

export const GP_DATA_TYPES = [
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
  'GPRasterData',
  'GPRasterDataLayer',
  'GPField',
  'GPSpatialReference',
  'GPEnvelope',
  'GPExtent',
  'GPValueTable',
  'GPComposite',
] as const;

/** A scalar GP data type, or `GPMultiValue:<member>` (a list of the member type). */
export type GpScalarDataType = (typeof GP_DATA_TYPES)[number];
export type GpDataType = GpScalarDataType | `GPMultiValue:${GpScalarDataType}`;

/** The types whose values are files: `{url}` or `{itemID}` (and a raster's `format`). */
export function isFileDataType(dataType: GpDataType): boolean {
  return dataType === 'GPDataFile' || dataType === 'GPRasterData' || dataType === 'GPRasterDataLayer';
}

export type ParameterDirection = 'esriGPParameterDirectionInput' | 'esriGPParameterDirectionOutput';
export type ParameterType = 'esriGPParameterTypeRequired' | 'esriGPParameterTypeOptional' | 'esriGPParameterTypeDerived';

/** Column or member description of GPValueTable / GPComposite parameters. */
export interface ParameterInfo {
  readonly name: string;
  readonly dataType: GpDataType;
  readonly displayName?: string;
  readonly choiceList?: readonly string[];
}

export interface ParameterDefinition {
  readonly name: string;
  readonly dataType: GpDataType;
  readonly displayName: string;
  readonly description: string;
  readonly direction: ParameterDirection;
  readonly defaultValue?: unknown;
  readonly parameterType: ParameterType;
  readonly category: string;
  readonly choiceList?: readonly string[];
  /** For GPValueTable (columns) and GPComposite (accepted member types). */
  readonly parameterInfos?: readonly ParameterInfo[];
  /** For GPFeatureRecordSetLayer inputs: the geometry type the tool accepts. */
  readonly geometryType?: string;
}

export type ExecutionType = 'esriExecutionTypeSynchronous' | 'esriExecutionTypeAsynchronous';
