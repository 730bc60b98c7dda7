import { AREAL_UNITS, LINEAR_UNITS } from '../../geo/esri-json.js';
import { describe, isRecord, type TypeParser } from './value-parser.js';

function unitParser(amountKey: 'distance' | 'area', units: readonly string[]): TypeParser {
  const expected = `expected {${amountKey}, units} with units one of ${units.join(', ')}`;
  return {
    encoding: 'json',
    parse(value, context) {
      if (!isRecord(value)) return context.fail(`${expected}; got ${describe(value)}`);
      const amount = value[amountKey];
      if (typeof amount !== 'number' || !Number.isFinite(amount)) {
        return context.fail(`${expected}; ${amountKey} must be a finite number, got ${describe(amount)}`);
      }
      const unit = value.units;
      if (typeof unit !== 'string' || !units.includes(unit)) {
        return context.fail(`${expected}; got units ${describe(unit)}`);
      }
      return { [amountKey]: amount, units: unit };
    },
  };
}

export const linearUnitParser = unitParser('distance', LINEAR_UNITS);
export const arealUnitParser = unitParser('area', AREAL_UNITS);
