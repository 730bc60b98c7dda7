/**
 * Draws Esri JSON features into an RGBA pixel buffer for a map image: polygons filled by the
 * even-odd rule (holes stay empty), scanline by scanline at pixel centres; lines and points as
 * one-pixel strokes and 3 × 3 squares. Coordinates are in the extent's spatial reference.
 */
import type { Geometry, Position } from '../../geo/esri-json.js';

export interface Extent {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
}

export type Rgba = readonly [number, number, number, number];

export interface Canvas {
  readonly width: number;
  readonly height: number;
  /** `width × height × 4` bytes, row 0 at the top (ymax). */
  readonly pixels: Uint8Array;
}

export function createCanvas(width: number, height: number): Canvas {
  return { width, height, pixels: new Uint8Array(width * height * 4) };
}

function put(canvas: Canvas, column: number, row: number, colour: Rgba): void {
  if (column < 0 || row < 0 || column >= canvas.width || row >= canvas.height) return;
  canvas.pixels.set(colour, (row * canvas.width + column) * 4);
}

/** Map coordinates → fractional pixel coordinates (x right, y down). */
function toPixel(extent: Extent, canvas: Canvas): (p: Position) => [number, number] {
  const sx = canvas.width / (extent.xmax - extent.xmin);
  const sy = canvas.height / (extent.ymax - extent.ymin);
  return ([x = 0, y = 0]) => [(x - extent.xmin) * sx, (extent.ymax - y) * sy];
}

function fillRings(canvas: Canvas, rings: readonly (readonly [number, number][])[], colour: Rgba): void {
  for (let row = 0; row < canvas.height; row++) {
    const y = row + 0.5;
    const crossings: number[] = [];
    for (const ring of rings) {
      for (let i = 0; i < ring.length - 1; i++) {
        const [x1, y1] = ring[i] ?? [0, 0];
        const [x2, y2] = ring[i + 1] ?? [0, 0];
        // Half-open on y so a vertex on the scanline counts once.
        if (y1 <= y === y2 <= y) continue;
        crossings.push(x1 + ((y - y1) / (y2 - y1)) * (x2 - x1));
      }
    }
    crossings.sort((a, b) => a - b);
    for (let i = 0; i + 1 < crossings.length; i += 2) {
      const from = Math.max(0, Math.ceil((crossings[i] ?? 0) - 0.5));
      const to = Math.min(canvas.width - 1, Math.floor((crossings[i + 1] ?? 0) - 0.5));
      for (let column = from; column <= to; column++) put(canvas, column, row, colour);
    }
  }
}

function strokePath(canvas: Canvas, path: readonly [number, number][], colour: Rgba): void {
  for (let i = 0; i < path.length - 1; i++) {
    const [x1, y1] = path[i] ?? [0, 0];
    const [x2, y2] = path[i + 1] ?? [0, 0];
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(x2 - x1), Math.abs(y2 - y1))));
    for (let s = 0; s <= steps; s++)
      put(canvas, Math.floor(x1 + ((x2 - x1) * s) / steps), Math.floor(y1 + ((y2 - y1) * s) / steps), colour);
  }
}

function dot(canvas: Canvas, [x, y]: [number, number], colour: Rgba): void {
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) put(canvas, Math.floor(x) + dx, Math.floor(y) + dy, colour);
}

/** Draws one geometry (already in the extent's spatial reference). */
export function drawGeometry(canvas: Canvas, extent: Extent, geometry: Geometry, colour: Rgba): void {
  const pixel = toPixel(extent, canvas);
  if ('rings' in geometry)
    fillRings(
      canvas,
      geometry.rings.map((ring) => ring.map(pixel)),
      colour,
    );
  else if ('paths' in geometry) for (const path of geometry.paths) strokePath(canvas, path.map(pixel), colour);
  else if ('points' in geometry) for (const point of geometry.points) dot(canvas, pixel(point), colour);
  else if ('x' in geometry) dot(canvas, pixel([geometry.x, geometry.y]), colour);
}
