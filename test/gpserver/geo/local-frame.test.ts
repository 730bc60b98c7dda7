import { describe, expect, it } from 'vitest';
import { createLocalFrame } from '../../../gpserver/geo/local-frame.js';

describe('createLocalFrame', () => {
  it('puts the origin at (0, 0) and keeps distances from it true', () => {
    const frame = createLocalFrame(-119.6, 36.4);
    const [x0, y0] = frame.toLocal(-119.6, 36.4);
    expect(Math.abs(x0)).toBeLessThan(1e-6);
    expect(Math.abs(y0)).toBeLessThan(1e-6);
    const [x, y] = frame.toLocal(-119.6, 37.4);
    expect(Math.abs(x)).toBeLessThan(1e-6);
    // One degree of meridian arc between 36.4° and 37.4° on WGS84.
    expect(y).toBeGreaterThan(110_950);
    expect(y).toBeLessThan(111_000);
  });

  it('round-trips', () => {
    const frame = createLocalFrame(10, 50);
    const [lon, lat] = frame.toGeographic(...frame.toLocal(10.3, 49.8));
    expect(lon).toBeCloseTo(10.3, 9);
    expect(lat).toBeCloseTo(49.8, 9);
  });
});
