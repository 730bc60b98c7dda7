import type { Terrain } from './terrain.js';

/**
 * A deterministic, data-free world terrain so the server runs (and viewsheds look plausible)
 * without shipping a DEM. Elevation is keyed on position in metres: a broad sinusoidal
 * "continent" field decides where mountains are, ridged gradient-noise octaves at 40, 12 and
 * 4 km carve ranges and valleys, and a smooth 1.2 km octave adds texture.
 * Everything derives from an integer hash (no Math.random), so any process gets the same
 * elevations; a sample costs about 100 ns.
 */

const MAX_ELEVATION_METERS = 3500;
const METERS_PER_DEGREE = 111_320;
const DEG = Math.PI / 180;

/**
 * Unit gradients on a 256 × 256 lattice, filled from an integer hash at load. A table lookup is
 * cheaper than hashing every corner; the 256-cell period never shows because every octave has
 * its own wavelength, rotation and lattice offset.
 */
const LATTICE = 256;
const GRADIENTS = new Float64Array(LATTICE * LATTICE * 2);
for (let k = 0; k < LATTICE * LATTICE; k++) {
  let h = Math.imul(k + 1, 0x27d4eb2d);
  h = Math.imul(h ^ (h >>> 15), 0x2c1b3c6d);
  h ^= h >>> 13;
  const angle = ((h >>> 0) / 4294967296) * 2 * Math.PI;
  GRADIENTS[2 * k] = Math.cos(angle);
  GRADIENTS[2 * k + 1] = Math.sin(angle);
}

function cornerDot(k: number, dx: number, dy: number): number {
  return (GRADIENTS[2 * k] ?? 0) * dx + (GRADIENTS[2 * k + 1] ?? 0) * dy;
}

/** 2-D gradient noise in about [-1, 1], with a quintic fade so slopes are continuous. */
function gradientNoise(x: number, y: number, offset: number): number {
  const fx = Math.floor(x);
  const fy = Math.floor(y);
  const dx = x - fx;
  const dy = y - fy;
  const u = dx * dx * dx * (dx * (dx * 6 - 15) + 10);
  const v = dy * dy * dy * (dy * (dy * 6 - 15) + 10);
  const i0 = (fx + offset) & 255;
  const i1 = (i0 + 1) & 255;
  const r0 = ((fy + offset) & 255) << 8;
  const r1 = ((fy + offset + 1) & 255) << 8;
  const n00 = cornerDot(r0 | i0, dx, dy);
  const n10 = cornerDot(r0 | i1, dx - 1, dy);
  const n01 = cornerDot(r1 | i0, dx, dy - 1);
  const n11 = cornerDot(r1 | i1, dx - 1, dy - 1);
  const a = n00 + u * (n10 - n00);
  const b = n01 + u * (n11 - n01);
  // The raw range is about ±0.7; scale it to about ±1.
  return (a + v * (b - a)) * 1.4142135623730951;
}

interface Octave {
  readonly cos: number;
  readonly sin: number;
  readonly offset: number;
}

/** Each octave is rotated differently so lattice alignment does not stack up into grid-like ridges. */
function octave(wavelengthMeters: number, rotationDegrees: number, offset: number): Octave {
  return {
    cos: Math.cos(rotationDegrees * DEG) / wavelengthMeters,
    sin: Math.sin(rotationDegrees * DEG) / wavelengthMeters,
    offset,
  };
}

function sample(o: Octave, x: number, y: number): number {
  return gradientNoise(x * o.cos - y * o.sin, x * o.sin + y * o.cos, o.offset);
}

/** Sharp crests where the noise crosses zero: 1 on a ridge line, falling to 0 in between. */
function ridged(o: Octave, x: number, y: number): number {
  const r = 1 - Math.abs(sample(o, x, y));
  return r < 0 ? 0 : r * r;
}

function unit(n: number): number {
  const t = 0.5 + 0.5 * n;
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

const RANGE = octave(40_000, 61, 17);
const HILLS = octave(12_000, 113, 101);
const SPURS = octave(4_000, 157, 173);
const TEXTURE = octave(1_200, 29, 59);

/**
 * Where the mountains are: a smooth field at ~100–300 km built from sinusoids at incommensurate
 * frequencies, which costs a fraction of a noise octave (the sample budget is ~100 ns).
 */
function continent(x: number, y: number): number {
  const a = Math.sin(x * 2.1e-5 + 1.3) * Math.cos(y * 2.7e-5 - 0.4);
  const b = Math.sin((x + y) * 1.3e-5 + 2.9) * Math.cos((x - y) * 0.9e-5 + 0.7);
  return 0.5 + 0.3 * a + 0.2 * b;
}

function syntheticElevation(longitude: number, latitude: number): number {
  if (!Number.isFinite(longitude) || !Number.isFinite(latitude)) return Number.NaN;
  // Planar metres: close enough to ground distance that feature scales hold at any latitude.
  const y = latitude * METERS_PER_DEGREE;
  const x = longitude * METERS_PER_DEGREE * Math.cos(latitude * DEG);
  const c = continent(x, y);
  // Mountains mostly where the continent field is high; lowlands keep some relief.
  const mountains = 0.25 + 0.75 * c * c;
  const relief = 0.45 * ridged(RANGE, x, y) + 0.3 * ridged(HILLS, x, y) + 0.17 * ridged(SPURS, x, y) + 0.08 * unit(sample(TEXTURE, x, y));
  const e = 0.2 * c + 0.8 * mountains * relief;
  return MAX_ELEVATION_METERS * (e < 0 ? 0 : e > 1 ? 1 : e);
}

export function createSyntheticTerrain(): Terrain {
  return {
    description: 'synthetic world terrain (deterministic gradient noise, 0–3500 m)',
    cellSizeMeters: 30,
    elevationAt: syntheticElevation,
  };
}
