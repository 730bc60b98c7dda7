import { FIELD_TYPES, type Field, type FieldType } from '../../geo/esri-json.js';
import { describe, isRecord } from './value-parser.js';

function isFieldType(value: unknown): value is FieldType {
  return FIELD_TYPES.some((type) => type === value);
}

/** A field description, as GPField values and FeatureSet `fields` entries both spell it. */
export function parseField(value: unknown, fail: (detail: string) => never): Field {
  if (!isRecord(value)) return fail(`expected a field {name, type, alias}, got ${describe(value)}`);
  const { name, type, alias, length } = value;
  if (typeof name !== 'string' || name.trim() === '') return fail('a field needs a non-empty name');
  if (!isFieldType(type)) return fail(`field '${name}': type ${describe(type)} is not one of ${FIELD_TYPES.join(', ')}`);
  if (alias !== undefined && alias !== null && typeof alias !== 'string') {
    return fail(`field '${name}': alias must be a string, got ${describe(alias)}`);
  }
  if (length !== undefined && length !== null && !(typeof length === 'number' && Number.isSafeInteger(length) && length > 0)) {
    return fail(`field '${name}': length must be a positive integer, got ${describe(length)}`);
  }
  return {
    name,
    type,
    ...(typeof alias === 'string' ? { alias } : {}),
    ...(typeof length === 'number' ? { length } : {}),
  };
}
