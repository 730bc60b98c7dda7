import type { GpDataType, ParameterDefinition } from '../../../gpserver/model/gp-parameter.js';

/** An optional input parameter named after its type, e.g. `P_GPLong` displayed as "GPLong value". */
export function param(dataType: GpDataType, extra: Partial<ParameterDefinition> = {}): ParameterDefinition {
  const suffix = dataType.replace('GPMultiValue:', 'Multi_');
  return {
    name: `P_${suffix}`,
    dataType,
    displayName: `${suffix} value`,
    description: '',
    direction: 'esriGPParameterDirectionInput',
    parameterType: 'esriGPParameterTypeOptional',
    category: '',
    ...extra,
  };
}
