import { describe, expect, it } from 'vitest';
import { createLocalTerrain } from '../../../gpserver/terrain/grid-terrain.js';
import { computeViewshed } from '../../../gpserver/tools/viewshed-core.js';
import type { ViewshedResult } from '../../../gpserver/tools/viewshed-core.js';

const LON = 7.25;
const LAT = 46.5;

function terrain(elevation: (x: number, y: number) => number, cellSizeMeters = 10) {
  return createLocalTerrain({ longitude: LON, latitude: LAT, cellSizeMeters, elevation });
}

/** Visibility of the cell containing local point (x, y). */
function visibleAt(result: ViewshedResult, x: number, y: number): boolean {
  const { raster } = result;
  const c = Math.floor((x - raster.xmin) / raster.cellSize);
  const r = Math.floor((y - raster.ymin) / raster.cellSize);
  return raster.cells[r * raster.width + c] === 1;
}

describe('computeViewshed', () => {
  it('sees to the distance on flat ground (area ≈ π r², curvature off)', () => {
    const radius = 2000;
    const result = computeViewshed({ terrain: terrain(() => 500), longitude: LON, latitude: LAT, radiusMeters: radius, curvature: false });
    const circle = Math.PI * radius * radius;
    expect(Math.abs(result.polygons.area - circle) / circle).toBeLessThan(0.03);
    expect(result.visibleCellCount * result.raster.cellSize ** 2).toBe(result.polygons.area);
    expect(result.observerElevation).toBe(500);
    expect(visibleAt(result, 1900, 0)).toBe(true);
    expect(visibleAt(result, -1400, -1400)).toBe(true);
    expect(visibleAt(result, 1500, 1500)).toBe(false); // beyond the radius
  });

  it('bounds the work: cells are never smaller than radius / 250', () => {
    const result = computeViewshed({ terrain: terrain(() => 0), longitude: LON, latitude: LAT, radiusMeters: 50_000 });
    expect(result.raster.cellSize).toBe(200);
    expect(result.raster.width).toBe(501);
  });

  it('hides what lies behind a 100 m north–south ridge 500 m east', () => {
    const ridge = (x: number): number => 100 * Math.max(0, 1 - Math.abs(x - 500) / 150);
    const result = computeViewshed({
      terrain: terrain((x) => ridge(x)),
      longitude: LON,
      latitude: LAT,
      radiusMeters: 1500,
      curvature: false,
    });
    for (const y of [-300, 0, 250]) {
      expect(visibleAt(result, 420, y)).toBe(true); // the ridge's near slope
      expect(visibleAt(result, 490, y)).toBe(true);
      expect(visibleAt(result, 700, y)).toBe(false);
      expect(visibleAt(result, 1200, y)).toBe(false);
      expect(visibleAt(result, -800, y)).toBe(true);
      expect(visibleAt(result, 300, y)).toBe(true);
    }
  });

  it('lets an observer in a pit see little more than the pit', () => {
    const pit = terrain((x, y) => (Math.hypot(x, y) < 60 ? -20 : 0), 5);
    const result = computeViewshed({ terrain: pit, longitude: LON, latitude: LAT, radiusMeters: 1000, curvature: false });
    expect(visibleAt(result, 30, 0)).toBe(true);
    expect(visibleAt(result, 500, 0)).toBe(false);
    expect(result.polygons.area).toBeLessThan(Math.PI * 80 * 80);
  });

  it('puts a horizon on a flat plain when earth curvature is on', () => {
    // Eye 1.75 m above a plain: with curvature and refraction the horizon is √(1.75 / 6.83e-8) ≈ 5.1 km.
    const plain = terrain(() => 0, 50);
    const flat = computeViewshed({ terrain: plain, longitude: LON, latitude: LAT, radiusMeters: 20_000, curvature: false });
    const curved = computeViewshed({ terrain: plain, longitude: LON, latitude: LAT, radiusMeters: 20_000 });
    expect(visibleAt(flat, 15_000, 0)).toBe(true);
    expect(visibleAt(curved, 3_000, 0)).toBe(true);
    expect(visibleAt(curved, 8_000, 0)).toBe(false);
    const horizonArea = Math.PI * 5_060 ** 2;
    expect(Math.abs(curved.polygons.area - horizonArea) / horizonArea).toBeLessThan(0.05);
  });

  it('fails for an observer where the terrain has no data', () => {
    const hole = terrain((x, y) => (Math.hypot(x, y) < 50 ? Number.NaN : 0));
    expect(() => computeViewshed({ terrain: hole, longitude: LON, latitude: LAT, radiusMeters: 500 })).toThrow(
      /no elevation at the observer/,
    );
  });
});
