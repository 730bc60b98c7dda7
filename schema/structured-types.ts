import type { InputTypeParam } from '@pothos/core';
import type { Types } from './builder.js';
import type { MappedParameter, MappingContext, TypeMapping } from './data-types.js';
import { fieldName, typePrefix, uniqueFieldNames } from './naming.js';
import { GatewayError } from '../core/errors/gateway-error.js';

type MapDataType = (param: MappedParameter, ctx: MappingContext) => TypeMapping;

interface StructuredInput {
  readonly input: InputTypeParam<Types>;
  readonly toGp: (value: unknown, parameter: string) => unknown;
}

/**
 * GPValueTable → a list of row input objects, one field per column (from `parameterInfos`);
 * a row goes upstream as an array in column order. Without column metadata: undefined (JSON).
 */
export function valueTableRowInput(param: MappedParameter, ctx: MappingContext, map: MapDataType): StructuredInput | undefined {
  const columns = param.parameterInfos ?? [];
  if (columns.length === 0) return undefined;
  const names = uniqueFieldNames(columns.map((c) => c.name));
  const mappings = columns.map((c, i) => map(c, { ...ctx, typeName: `${ctx.typeName}${typePrefix(names[i] ?? c.name)}` }));
  const row = ctx.builder.inputType(`${ctx.typeName}Row`, {
    description: `A row of ${param.name}.`,
    fields: (t) =>
      Object.fromEntries(
        columns.map((c, i) => [
          names[i] ?? fieldName(c.name),
          t.field({ type: mappings[i]?.input ?? 'JSON', description: `Column ${c.name} (${c.dataType}).` }),
        ]),
      ),
  });
  return {
    input: row,
    toGp: (value, parameter) =>
      Array.isArray(value)
        ? value.map((r: Record<string, unknown>) =>
            columns.map((_c, i) => {
              const cell = r[names[i] ?? ''];
              return cell == null ? null : mappings[i]?.toGp(cell, parameter);
            }),
          )
        : value,
  };
}

/**
 * GPComposite → a `@oneOf` input with one field per accepted member type
 * (`long`, `linearUnit`, …): exactly one is given and sent as that type's value.
 */
export function compositeInput(param: MappedParameter, ctx: MappingContext, map: MapDataType): StructuredInput | undefined {
  const members = param.parameterInfos ?? [];
  if (members.length === 0) return undefined;
  const names = uniqueFieldNames(members.map((m) => m.dataType.replace(/^GP/, '').replace(/^MultiValue:GP/, 'list_')));
  const mappings = members.map((m, i) => map(m, { ...ctx, typeName: `${ctx.typeName}${typePrefix(names[i] ?? m.dataType)}` }));
  const oneOf = ctx.builder.inputType(`${ctx.typeName}Value`, {
    description: `A value of ${param.name}: exactly one of its accepted types (${members.map((m) => m.dataType).join(', ')}).`,
    isOneOf: true,
    fields: (t) =>
      Object.fromEntries(
        members.map((m, i) => [names[i] ?? m.dataType, t.field({ type: mappings[i]?.input ?? 'JSON', description: m.dataType })]),
      ),
  });
  return {
    input: oneOf,
    toGp: (value, parameter) => {
      const record = value as Record<string, unknown>;
      const index = names.findIndex((n) => record[n] != null);
      const mapping = mappings[index];
      if (!mapping) throw new GatewayError('INVALID_INPUT', `${parameter}: exactly one member must be given.`, { parameter });
      return mapping.toGp(record[names[index] ?? ''], parameter);
    },
  };
}
