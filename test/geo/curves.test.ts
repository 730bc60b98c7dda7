import { describe, expect, it } from 'vitest';
import { CurveError, withoutCurves } from '../../geo/curves.js';
import type { Geometry, Position } from '../../geo/esri-json.js';

const curved = (value: object): Geometry => value as Geometry;
const pathOf = (geometry: Geometry): readonly Position[] => ('paths' in geometry ? geometry.paths[0] : []) ?? [];

describe('withoutCurves', () => {
  it('leaves straight geometries as they are (the same object)', () => {
    const polygon = {
      rings: [
        [
          [0, 0],
          [0, 1],
          [1, 1],
          [0, 0],
        ],
      ],
    };
    expect(withoutCurves(polygon)).toBe(polygon);
  });

  it('densifies a circular arc through its interior point, counter-clockwise or clockwise as the point says', () => {
    const ccw = pathOf(
      withoutCurves(
        curved({
          curvePaths: [
            [
              [1, 0],
              {
                c: [
                  [-1, 0],
                  [0, 1],
                ],
              },
            ],
          ],
        }),
      ),
    );
    const cw = pathOf(
      withoutCurves(
        curved({
          curvePaths: [
            [
              [1, 0],
              {
                c: [
                  [-1, 0],
                  [0, -1],
                ],
              },
            ],
          ],
        }),
      ),
    );
    for (const [path, side] of [
      [ccw, 1],
      [cw, -1],
    ] as const) {
      expect(path[0]).toEqual([1, 0]);
      expect(path.at(-1)).toEqual([-1, 0]);
      expect(path.length).toBeGreaterThan(80);
      for (const [x = 0, y = 0] of path) expect(Math.hypot(x, y)).toBeCloseTo(1, 12);
      for (const [, y = 0] of path.slice(1, -1)) expect(Math.sign(y)).toBe(side);
    }
  });

  it('densifies an elliptic arc from its centre, rotation, semi-major axis and ratio', () => {
    // Half of the ellipse x²/4 + y² = 1 turned by 90°: from (0, 2) counter-clockwise to (0, -2) through (-1, 0).
    const path = pathOf(withoutCurves(curved({ curvePaths: [[[0, 2], { a: [[0, -2], [0, 0], 0, 0, Math.PI / 2, 2, 0.5] }]] })));
    for (const [x = 0, y = 0] of path) expect(y ** 2 / 4 + x ** 2).toBeCloseTo(1, 9);
    expect(Math.min(...path.map(([x = 0]) => x))).toBeCloseTo(-1, 3);
  });

  it('densifies a cubic Bézier curve through its end points, interpolating z', () => {
    const path = pathOf(
      withoutCurves(
        curved({
          hasZ: true,
          curvePaths: [
            [
              [0, 0, 10],
              {
                b: [
                  [3, 0, 40],
                  [1, 1],
                  [2, 1],
                ],
              },
            ],
          ],
        }),
      ),
    );
    expect(path[0]).toEqual([0, 0, 10]);
    expect(path.at(-1)).toEqual([3, 0, 40]);
    const middle = path[Math.floor(path.length / 2)] ?? [];
    expect(middle[0]).toBeCloseTo(1.5, 6);
    expect(middle[1]).toBeCloseTo(0.75, 6);
    expect(middle[2]).toBeCloseTo(25, 6);
  });

  it('keeps straight vertices between curves and turns curveRings into rings', () => {
    const polygon = withoutCurves(
      curved({
        curveRings: [
          [
            [0, 0],
            [2, 0],
            {
              c: [
                [0, 2],
                [1.414, 1.414],
              ],
            },
            [0, 0],
          ],
        ],
      }),
    );
    const ring = ('rings' in polygon ? polygon.rings[0] : []) ?? [];
    expect(ring.slice(0, 2)).toEqual([
      [0, 0],
      [2, 0],
    ]);
    expect(ring.at(-2)).toEqual([0, 2]);
    expect(ring.at(-1)).toEqual([0, 0]);
  });

  it('refuses what is not a curve with a message naming where', () => {
    expect(() => withoutCurves(curved({ curvePaths: [[[0, 0], { q: [[1, 1]] }]] }))).toThrow(CurveError);
    expect(() => withoutCurves(curved({ curvePaths: [[[0, 0], { q: [[1, 1]] }]] }))).toThrow(/curvePaths\[0\]\[1\]/);
    expect(() => withoutCurves(curved({ curveRings: 'x' }))).toThrow(/curveRings is not a list/);
    expect(() => withoutCurves(curved({ curvePaths: [[[0, 0], { a: [[1, 1], [0, 0], 0, 0, 0, -1, 1] }]] }))).toThrow(/positive axis/);
  });
});
