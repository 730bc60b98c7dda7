import { describe, expect, it } from 'vitest';
import {
  converterBetween,
  metersPerCoordinateUnit,
  resolveSpatialReference,
  SpatialReferenceError,
  WGS84,
} from '../../geo/spatial-reference.js';

const GEOGCS_WGS84 =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

describe('resolveSpatialReference', () => {
  it('treats undefined as WGS84', () => {
    const resolved = resolveSpatialReference(undefined);
    expect(resolved.json).toEqual(WGS84);
    expect(resolved.isGeographic).toBe(true);
    expect(resolved.key).toBe(resolveSpatialReference({ wkid: 4326 }).key);
  });

  it('gives all Web Mercator aliases one key and the ArcGIS canonical JSON', () => {
    const keys = [3857, 102100, 102113, 900913].map((wkid) => resolveSpatialReference({ wkid }));
    for (const resolved of keys) {
      expect(resolved.key).toBe(keys[0]?.key);
      expect(resolved.json).toEqual({ wkid: 102100, latestWkid: 3857 });
      expect(resolved.isGeographic).toBe(false);
    }
  });

  it('falls back to latestWkid when the wkid is unknown', () => {
    expect(resolveSpatialReference({ wkid: 999_999, latestWkid: 3857 }).key).toBe(resolveSpatialReference({ wkid: 3857 }).key);
  });

  it('generates UTM zones on WGS84', () => {
    expect(resolveSpatialReference({ wkid: 32633 }).definition).toContain('+zone=33 ');
    expect(resolveSpatialReference({ wkid: 32633 }).definition).not.toContain('+south');
    expect(resolveSpatialReference({ wkid: 32760 }).definition).toContain('+zone=60 +south');
  });

  it('takes any other EPSG or Esri id from the published definitions', () => {
    // UPS North: EPSG, outside the UTM formula.
    expect(resolveSpatialReference({ wkid: 32661 }).definition).toContain('+proj=stere');
    // State Plane California V in US feet, British National Grid with its Helmert datum shift, Swiss LV95.
    expect(resolveSpatialReference({ wkid: 2229 }).definition).toContain('+units=us-ft');
    expect(resolveSpatialReference({ wkid: 27700 }).definition).toContain('+towgs84=446.448');
    expect(resolveSpatialReference({ wkid: 2056 }).definition).toContain('+proj=somerc');
    // Esri-only ids come as the projection engine's WKT.
    const esriOnly = resolveSpatialReference({ wkid: 102008 });
    expect(esriOnly.definition).toMatch(/^PROJCS\["North_America_Albers_Equal_Area_Conic"/);
    expect(esriOnly.isGeographic).toBe(false);
    // An Esri id of an EPSG system takes the EPSG definition (with its datum shift) and names latestWkid.
    const esriOfEpsg = resolveSpatialReference({ wkid: 102719 });
    expect(esriOfEpsg.json).toEqual({ wkid: 102719, latestWkid: 2264 });
    expect(esriOfEpsg.key).toBe(resolveSpatialReference({ wkid: 2264 }).key);
    expect(resolveSpatialReference({ wkid: 4283 }).isGeographic).toBe(true);
  });

  it('knows NAD83 and World Miller', () => {
    expect(resolveSpatialReference({ wkid: 4269 }).isGeographic).toBe(true);
    expect(resolveSpatialReference({ wkid: 54003 }).definition).toContain('+proj=mill');
  });

  it('accepts parseable WKT and rejects garbage', () => {
    const resolved = resolveSpatialReference({ wkt: GEOGCS_WGS84 });
    expect(resolved.isGeographic).toBe(true);
    expect(resolved.json).toEqual({ wkt: GEOGCS_WGS84 });
    expect(() => resolveSpatialReference({ wkt: 'not a wkt' })).toThrow(/wkt/);
    expect(() => resolveSpatialReference({ wkt: 'not a wkt' })).toThrow(SpatialReferenceError);
  });

  it('names the unknown wkid', () => {
    let caught: unknown;
    try {
      resolveSpatialReference({ wkid: 12_345_678 });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SpatialReferenceError);
    expect((caught as Error).name).toBe('SpatialReferenceError');
    expect((caught as Error).message).toContain('12345678');
    expect(caught).toMatchObject({ kind: 'unsupported', wkid: 12_345_678 });
    expect(() => resolveSpatialReference({})).toThrow(SpatialReferenceError);
  });

  it('caches converters and reads coordinate units', () => {
    const a = resolveSpatialReference({ wkid: 4326 });
    const b = resolveSpatialReference({ wkid: 3857 });
    expect(converterBetween(a, b)).toBe(converterBetween(a, b));
    expect(metersPerCoordinateUnit(b)).toBe(1);
    const feet = resolveSpatialReference({
      wkt: 'PROJCS["CA_V_Feet",GEOGCS["GCS_North_American_1983",DATUM["D_North_American_1983",SPHEROID["GRS_1980",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Lambert_Conformal_Conic"],PARAMETER["False_Easting",6561666.666666666],PARAMETER["False_Northing",1640416.666666667],PARAMETER["Central_Meridian",-118.0],PARAMETER["Standard_Parallel_1",34.03333333333333],PARAMETER["Standard_Parallel_2",35.46666666666667],PARAMETER["Latitude_Of_Origin",33.5],UNIT["Foot_US",0.3048006096012192]]',
    });
    expect(feet.isGeographic).toBe(false);
    expect(metersPerCoordinateUnit(feet)).toBeCloseTo(0.3048006096, 9);
  });
});
