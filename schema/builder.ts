import SchemaBuilder from '@pothos/core';
import type { Uploadable } from '../core/files/disk-file.js';
import type { GatewayContext } from './context.js';
import { DateTimeScalar, JsonScalar, LongScalar, UploadScalar, type LongValue } from './scalars.js';

/** The Pothos type universe of the generated schema: four custom scalars and the request context. */
export interface GatewayTypes {
  Scalars: {
    JSON: { Input: unknown; Output: unknown };
    Long: { Input: LongValue; Output: LongValue | string };
    DateTime: { Input: Date; Output: Date | string | number };
    Upload: { Input: Uploadable; Output: never };
  };
  Context: GatewayContext;
}

export type Builder = PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<GatewayTypes>>;
export type Types = PothosSchemaTypes.ExtendDefaultTypes<GatewayTypes>;

/** A fresh builder per schema: a re-introspected catalog builds a new schema beside the old one. */
export function createBuilder(): Builder {
  const builder = new SchemaBuilder<GatewayTypes>({});
  builder.addScalarType('JSON', JsonScalar);
  builder.addScalarType('Long', LongScalar);
  builder.addScalarType('DateTime', DateTimeScalar);
  builder.addScalarType('Upload', UploadScalar);
  return builder;
}
