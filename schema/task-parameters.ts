import type { CatalogParameter } from '../core/catalog.js';
import type { Builder } from './builder.js';
import { mapDataType, parameterTypeName, type TypeMapping } from './data-types.js';
import { uniqueFieldNames } from './naming.js';
import type { SharedTypes } from './shared-types.js';
import type { ParameterView } from './types/catalog-types.js';

export interface MappedParam {
  readonly param: CatalogParameter;
  readonly field: string;
  readonly mapping: TypeMapping;
}

/** A field description: display name, description, and where the field comes from. */
export function describeParameter(param: CatalogParameter, mapping: TypeMapping): string {
  const text = [param.displayName !== param.name ? param.displayName : '', param.description].filter((s) => s !== '').join('. ');
  // A required parameter with a published default is optional in GraphQL: the default is sent for it.
  const defaulted =
    param.requirement === 'required' && param.defaultValue !== undefined && mapping.graphqlDefault(param.defaultValue) !== undefined;
  const requirement = defaulted ? 'required by the service; its published default is sent when omitted' : param.requirement;
  const origin = `GP parameter \`${param.name}\` (${param.dataType}, ${requirement}).`;
  return [text, origin, mapping.note ?? ''].filter((s) => s !== '').join(' ');
}

export function mapParams(params: readonly CatalogParameter[], builder: Builder, shared: SharedTypes, prefix: string): MappedParam[] {
  const fields = uniqueFieldNames(params.map((p) => p.name));
  return params.map((param, i) => ({
    param,
    field: fields[i] ?? param.name,
    mapping: mapDataType(param, { builder, shared, typeName: parameterTypeName(prefix, param.name), direction: param.direction }),
  }));
}

export function parameterViews(mapped: readonly MappedParam[]): ParameterView[] {
  return mapped.map(({ param, field }) => ({
    name: param.name,
    fieldName: field,
    dataType: param.dataType,
    displayName: param.displayName,
    description: param.description,
    direction: param.direction === 'input' ? 'INPUT' : 'OUTPUT',
    required: param.requirement === 'required',
    choiceList: param.choiceList,
    defaultValue: param.defaultValue,
  }));
}

/** `<Prefix>Input`: one field per input parameter; undefined for a task without inputs. */
export function addInputType(builder: Builder, name: string, description: string, inputs: readonly MappedParam[]) {
  if (inputs.length === 0) return undefined;
  return builder.inputType(name, {
    description,
    fields: (t) =>
      Object.fromEntries(
        inputs.map(({ param, field, mapping }) => {
          const defaultValue = param.defaultValue === undefined ? undefined : mapping.graphqlDefault(param.defaultValue);
          return [
            field,
            t.field({
              type: mapping.input,
              required: param.requirement === 'required',
              description: describeParameter(param, mapping),
              extensions: { gpName: param.name, gpDataType: param.dataType },
              ...(defaultValue === undefined ? {} : { defaultValue: defaultValue }),
            }),
          ];
        }),
      ),
  });
}
