import { describe, expect, it } from 'vitest';
import { rasterToPolygons } from '../../../gpserver/geo/raster-to-polygons.js';

/** Rows are given north first, as they read on the page; the raster wants row 0 southmost. */
function raster(picture: string[], cellSize = 1, xmin = 0, ymin = 0) {
  const rows = [...picture].reverse();
  const width = rows[0]?.length ?? 0;
  const cells = Uint8Array.from(rows.join(''), (ch) => (ch === '#' ? 1 : 0));
  return { width, height: rows.length, cells, cellSize, xmin, ymin };
}

function signedArea(ring: number[][]): number {
  let sum = 0;
  for (let k = 1; k < ring.length; k++) {
    const [ax = 0, ay = 0] = ring[k - 1] ?? [];
    const [bx = 0, by = 0] = ring[k] ?? [];
    sum += ax * by - bx * ay;
  }
  return sum / 2;
}

function expectClosedSimple(ring: number[][]): void {
  expect(ring[0]).toEqual(ring[ring.length - 1]);
  const keys = ring.slice(0, -1).map((p) => p.join(','));
  expect(new Set(keys).size).toBe(keys.length); // no self-touching vertex
  for (let k = 0; k < ring.length - 1; k++) {
    const a = ring[(k + ring.length - 2) % (ring.length - 1)] ?? [];
    const b = ring[k] ?? [];
    const c = ring[k + 1] ?? [];
    const collinear = (a[0] === b[0] && b[0] === c[0]) || (a[1] === b[1] && b[1] === c[1]);
    expect(collinear).toBe(false);
  }
}

describe('rasterToPolygons', () => {
  it('turns a single cell into one clockwise square in planar coordinates', () => {
    const result = rasterToPolygons(raster(['#'], 30, 100, 200));
    expect(result.rings).toHaveLength(1);
    const ring = result.rings[0] ?? [];
    expect(ring).toHaveLength(5);
    expectClosedSimple(ring);
    expect(signedArea(ring)).toBe(-900);
    expect(ring.map((p) => p.join(',')).sort()).toEqual(['100,200', '100,200', '100,230', '130,200', '130,230']);
    expect(result.area).toBe(900);
    expect(result.perimeter).toBe(120);
  });

  it('drops collinear vertices along an L shape', () => {
    const result = rasterToPolygons(raster(['#..', '#..', '###']));
    expect(result.rings).toHaveLength(1);
    const ring = result.rings[0] ?? [];
    expect(ring).toHaveLength(7); // six corners, closed
    expectClosedSimple(ring);
    expect(signedArea(ring)).toBe(-5);
    expect(result.perimeter).toBe(12);
  });

  it('gives a ring with a hole: outer clockwise, hole counter-clockwise, outer first', () => {
    const result = rasterToPolygons(raster(['###', '#.#', '###']));
    expect(result.rings).toHaveLength(2);
    const [outer = [], hole = []] = result.rings;
    expectClosedSimple(outer);
    expectClosedSimple(hole);
    expect(signedArea(outer)).toBe(-9);
    expect(signedArea(hole)).toBe(1);
    expect(result.area).toBe(8);
  });

  it('keeps two cells that touch only at a corner as two rings', () => {
    const result = rasterToPolygons(raster(['.#', '#.']));
    expect(result.rings).toHaveLength(2);
    for (const ring of result.rings) {
      expectClosedSimple(ring);
      expect(signedArea(ring)).toBe(-1);
    }
  });

  it('splits a region that wraps round to touch itself into an outer ring and a hole', () => {
    // The hole (centre) reaches the outside through the north-east corner only.
    const result = rasterToPolygons(raster(['##.', '#.#', '###']));
    const areas = result.rings.map(signedArea).sort((a, b) => a - b);
    expect(areas).toEqual([-8, 1]);
    result.rings.forEach(expectClosedSimple);
  });

  it('splits two hole cells touching at a corner into two holes', () => {
    const result = rasterToPolygons(raster(['####', '#.##', '##.#', '####']));
    const areas = result.rings.map(signedArea).sort((a, b) => a - b);
    expect(areas).toEqual([-16, 1, 1]);
    result.rings.forEach(expectClosedSimple);
  });

  it('has a signed area equal to the cell count times the cell area on a noisy raster', () => {
    const width = 40;
    const height = 30;
    let seed = 12345;
    const cells = new Uint8Array(width * height).map(() => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed >>> 30 === 0 ? 0 : 1;
    });
    const cellSize = 2.5;
    const result = rasterToPolygons({ width, height, cells, cellSize, xmin: -50, ymin: 10 });
    const count = cells.reduce((sum, c) => sum + c, 0);
    const total = result.rings.reduce((sum, ring) => sum + signedArea(ring), 0);
    expect(-total).toBeCloseTo(count * cellSize * cellSize, 6);
    expect(result.area).toBe(count * cellSize * cellSize);
    result.rings.forEach(expectClosedSimple);
  });

  it('returns no rings for an empty raster', () => {
    expect(rasterToPolygons(raster(['..', '..'])).rings).toEqual([]);
  });
});
