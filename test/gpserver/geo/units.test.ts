import { describe, expect, it } from 'vitest';
import {
  arealUnitToSquareMeters,
  linearUnitToMeters,
  metersPerDegreeOfLatitude,
  metersToLinearUnit,
  squareMetersToArealUnit,
  UnitConversionError,
  unitDisplayName,
} from '../../../gpserver/geo/units.js';

describe('linear units', () => {
  it.each([
    ['esriInches', 0.0254],
    ['esriPoints', 0.0254 / 72],
    ['esriFeet', 0.3048],
    ['esriYards', 0.9144],
    ['esriMiles', 1609.344],
    ['esriNauticalMiles', 1852],
    ['esriMillimeters', 0.001],
    ['esriCentimeters', 0.01],
    ['esriDecimeters', 0.1],
    ['esriMeters', 1],
    ['esriKilometers', 1000],
  ] as const)('%s is %f m', (units, factor) => {
    expect(linearUnitToMeters({ distance: 1, units })).toBe(factor);
    expect(metersToLinearUnit(factor * 3, units)).toBeCloseTo(3, 12);
  });

  it('converts degrees by the length of a degree of latitude', () => {
    expect(metersPerDegreeOfLatitude(0)).toBeCloseTo(110_574.3, 0);
    expect(metersPerDegreeOfLatitude(90)).toBeCloseTo(111_694.0, 0);
    expect(linearUnitToMeters({ distance: 2, units: 'esriDecimalDegrees' }, 0)).toBeCloseTo(2 * 110_574.3, 0);
    expect(linearUnitToMeters({ distance: 1, units: 'esriDecimalDegrees' })).toBeCloseTo(111_132, -1);
    expect(metersToLinearUnit(110_574.3, 'esriDecimalDegrees', 0)).toBeCloseTo(1, 5);
  });

  it('rejects unknown units', () => {
    expect(() => linearUnitToMeters({ distance: 1, units: 'esriUnknownUnits' })).toThrow(UnitConversionError);
  });
});

describe('areal units', () => {
  it.each([
    ['esriSquareInches', 0.00064516],
    ['esriSquareFeet', 0.09290304],
    ['esriSquareYards', 0.83612736],
    ['esriAcres', 4046.8564224],
    ['esriSquareMiles', 2_589_988.110336],
    ['esriSquareMillimeters', 1e-6],
    ['esriSquareCentimeters', 1e-4],
    ['esriSquareDecimeters', 1e-2],
    ['esriSquareMeters', 1],
    ['esriAres', 100],
    ['esriHectares', 10_000],
    ['esriSquareKilometers', 1e6],
  ] as const)('%s is %f m²', (units, factor) => {
    expect(arealUnitToSquareMeters({ area: 1, units })).toBeCloseTo(factor, 9);
    expect(squareMetersToArealUnit(factor * 5, units)).toBeCloseTo(5, 9);
  });

  it('has 640 acres to the square mile', () => {
    expect(arealUnitToSquareMeters({ area: 640, units: 'esriAcres' })).toBeCloseTo(
      arealUnitToSquareMeters({ area: 1, units: 'esriSquareMiles' }),
      6,
    );
  });

  it('rejects unknown area units', () => {
    expect(() => arealUnitToSquareMeters({ area: 1, units: 'esriUnknownAreaUnits' })).toThrow(UnitConversionError);
  });
});

describe('unitDisplayName', () => {
  it('drops the esri prefix as ArcGIS messages do', () => {
    expect(unitDisplayName('esriMeters')).toBe('Meters');
    expect(unitDisplayName('esriSquareKilometers')).toBe('SquareKilometers');
  });
});
