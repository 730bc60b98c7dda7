import { describe, expect, it } from 'vitest';
import { projectFeatureSet, projectGeometry, ProjectionError, stripZM } from '../../geo/project.js';
import type {
  EnvelopeGeometry,
  FeatureSet,
  MultipointGeometry,
  PointGeometry,
  PolygonGeometry,
  PolylineGeometry,
} from '../../geo/esri-json.js';

const MERCATOR = { wkid: 102100, latestWkid: 3857 };

describe('projectGeometry', () => {
  it('projects WGS84 to Web Mercator and back with known values', () => {
    const point = projectGeometry<PointGeometry>({ x: 10, y: 50 }, { wkid: 4326 }, { wkid: 3857 });
    expect(point.x).toBeCloseTo(1_113_194.9079327357, 4);
    expect(point.y).toBeCloseTo(6_446_275.841017158, 4);
    expect(point.spatialReference).toEqual(MERCATOR);
    const edge = projectGeometry<PointGeometry>({ x: 180, y: 0 }, undefined, { wkid: 102100 });
    expect(edge.x).toBeCloseTo(20_037_508.342789244, 4);
    const back = projectGeometry(point, point.spatialReference, { wkid: 4326 });
    expect(back.x).toBeCloseTo(10, 9);
    expect(back.y).toBeCloseTo(50, 9);
    expect(back.spatialReference).toEqual({ wkid: 4326, latestWkid: 4326 });
  });

  it('unprojects a World Miller point near Fresno County', () => {
    const point = projectGeometry<PointGeometry>({ x: -13_308_192.1956127, y: 4_221_903.58555983 }, { wkid: 54003 }, undefined);
    expect(point.x).toBeGreaterThan(-119.7);
    expect(point.x).toBeLessThan(-119.55);
    // PROJ (`+proj=mill +R_A`) gives -119.683313, 36.305542 for this point.
    expect(point.x).toBeCloseTo(-119.683313, 5);
    expect(point.y).toBeCloseTo(36.305542, 5);
    const back = projectGeometry(point, undefined, { wkid: 54003 });
    expect(back.x).toBeCloseTo(-13_308_192.1956127, 5);
    expect(back.y).toBeCloseTo(4_221_903.58555983, 4);
  });

  it('keeps z and m on every geometry kind', () => {
    const point = projectGeometry<PointGeometry>({ x: 1, y: 2, z: 30, m: 4 }, undefined, { wkid: 3857 });
    expect([point.z, point.m]).toEqual([30, 4]);
    const multipoint = projectGeometry<MultipointGeometry>({ points: [[1, 2, 3, 4]], hasZ: true, hasM: true }, undefined, { wkid: 3857 });
    expect(multipoint.points[0]?.slice(2)).toEqual([3, 4]);
    expect(multipoint.hasZ).toBe(true);
    const line = projectGeometry<PolylineGeometry>(
      {
        paths: [
          [
            [0, 0, 5],
            [1, 1, 6],
          ],
        ],
        hasZ: true,
      },
      undefined,
      { wkid: 3857 },
    );
    expect(line.paths[0]?.map((p) => p[2])).toEqual([5, 6]);
    const polygon = projectGeometry<PolygonGeometry>(
      {
        rings: [
          [
            [0, 0, 7],
            [0, 1, 7],
            [1, 1, 7],
            [0, 0, 7],
          ],
        ],
        hasM: true,
      },
      undefined,
      { wkid: 3857 },
    );
    expect(polygon.rings[0]?.[2]?.[0]).toBeCloseTo(111_319.49, 1);
    expect(polygon.rings[0]?.[2]?.[2]).toBe(7);
  });

  it('projects an envelope to the extent of its projected edges', () => {
    const envelope = projectGeometry<EnvelopeGeometry>({ xmin: -10, ymin: 40, xmax: 10, ymax: 50 }, undefined, { wkid: 3857 });
    expect(envelope.xmin).toBeCloseTo(-1_113_194.9079, 3);
    expect(envelope.ymax).toBeCloseTo(6_446_275.841, 2);
  });

  it('is the identity, with a canonical spatialReference, between aliases', () => {
    const point = projectGeometry<PointGeometry>({ x: 123.456, y: 789 }, { wkid: 900913 }, { wkid: 3857 });
    expect(point).toEqual({ x: 123.456, y: 789, spatialReference: MERCATOR });
  });

  it('rejects results that are not finite', () => {
    expect(() => projectGeometry({ x: 0, y: 90 }, undefined, { wkid: 3857 })).toThrow(ProjectionError);
    expect(() => projectGeometry({ x: 0, y: 90 }, undefined, { wkid: 3857 })).toThrow(/\(0, 90\)/);
  });
});

describe('projectFeatureSet', () => {
  it('uses each geometry own spatialReference, else the set one, and leaves attributes alone', () => {
    const fs: FeatureSet = {
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 4326 },
      features: [
        { geometry: { x: 10, y: 50 }, attributes: { name: 'a' } },
        { geometry: { x: 1_113_194.9079327357, y: 6_446_275.841017158, spatialReference: { wkid: 3857 } }, attributes: { name: 'b' } },
        { attributes: { name: 'no geometry' } },
      ],
    };
    const out = projectFeatureSet(fs, { wkid: 102100 });
    expect(out.spatialReference).toEqual(MERCATOR);
    for (const feature of out.features.slice(0, 2)) {
      const point = feature.geometry as PointGeometry;
      expect(point.x).toBeCloseTo(1_113_194.9079, 3);
      expect(point.y).toBeCloseTo(6_446_275.841, 3);
    }
    expect(out.features.map((f) => f.attributes)).toEqual(fs.features.map((f) => f.attributes));
    expect(out.features[2]).toBe(fs.features[2]);
  });
});

describe('stripZM', () => {
  const fs: FeatureSet = {
    geometryType: 'esriGeometryPolyline',
    hasZ: true,
    hasM: true,
    features: [
      {
        geometry: {
          paths: [
            [
              [1, 2, 3, 4],
              [5, 6, 7, 8],
            ],
          ],
          hasZ: true,
          hasM: true,
        },
        attributes: {},
      },
      { geometry: { x: 1, y: 2, z: 3, m: 4 }, attributes: {} },
      { geometry: { points: [[1, 2, 9]], hasM: true }, attributes: {} },
    ],
  };

  it('drops z and m and their flags', () => {
    const out = stripZM(fs, false, false);
    expect(out.hasZ).toBeUndefined();
    expect(out.hasM).toBeUndefined();
    expect(out.features[0]?.geometry).toEqual({
      paths: [
        [
          [1, 2],
          [5, 6],
        ],
      ],
    });
    expect(out.features[1]?.geometry).toEqual({ x: 1, y: 2 });
    expect(out.features[2]?.geometry).toEqual({ points: [[1, 2]] });
  });

  it('keeps only what is asked for, moving m next to x and y when z goes', () => {
    const mOnly = stripZM(fs, false, true);
    expect(mOnly.hasM).toBe(true);
    expect(mOnly.features[0]?.geometry).toEqual({
      paths: [
        [
          [1, 2, 4],
          [5, 6, 8],
        ],
      ],
      hasM: true,
    });
    expect(mOnly.features[1]?.geometry).toEqual({ x: 1, y: 2, m: 4 });
    expect(mOnly.features[2]?.geometry).toEqual({ points: [[1, 2, 9]], hasM: true });
    const zOnly = stripZM(fs, true, false);
    expect(zOnly.features[0]?.geometry).toEqual({
      paths: [
        [
          [1, 2, 3],
          [5, 6, 7],
        ],
      ],
      hasZ: true,
    });
    expect(zOnly.features[2]?.geometry).toEqual({ points: [[1, 2]] });
    expect(stripZM(fs, true, true)).toEqual(fs);
  });
});
