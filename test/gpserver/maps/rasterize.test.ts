import { describe, expect, it } from 'vitest';
import { createCanvas, drawGeometry } from '../../../gpserver/maps/rasterize.js';

const RED = [255, 0, 0, 255] as const;
const alpha = (canvas: ReturnType<typeof createCanvas>, column: number, row: number): number =>
  canvas.pixels[(row * canvas.width + column) * 4 + 3] ?? -1;

describe('drawGeometry', () => {
  const extent = { xmin: 0, ymin: 0, xmax: 10, ymax: 10 };

  it('fills a polygon by the even-odd rule: its hole stays empty, as does everything outside', () => {
    const canvas = createCanvas(10, 10);
    const outer = [
      [1, 1],
      [1, 9],
      [9, 9],
      [9, 1],
      [1, 1],
    ];
    const hole = [
      [4, 4],
      [6, 4],
      [6, 6],
      [4, 6],
      [4, 4],
    ];
    drawGeometry(canvas, extent, { rings: [outer, hole] }, RED);
    // Row 0 is the top (y 9 to 10): outside. Pixel centres at x 1.5 … 8.5 lie inside the outer ring.
    expect(alpha(canvas, 5, 0)).toBe(0);
    expect(alpha(canvas, 1, 1)).toBe(255);
    expect(alpha(canvas, 8, 8)).toBe(255);
    expect(alpha(canvas, 0, 5)).toBe(0);
    expect(alpha(canvas, 9, 5)).toBe(0);
    expect(alpha(canvas, 4, 4)).toBe(0);
    expect(alpha(canvas, 5, 5)).toBe(0);
    let filled = 0;
    for (let i = 3; i < canvas.pixels.length; i += 4) if ((canvas.pixels[i] ?? 0) > 0) filled++;
    expect(filled).toBe(64 - 4);
  });

  it('draws points as 3 × 3 squares and lines pixel by pixel, clipped at the edges', () => {
    const canvas = createCanvas(10, 10);
    drawGeometry(canvas, extent, { x: 0.2, y: 9.8 }, RED);
    expect([alpha(canvas, 0, 0), alpha(canvas, 1, 1), alpha(canvas, 2, 2)]).toEqual([255, 255, 0]);
    drawGeometry(
      canvas,
      extent,
      {
        paths: [
          [
            [0.5, 5.5],
            [9.5, 5.5],
          ],
        ],
      },
      RED,
    );
    for (let column = 0; column < 10; column++) expect(alpha(canvas, column, 4)).toBe(255);
  });
});
