import type { GeometryType } from '../../geo/esri-json.js';
import type { GpDataType, ParameterDefinition, ParameterInfo } from '../model/gp-parameter.js';

export interface ParameterOptions {
  readonly displayName: string;
  readonly description: string;
  /** Groups parameters in ArcGIS clients; '' for none. */
  readonly category?: string;
  readonly choiceList?: readonly string[];
  /** Columns of a GPValueTable, or the accepted member types of a GPComposite. */
  readonly parameterInfos?: readonly ParameterInfo[];
  readonly geometryType?: GeometryType;
}

export interface InputOptions extends ParameterOptions {
  /** Optional unless said otherwise, matching ArcGIS where most tool parameters are optional. */
  readonly required?: boolean;
  readonly defaultValue?: unknown;
}

function definition(
  name: string,
  dataType: GpDataType,
  options: ParameterOptions,
): Omit<ParameterDefinition, 'direction' | 'parameterType'> {
  return {
    name,
    dataType,
    displayName: options.displayName,
    description: options.description,
    category: options.category ?? '',
    ...(options.choiceList === undefined ? {} : { choiceList: options.choiceList }),
    ...(options.parameterInfos === undefined ? {} : { parameterInfos: options.parameterInfos }),
    ...(options.geometryType === undefined ? {} : { geometryType: options.geometryType }),
  };
}

/** An input parameter (esriGPParameterDirectionInput), required or optional. */
export function input(name: string, dataType: GpDataType, options: InputOptions): ParameterDefinition {
  return {
    ...definition(name, dataType, options),
    direction: 'esriGPParameterDirectionInput',
    parameterType: options.required === true ? 'esriGPParameterTypeRequired' : 'esriGPParameterTypeOptional',
    ...(options.defaultValue === undefined ? {} : { defaultValue: options.defaultValue }),
  };
}

/** An output parameter; GP task outputs are always derived (the tool computes them). */
export function output(name: string, dataType: GpDataType, options: ParameterOptions): ParameterDefinition {
  return {
    ...definition(name, dataType, options),
    direction: 'esriGPParameterDirectionOutput',
    parameterType: 'esriGPParameterTypeDerived',
  };
}
