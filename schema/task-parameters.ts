import type { CatalogParameter } from '../core/catalog.js';
import type { Builder } from './builder.js';
import { describePublishedDefault } from './default-values.js';
import { mapDataType, parameterTypeName, type TypeMapping } from './data-types.js';
import { uniqueFieldNames } from './naming.js';
import type { SharedTypes } from './shared-types.js';
import type { ParameterView } from './types/catalog-types.js';

export interface MappedParam {
  readonly param: CatalogParameter;
  readonly field: string;
  readonly mapping: TypeMapping;
}

/** Whether the server has a default to apply when the input is omitted (see default-values.ts). */
export function hasPublishedDefault(param: CatalogParameter, mapping: TypeMapping): boolean {
  return param.direction === 'input' && param.defaultValue !== undefined && mapping.isDefaultValue(param.defaultValue);
}

/** A field description: display name, description, where the field comes from and its published default. */
export function describeParameter(param: CatalogParameter, mapping: TypeMapping): string {
  const text = [param.displayName !== param.name ? param.displayName : '', param.description].filter((s) => s !== '').join('. ');
  const origin = `GP parameter \`${param.name}\` (${param.dataType}, ${param.requirement}).`;
  const published = hasPublishedDefault(param, mapping) ? describePublishedDefault(param.defaultValue) : '';
  return [text, origin, published, mapping.note ?? ''].filter((s) => s !== '').join(' ');
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
        inputs.map(({ param, field, mapping }) => [
          field,
          t.field({
            type: mapping.input,
            // A required parameter the server has a default for may be omitted: the server applies it.
            required: param.requirement === 'required' && !hasPublishedDefault(param, mapping),
            description: describeParameter(param, mapping),
            extensions: { gpName: param.name, gpDataType: param.dataType },
          }),
        ]),
      ),
  });
}
