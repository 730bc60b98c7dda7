import { describe, expect, it } from 'vitest';
import { createSyntheticTerrain } from '../../../gpserver/terrain/synthetic-terrain.js';

describe('createSyntheticTerrain', () => {
  it('is deterministic across instances', () => {
    const a = createSyntheticTerrain();
    const b = createSyntheticTerrain();
    for (const [lon, lat] of [
      [0, 0],
      [-119.55, 35.62],
      [139.7, 35.7],
      [-179.99, -60],
    ] as const) {
      expect(a.elevationAt(lon, lat)).toBe(b.elevationAt(lon, lat));
    }
  });

  it('stays within 0–3500 m with real relief at 1–50 km scales', () => {
    const terrain = createSyntheticTerrain();
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < 20_000; i++) {
      const e = terrain.elevationAt(((i * 0.7548776662) % 360) - 180, ((i * 0.569840291) % 170) - 85);
      min = Math.min(min, e);
      max = Math.max(max, e);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThanOrEqual(3500);
    expect(max - min).toBeGreaterThan(1500);
    // Along a 20 km transect the ground rises and falls by hundreds of metres.
    const transect = Array.from({ length: 200 }, (_, k) => terrain.elevationAt(-119.5 + k * 0.0011, 35.6));
    expect(Math.max(...transect) - Math.min(...transect)).toBeGreaterThan(100);
    expect(terrain.cellSizeMeters).toBeGreaterThanOrEqual(30);
    expect(terrain.cellSizeMeters).toBeLessThanOrEqual(90);
  });

  it('is smooth at the sampling scale (no jumps between neighbouring 30 m samples)', () => {
    const terrain = createSyntheticTerrain();
    let worst = 0;
    for (let k = 0; k < 2000; k++) {
      const lon = 10 + k * 0.00027;
      worst = Math.max(worst, Math.abs(terrain.elevationAt(lon + 0.00027, 45) - terrain.elevationAt(lon, 45)));
    }
    expect(worst).toBeLessThan(60);
  });

  it('returns NaN for non-finite positions', () => {
    expect(createSyntheticTerrain().elevationAt(Number.NaN, 0)).toBeNaN();
  });
});
