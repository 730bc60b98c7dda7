import { AREAL_UNITS, LINEAR_UNITS, type ArealUnit, type LinearUnit } from '../../geo/esri-json.js';
import type { Builder } from '../builder.js';
import { esriEnumValues } from '../enum-from-esri.js';

/** GPLinearUnit and GPArealUnit as input objects with unit enums, and their output twins. */
export function addUnitTypes(builder: Builder) {
  const linearUnit = builder.enumType('LinearUnit', {
    description: 'Units of a GPLinearUnit (esriMeters → METERS, …).',
    values: esriEnumValues(LINEAR_UNITS, 'esri'),
  });
  const arealUnit = builder.enumType('ArealUnit', {
    description: 'Units of a GPArealUnit (esriSquareKilometers → SQUARE_KILOMETERS, …).',
    values: esriEnumValues(AREAL_UNITS, 'esri'),
  });
  const linearUnitInput = builder.inputType('LinearUnitInput', {
    description: 'A distance with its unit (GPLinearUnit).',
    fields: (t) => ({
      distance: t.float({ required: true }),
      units: t.field({ type: linearUnit, required: true }),
    }),
  });
  const arealUnitInput = builder.inputType('ArealUnitInput', {
    description: 'An area with its unit (GPArealUnit).',
    fields: (t) => ({
      area: t.float({ required: true }),
      units: t.field({ type: arealUnit, required: true }),
    }),
  });
  const linearUnitValue = builder.objectRef<LinearUnit>('LinearUnitValue').implement({
    description: 'A distance with its unit (GPLinearUnit).',
    fields: (t) => ({
      distance: t.exposeFloat('distance', { nullable: false }),
      units: t.field({ type: linearUnit, nullable: false, resolve: (v) => v.units }),
    }),
  });
  const arealUnitValue = builder.objectRef<ArealUnit>('ArealUnitValue').implement({
    description: 'An area with its unit (GPArealUnit).',
    fields: (t) => ({
      area: t.exposeFloat('area', { nullable: false }),
      units: t.field({ type: arealUnit, nullable: false, resolve: (v) => v.units }),
    }),
  });
  return { linearUnit, arealUnit, linearUnitInput, arealUnitInput, linearUnitValue, arealUnitValue };
}
