import type { ArealUnit, ArealUnitName, LinearUnit, LinearUnitName } from '../../geo/esri-json.js';

export class UnitConversionError extends Error {
  override readonly name = 'UnitConversionError';
}

/** Exact definitions (international foot and mile, international nautical mile, PostScript point). */
const METERS_PER_UNIT: Readonly<Partial<Record<LinearUnitName, number>>> = {
  esriInches: 0.0254,
  esriPoints: 0.0254 / 72,
  esriFeet: 0.3048,
  esriYards: 0.9144,
  esriMiles: 1609.344,
  esriNauticalMiles: 1852,
  esriMillimeters: 0.001,
  esriCentimeters: 0.01,
  esriDecimeters: 0.1,
  esriMeters: 1,
  esriKilometers: 1000,
};

const SQUARE_METERS_PER_UNIT: Readonly<Partial<Record<ArealUnitName, number>>> = {
  esriSquareInches: 0.0254 ** 2,
  esriSquareFeet: 0.3048 ** 2,
  esriSquareYards: 0.9144 ** 2,
  esriAcres: 4046.8564224,
  esriSquareMiles: 1609.344 ** 2,
  esriSquareMillimeters: 1e-6,
  esriSquareCentimeters: 1e-4,
  esriSquareDecimeters: 1e-2,
  esriSquareMeters: 1,
  esriAres: 100,
  esriHectares: 1e4,
  esriSquareKilometers: 1e6,
};

const WGS84_A = 6378137;
const WGS84_F = 1 / 298.257223563;
const WGS84_E2 = WGS84_F * (2 - WGS84_F);

/**
 * Length of one degree of latitude on the WGS84 ellipsoid (meridional arc). A degree has no
 * fixed length, so the default latitude of 45° gives roughly the mean (≈ 111 132 m).
 */
export function metersPerDegreeOfLatitude(latitude = 45): number {
  const sin = Math.sin((latitude * Math.PI) / 180);
  const meridionalRadius = (WGS84_A * (1 - WGS84_E2)) / (1 - WGS84_E2 * sin * sin) ** 1.5;
  return (meridionalRadius * Math.PI) / 180;
}

/** Length of one degree of longitude on the WGS84 ellipsoid at a latitude (a parallel's arc): 0 at the poles. */
export function metersPerDegreeOfLongitude(latitude: number): number {
  const phi = (latitude * Math.PI) / 180;
  const sin = Math.sin(phi);
  const primeVerticalRadius = WGS84_A / Math.sqrt(1 - WGS84_E2 * sin * sin);
  return (primeVerticalRadius * Math.cos(phi) * Math.PI) / 180;
}

/** Metres in one unit; degrees use the latitude given (see metersPerDegreeOfLatitude). */
export function metersPerLinearUnit(units: LinearUnitName, latitudeForDegrees?: number): number {
  if (units === 'esriDecimalDegrees') return metersPerDegreeOfLatitude(latitudeForDegrees);
  const factor = METERS_PER_UNIT[units];
  if (factor === undefined) throw new UnitConversionError(`Cannot convert a distance in ${units} to meters`);
  return factor;
}

export function linearUnitToMeters(unit: LinearUnit, latitudeForDegrees?: number): number {
  return unit.distance * metersPerLinearUnit(unit.units, latitudeForDegrees);
}

export function metersToLinearUnit(meters: number, units: LinearUnitName, latitudeForDegrees?: number): number {
  return meters / metersPerLinearUnit(units, latitudeForDegrees);
}

export function squareMetersPerArealUnit(units: ArealUnitName): number {
  const factor = SQUARE_METERS_PER_UNIT[units];
  if (factor === undefined) throw new UnitConversionError(`Cannot convert an area in ${units} to square meters`);
  return factor;
}

export function arealUnitToSquareMeters(unit: ArealUnit): number {
  return unit.area * squareMetersPerArealUnit(unit.units);
}

export function squareMetersToArealUnit(squareMeters: number, units: ArealUnitName): number {
  return squareMeters / squareMetersPerArealUnit(units);
}

/** The unit as ArcGIS names it in messages: 'esriNauticalMiles' → 'NauticalMiles'. */
export function unitDisplayName(units: LinearUnitName | ArealUnitName): string {
  return units.replace(/^esri/, '');
}
