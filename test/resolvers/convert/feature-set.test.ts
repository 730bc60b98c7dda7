import type { Feature, FeatureCollection, Geometry, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../../core/errors/gateway-error.js';
import type { PolygonGeometry, Position as EsriPosition } from '../../../geo/esri-json.js';
import { featureSetFromInput, featureSetToGeoJson } from '../../../resolvers/convert/feature-set.js';

/** Shoelace sum as Esri (and Terraformer) measure it: ≥ 0 is clockwise with y up. */
function clockwise(ring: readonly (readonly number[])[]): boolean {
  let total = 0;
  for (let i = 0; i < ring.length - 1; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[i + 1] ?? [];
    total += (x2 - x1) * (y2 + y1);
  }
  return total >= 0;
}

function feature(geometry: Geometry | null, properties: Record<string, unknown> = {}): Feature<Geometry | null> {
  return { type: 'Feature', geometry, properties };
}

function roundTrip(geometry: Geometry): Geometry | null {
  const fs = featureSetFromInput({ geoJson: geometry }, 'p');
  return featureSetToGeoJson(fs).features[0]?.geometry ?? null;
}

const OUTER: Position[] = [
  [0, 0],
  [10, 0],
  [10, 10],
  [0, 10],
  [0, 0],
]; // counter-clockwise, as RFC 7946 wants
const HOLE: Position[] = [
  [2, 2],
  [2, 4],
  [4, 4],
  [4, 2],
  [2, 2],
]; // clockwise
const POLYGON: Polygon = { type: 'Polygon', coordinates: [OUTER, HOLE] };

describe('featureSetFromInput: GeoJSON', () => {
  it('should convert a bare Point to a point FeatureSet in wkid 4326', () => {
    expect(featureSetFromInput({ geoJson: { type: 'Point', coordinates: [-117.2, 34.05] } }, 'Input_Observation_Point')).toEqual({
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 4326 },
      features: [{ geometry: { x: -117.2, y: 34.05 }, attributes: {} }],
    });
  });

  it.each<[string, Geometry]>([
    ['Point', { type: 'Point', coordinates: [1, 2] }],
    ['Point with z', { type: 'Point', coordinates: [1, 2, 300] }],
    [
      'MultiPoint',
      {
        type: 'MultiPoint',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
    ],
    [
      'LineString',
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
          [5, 2],
        ],
      },
    ],
    [
      'MultiLineString',
      {
        type: 'MultiLineString',
        coordinates: [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [5, 6],
            [7, 8],
          ],
        ],
      },
    ],
    ['Polygon with a hole', POLYGON],
    [
      'MultiPolygon',
      {
        type: 'MultiPolygon',
        coordinates: [
          [OUTER, HOLE],
          [
            [
              [20, 20],
              [30, 20],
              [30, 30],
              [20, 20],
            ],
          ],
        ],
      },
    ],
  ])('should round-trip a %s', (_name, geometry) => {
    expect(roundTrip(geometry)).toEqual(geometry);
  });

  it('should set geometryType and hasZ from the geometries', () => {
    expect(
      featureSetFromInput(
        {
          geoJson: {
            type: 'LineString',
            coordinates: [
              [1, 2, 3],
              [3, 4, 5],
            ],
          },
        },
        'p',
      ),
    ).toMatchObject({ geometryType: 'esriGeometryPolyline', hasZ: true });
    expect(featureSetFromInput({ geoJson: { type: 'MultiPoint', coordinates: [[1, 2]] } }, 'p').geometryType).toBe(
      'esriGeometryMultipoint',
    );
  });

  it('should wind outer rings clockwise and holes counter-clockwise, outer ring first', () => {
    for (const outer of [OUTER, [...OUTER].reverse()]) {
      const fs = featureSetFromInput({ geoJson: { type: 'Polygon', coordinates: [outer, HOLE] } }, 'p');
      const { rings } = fs.features[0]?.geometry as PolygonGeometry;
      expect(rings.map(clockwise)).toEqual([true, false]);
    }
    const multi = featureSetFromInput(
      {
        geoJson: {
          type: 'MultiPolygon',
          coordinates: [
            [OUTER, HOLE],
            [
              [
                [20, 20],
                [30, 20],
                [30, 30],
                [20, 20],
              ],
            ],
          ],
        },
      },
      'p',
    );
    const { rings } = multi.features[0]?.geometry as PolygonGeometry;
    expect(rings.map(clockwise)).toEqual([true, false, true]);
    expect(rings[1]).toEqual([...HOLE].reverse());
  });

  it('should give GeoJSON back with RFC 7946 winding (outer counter-clockwise, holes clockwise)', () => {
    const back = roundTrip({ type: 'Polygon', coordinates: [[...OUTER].reverse(), [...HOLE].reverse()] }) as Polygon;
    expect(back.coordinates.map((r) => clockwise(r))).toEqual([false, true]);
  });

  it('should convert a Feature and a FeatureCollection with properties and ids', () => {
    const one = featureSetFromInput(
      { geoJson: { ...feature({ type: 'Point', coordinates: [1, 2] }, { name: 'a', height: 2.5, ok: true, none: null }), id: 7 } },
      'p',
    );
    expect(one.features).toEqual([{ geometry: { x: 1, y: 2 }, attributes: { name: 'a', height: 2.5, ok: true, none: null, OBJECTID: 7 } }]);
    const collection: FeatureCollection = {
      type: 'FeatureCollection',
      features: [feature(POLYGON, { n: 1 }) as Feature, { ...(feature(POLYGON, { n: 2 }) as Feature), id: 'x' }],
    };
    const fs = featureSetFromInput({ geoJson: collection }, 'p');
    expect(fs.geometryType).toBe('esriGeometryPolygon');
    expect(fs.features.map((f) => f.attributes)).toEqual([{ n: 1 }, { n: 2 }]);
    // A string id has no Esri attribute to go to, so it does not come back.
    expect(featureSetToGeoJson(fs)).toEqual({
      type: 'FeatureCollection',
      features: [feature(POLYGON, { n: 1 }), feature(POLYGON, { n: 2 })],
    });
  });

  it('should accept GeoJSON as JSON text', () => {
    expect(featureSetFromInput({ geoJson: JSON.stringify({ type: 'Point', coordinates: [1, 2] }) }, 'p').features[0]?.geometry).toEqual({
      x: 1,
      y: 2,
    });
  });

  it('should allow features without geometry in record sets only', () => {
    const table = { type: 'FeatureCollection', features: [feature(null, { a: 1 }), feature(null, { a: 2 })] };
    expect(featureSetFromInput({ geoJson: table }, 'Table', { recordSet: true })).toEqual({
      features: [{ attributes: { a: 1 } }, { attributes: { a: 2 } }],
    });
    expect(() => featureSetFromInput({ geoJson: table }, 'Points')).toThrow(
      /Parameter "Points": geoJson.features\[0\] has no geometry \(only record sets/,
    );
  });
});

describe('featureSetFromInput: Esri JSON', () => {
  const POINTS = {
    geometryType: 'esriGeometryPoint',
    spatialReference: { wkid: 54003 },
    Fields: [{ name: 'FID', type: 'esriFieldTypeOID', alias: 'FID' }],
    features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: { FID: 1 } }],
  };

  it('should pass a valid FeatureSet through, normalising key case', () => {
    expect(featureSetFromInput({ esriJson: POINTS }, 'p')).toEqual({
      geometryType: 'esriGeometryPoint',
      spatialReference: { wkid: 54003 },
      fields: [{ name: 'FID', type: 'esriFieldTypeOID', alias: 'FID' }],
      features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: { FID: 1 } }],
    });
  });

  it('should infer a missing geometryType, close unclosed rings and accept JSON text', () => {
    const fs = featureSetFromInput(
      {
        esriJson: JSON.stringify({
          features: [
            {
              geometry: {
                rings: [
                  [
                    [0, 0],
                    [0, 1],
                    [1, 1],
                  ],
                ],
              },
            },
          ],
        }),
      },
      'p',
    );
    expect(fs.geometryType).toBe('esriGeometryPolygon');
    expect((fs.features[0]?.geometry as PolygonGeometry).rings[0]).toEqual([
      [0, 0],
      [0, 1],
      [1, 1],
      [0, 0],
    ]);
  });

  it('should accept a record set without geometryType or geometries', () => {
    expect(featureSetFromInput({ esriJson: { features: [{ attributes: { a: 'x' } }] } }, 't', { recordSet: true })).toEqual({
      features: [{ attributes: { a: 'x' } }],
    });
  });
});

describe('featureSetFromInput: malformed input', () => {
  const point = (coordinates: unknown) => ({ geoJson: { type: 'Point', coordinates } });
  it.each<[string, { esriJson?: unknown; geoJson?: unknown }, RegExp]>([
    ['neither input', {}, /exactly one of esriJson and geoJson/],
    ['both inputs', { esriJson: { features: [] }, geoJson: { type: 'Point', coordinates: [0, 0] } }, /exactly one.*not both/],
    ['non-finite coordinate', point([Number.NaN, 1]), /not a finite number/],
    ['string coordinate', point(['1', 2]), /not a finite number/],
    ['a position with 1 number', point([1]), /must be a position/],
    ['projected coordinates as GeoJSON', point([-13308192, 4221903]), /not a WGS84 longitude\/latitude/],
    [
      'a ring with 3 positions',
      {
        geoJson: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [0, 0],
            ],
          ],
        },
      },
      /has 3 positions/,
    ],
    [
      'an unclosed ring',
      {
        geoJson: {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 0],
              [1, 1],
              [0, 1],
            ],
          ],
        },
      },
      /not closed/,
    ],
    [
      'Polygon nested like a LineString',
      {
        geoJson: {
          type: 'Polygon',
          coordinates: [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        },
      },
      /coordinates\[0\] must be an array of positions.*, not of 0: wrong nesting/,
    ],
    ['LineString with one position', { geoJson: { type: 'LineString', coordinates: [[0, 0]] } }, /has 1 positions/],
    ['empty MultiPoint', { geoJson: { type: 'MultiPoint', coordinates: [] } }, /at least 1/],
    ['unknown GeoJSON type', { geoJson: { type: 'Circle', coordinates: [0, 0] } }, /unknown GeoJSON geometry type "Circle"/],
    ['GeometryCollection', { geoJson: { type: 'GeometryCollection', geometries: [] } }, /GeometryCollection has no Esri JSON equivalent/],
    ['FeatureCollection without features', { geoJson: { type: 'FeatureCollection' } }, /features must be an array/],
    [
      'a non-Feature in a FeatureCollection',
      { geoJson: { type: 'FeatureCollection', features: [{ type: 'Point', coordinates: [0, 0] }] } },
      /features\[0\] must be a GeoJSON Feature/,
    ],
    [
      'mixed geometry types',
      {
        geoJson: {
          type: 'FeatureCollection',
          features: [feature({ type: 'Point', coordinates: [0, 0] }), feature({ type: 'MultiPoint', coordinates: [[0, 0]] })],
        },
      },
      /mixes geometry types/,
    ],
    [
      'a nested property',
      { geoJson: feature({ type: 'Point', coordinates: [0, 0] }, { nested: { a: 1 } }) },
      /properties.nested must be a string/,
    ],
    ['GeoJSON text that is not JSON', { geoJson: '{"type":' }, /not valid JSON/],
    ['Esri JSON without features', { esriJson: { geometryType: 'esriGeometryPoint' } }, /esriJson.features must be an array/],
    [
      'an unknown geometryType',
      { esriJson: { geometryType: 'esriGeometryCircle', features: [] } },
      /geometryType "esriGeometryCircle" is not one of/,
    ],
    [
      'a geometry of another type',
      {
        esriJson: {
          geometryType: 'esriGeometryPoint',
          features: [
            {
              geometry: {
                paths: [
                  [
                    [0, 0],
                    [1, 1],
                  ],
                ],
              },
            },
          ],
        },
      },
      /features\[0\].geometry is a esriGeometryPolyline but .* esriGeometryPoint/,
    ],
    [
      'an Esri ring too short',
      {
        esriJson: {
          features: [
            {
              geometry: {
                rings: [
                  [
                    [0, 0],
                    [1, 1],
                    [0, 0],
                  ],
                ],
              },
            },
          ],
        },
      },
      /rings\[0\] has 3 positions; a ring needs at least 4/,
    ],
    [
      'an Esri point with a null x',
      { esriJson: { features: [{ geometry: { x: null, y: 1 } }] } },
      /geometry.x must be a finite number, not null/,
    ],
    ['an Esri feature without geometry', { esriJson: { features: [{ attributes: {} }] } }, /features\[0\] has no geometry/],
    ['an Esri non-geometry', { esriJson: { features: [{ geometry: { foo: 1 } }] } }, /is not an Esri geometry/],
    [
      'a bad spatial reference',
      { esriJson: { spatialReference: { wkid: 'x' }, features: [] } },
      /spatialReference.wkid must be an integer/,
    ],
    [
      'a field without a name',
      { esriJson: { fields: [{ type: 'esriFieldTypeString' }], features: [] } },
      /fields\[0\] must be an object with a non-empty name/,
    ],
  ])('should refuse %s with INVALID_INPUT naming the parameter', (_case, input, message) => {
    let error: unknown;
    try {
      featureSetFromInput(input, 'Input_Features');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayError);
    const gatewayError = error as GatewayError;
    expect(gatewayError.code).toBe('INVALID_INPUT');
    expect(gatewayError.info).toEqual({ parameter: 'Input_Features' });
    expect(gatewayError.message).toMatch(/^Parameter "Input_Features": /);
    expect(gatewayError.message).toMatch(message);
  });
});

describe('featureSetToGeoJson', () => {
  const RADIANS = Math.PI / 180;
  const R = 6378137;
  const mercator = ([lon = 0, lat = 0]: Position): EsriPosition => [
    R * lon * RADIANS,
    R * Math.log(Math.tan(Math.PI / 4 + (lat * RADIANS) / 2)),
  ];
  // World Miller (54003) on the authalic sphere, as ArcGIS defines it.
  const MILLER_R = 6371007.181;
  const miller = ([lon = 0, lat = 0]: Position): EsriPosition => [
    MILLER_R * lon * RADIANS,
    1.25 * MILLER_R * Math.log(Math.tan(Math.PI / 4 + 0.4 * lat * RADIANS)),
  ];

  function expectLonLat(actual: Position | undefined, expected: Position, digits = 7): void {
    expect(actual).toHaveLength(expected.length);
    expected.forEach((value, i) => {
      expect(actual?.[i]).toBeCloseTo(value, digits);
    });
  }

  it('should project Web Mercator (102100 and 3857) to longitude/latitude', () => {
    const sf = mercator([-122.4194, 37.7749]);
    for (const spatialReference of [{ wkid: 102100, latestWkid: 3857 }, { wkid: 3857 }]) {
      const geoJson = featureSetToGeoJson({
        geometryType: 'esriGeometryPolyline',
        spatialReference,
        features: [{ geometry: { paths: [[[0, 0], sf, [20037508.342789244, 0]]] }, attributes: { OBJECTID: 3 } }],
      });
      const [first, second, third] = (geoJson.features[0]?.geometry as { coordinates: Position[] }).coordinates;
      expectLonLat(first, [0, 0]);
      expectLonLat(second, [-122.4194, 37.7749], 9);
      expectLonLat(third, [180, 0], 9);
      expect(geoJson.features[0]?.id).toBe(3);
    }
  });

  it('should project World Miller (54003) to longitude/latitude, keeping z and dropping m', () => {
    const geoJson = featureSetToGeoJson({
      geometryType: 'esriGeometryPolygon',
      spatialReference: { wkid: 54003 },
      hasZ: true,
      hasM: true,
      features: [
        {
          geometry: {
            rings: [
              [
                [...miller([-117.2, 34.05]), 300, 1],
                [...miller([-117.1, 34.05]), 310, 2],
                [...miller([-117.1, 34.15]), 320, 3],
                [...miller([-117.2, 34.05]), 300, 1],
              ],
            ],
          },
          attributes: { FID: 1 },
        },
      ],
    });
    const feature = geoJson.features[0];
    expect(feature?.geometry?.type).toBe('Polygon');
    const [ring = []] = (feature?.geometry as Polygon).coordinates;
    expect(ring).toHaveLength(4);
    [
      [-117.2, 34.05, 300],
      [-117.1, 34.05, 310],
      [-117.1, 34.15, 320],
      [-117.2, 34.05, 300],
    ].forEach((expected, i) => {
      expectLonLat(ring[i], expected);
    });
    expect(feature?.properties).toEqual({ FID: 1 });
  });

  it('should project each geometry from its own spatial reference when it has one', () => {
    const geoJson = featureSetToGeoJson({
      geometryType: 'esriGeometryPoint',
      features: [
        { geometry: { ...(([x = 0, y = 0]) => ({ x, y }))(mercator([10, 20])), spatialReference: { wkid: 3857 } }, attributes: {} },
      ],
    });
    expectLonLat((geoJson.features[0]?.geometry as { coordinates: Position }).coordinates, [10, 20]);
  });

  it('should refuse a spatial reference no list has with UNSUPPORTED_SPATIAL_REFERENCE, a malformed one with UPSTREAM_INVALID_RESPONSE', () => {
    const fs = {
      geometryType: 'esriGeometryPoint' as const,
      spatialReference: { wkid: 99999 },
      features: [{ geometry: { x: 1, y: 2 }, attributes: {} }],
    };
    let error: unknown;
    try {
      featureSetToGeoJson(fs, 'Viewshed_Result');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(GatewayError);
    expect(error).toMatchObject({ code: 'UNSUPPORTED_SPATIAL_REFERENCE', info: { parameter: 'Viewshed_Result', wkid: 99999 } });
    expect((error as GatewayError).message).toMatch(/output "Viewshed_Result" to GeoJSON.*WGS84.*wkid 99999/);
    expect(() => featureSetToGeoJson({ ...fs, spatialReference: { wkt: 'PROJCS[…]' } })).toThrow(
      /feature set to GeoJSON.*wkt .* cannot be parsed/,
    );
    expect(() => featureSetToGeoJson({ ...fs, spatialReference: { wkt: 'PROJCS[…]' } })).toThrow(
      expect.objectContaining({ code: 'UPSTREAM_INVALID_RESPONSE' }) as Error,
    );
  });

  it('should leave a record set alone whatever its spatial reference', () => {
    expect(featureSetToGeoJson({ spatialReference: { wkid: 99999 }, features: [{ attributes: { a: 1 } }] })).toEqual({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: null, properties: { a: 1 } }],
    });
  });

  it('should treat a missing spatial reference as WGS84 and drop m values', () => {
    const geoJson = featureSetToGeoJson({
      geometryType: 'esriGeometryPolyline',
      hasM: true,
      features: [
        {
          geometry: {
            paths: [
              [
                [1, 2, 9],
                [3, 4, 9],
              ],
            ],
          },
          attributes: {},
        },
        {
          geometry: {
            paths: [
              [
                [1, 2, 5, 9],
                [3, 4, 6, 9],
              ],
            ],
            hasZ: true,
          },
          attributes: {},
        },
      ],
    });
    expect(geoJson.features.map((f) => f.geometry)).toEqual([
      {
        type: 'LineString',
        coordinates: [
          [1, 2],
          [3, 4],
        ],
      },
      {
        type: 'LineString',
        coordinates: [
          [1, 2, 5],
          [3, 4, 6],
        ],
      },
    ]);
  });

  it('should give null geometry for record sets and empty geometries, and a Polygon for an envelope', () => {
    const geoJson = featureSetToGeoJson({
      features: [
        { attributes: { a: 1 } },
        { geometry: { rings: [] }, attributes: { a: 2 } },
        { geometry: { xmin: 0, ymin: 0, xmax: 2, ymax: 1 }, attributes: { FID: 4 } },
      ],
    });
    expect(geoJson.features.map((f) => [f.geometry?.type ?? null, f.properties, f.id])).toEqual([
      [null, { a: 1 }, undefined],
      [null, { a: 2 }, undefined],
      ['Polygon', { FID: 4 }, 4],
    ]);
  });
});
