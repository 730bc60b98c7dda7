/**
 * Vectorises a boolean raster into Esri polygon rings by tracing cell edges.
 *
 * Every boundary edge between an "on" cell and an "off" cell (or the raster's border) is
 * directed with the on cell on its right, so tracing yields clockwise outer rings and
 * counter-clockwise holes, as Esri JSON wants. Where two on cells touch only at a corner (a
 * saddle vertex) the trace turns right, keeping them apart; a ring that still comes back to a
 * vertex it has already passed (an on region wrapping round to touch itself) is cut there into
 * separate rings. No ring therefore touches itself: rings meet other rings only at vertices,
 * which both Esri and OGC clients accept.
 */

export interface BooleanRaster {
  readonly width: number;
  readonly height: number;
  /** Row-major, `width × height`; non-zero means "on". Row 0 is the southernmost row (at ymin). */
  readonly cells: ArrayLike<number>;
  /** Cell edge length in the planar frame's units. */
  readonly cellSize: number;
  /** Planar coordinates of the south-west corner of cell (0, 0). */
  readonly xmin: number;
  readonly ymin: number;
}

export interface RasterPolygons {
  /** Closed rings (first vertex repeated), each outer ring followed by its holes. */
  readonly rings: number[][][];
  /** Area of the on cells: cell count × cell area. */
  readonly area: number;
  /** Total length of all rings. */
  readonly perimeter: number;
}

// Directions in counter-clockwise order, so a right turn is (d + 3) % 4.
const DX = [1, 0, -1, 0] as const;
const DY = [0, 1, 0, -1] as const;

interface GridRing {
  /** Vertex ids `j * (width + 1) + i` at the ring's corners only; not closed. */
  readonly vertices: number[];
  /** Twice the signed area in cells (negative = clockwise). */
  readonly doubleArea: number;
}

export function rasterToPolygons(raster: BooleanRaster): RasterPolygons {
  const { width, height, cells } = raster;
  if (cells.length !== width * height) throw new RangeError(`Raster has ${cells.length} cells, expected ${width} × ${height}`);
  const on = (c: number, r: number): boolean => c >= 0 && r >= 0 && c < width && r < height && (cells[r * width + c] ?? 0) !== 0;
  const stride = width + 1;
  // Bit d set at a vertex: an untraced boundary edge leaves it in direction d.
  const outgoing = new Uint8Array(stride * (height + 1));
  let onCount = 0;
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      if (!on(c, r)) continue;
      onCount++;
      if (!on(c, r - 1)) outgoing[r * stride + c + 1] = (outgoing[r * stride + c + 1] ?? 0) | 4; // west along the bottom
      if (!on(c, r + 1)) outgoing[(r + 1) * stride + c] = (outgoing[(r + 1) * stride + c] ?? 0) | 1; // east along the top
      if (!on(c - 1, r)) outgoing[r * stride + c] = (outgoing[r * stride + c] ?? 0) | 2; // north up the left side
      if (!on(c + 1, r)) outgoing[(r + 1) * stride + c + 1] = (outgoing[(r + 1) * stride + c + 1] ?? 0) | 8; // south down the right side
    }
  }
  const gridRings: GridRing[] = [];
  for (let start = 0; start < outgoing.length; start++) {
    while ((outgoing[start] ?? 0) !== 0) traceFrom(start, outgoing, stride, gridRings);
  }
  return assemble(gridRings, raster, onCount);
}

function takeEdge(outgoing: Uint8Array, vertex: number, incoming: number): number {
  const bits = outgoing[vertex] ?? 0;
  for (const turn of [3, 0, 1]) {
    const d = (incoming + turn) % 4;
    if ((bits & (1 << d)) !== 0) {
      outgoing[vertex] = bits & ~(1 << d);
      return d;
    }
  }
  throw new Error('raster-to-polygons: open boundary (internal error)');
}

/** Follows edges from `start` until the ring closes, cutting off loops at revisited vertices. */
function traceFrom(start: number, outgoing: Uint8Array, stride: number, out: GridRing[]): void {
  const path: number[] = [];
  const directions: number[] = [];
  const seenAt = new Map<number, number>();
  let vertex = start;
  let direction = takeEdge(outgoing, start, 0);
  for (;;) {
    const earlier = seenAt.get(vertex);
    if (earlier !== undefined) {
      out.push(closeLoop(path.splice(earlier), directions.splice(earlier), stride));
      for (const [v, i] of seenAt) if (i >= earlier) seenAt.delete(v);
    }
    seenAt.set(vertex, path.length);
    path.push(vertex);
    directions.push(direction);
    vertex += (DX[direction] ?? 0) + (DY[direction] ?? 0) * stride;
    if (vertex === start && (outgoing[start] ?? 0) === 0) break;
    direction = takeEdge(outgoing, vertex, direction);
  }
  out.push(closeLoop(path, directions, stride));
}

/** Keeps only the vertices where the direction changes, and measures the loop. */
function closeLoop(path: readonly number[], directions: readonly number[], stride: number): GridRing {
  const vertices: number[] = [];
  let doubleArea = 0;
  for (let k = 0; k < path.length; k++) {
    const before = directions[(k + path.length - 1) % path.length];
    const v = path[k] ?? 0;
    if (directions[k] !== before) vertices.push(v);
    const next = path[(k + 1) % path.length] ?? 0;
    doubleArea += (v % stride) * Math.floor(next / stride) - (next % stride) * Math.floor(v / stride);
  }
  return { vertices, doubleArea };
}

function assemble(gridRings: readonly GridRing[], raster: BooleanRaster, onCount: number): RasterPolygons {
  const stride = raster.width + 1;
  const { cellSize, xmin, ymin } = raster;
  const toRing = (ring: GridRing): number[][] => {
    const points = ring.vertices.map((v) => [xmin + (v % stride) * cellSize, ymin + Math.floor(v / stride) * cellSize]);
    const first = points[0];
    if (first !== undefined) points.push([first[0] ?? 0, first[1] ?? 0]);
    return points;
  };
  const outers = gridRings
    .filter((r) => r.doubleArea < 0)
    .map((r) => {
      const points = toRing(r);
      return { ring: r, points, box: bounds(points), holes: [] as number[][][] };
    });
  const orphans: number[][][] = [];
  for (const hole of gridRings.filter((r) => r.doubleArea > 0)) {
    const points = toRing(hole);
    const probe = edgeMidpoint(points);
    // The smallest outer ring containing a hole is the one it belongs to.
    let best: (typeof outers)[number] | undefined;
    for (const outer of outers) {
      if (best !== undefined && -outer.ring.doubleArea >= -best.ring.doubleArea) continue;
      const [x, y] = probe;
      const [x0, y0, x1, y1] = outer.box;
      if (x > x0 && x < x1 && y > y0 && y < y1 && contains(outer.points, probe)) best = outer;
    }
    (best?.holes ?? orphans).push(points);
  }
  const rings = outers.flatMap((o) => [o.points, ...o.holes]).concat(orphans);
  let perimeter = 0;
  for (const ring of rings) {
    for (let k = 1; k < ring.length; k++) {
      const [ax = 0, ay = 0] = ring[k - 1] ?? [];
      const [bx = 0, by = 0] = ring[k] ?? [];
      perimeter += Math.abs(bx - ax) + Math.abs(by - ay);
    }
  }
  return { rings, area: onCount * cellSize * cellSize, perimeter };
}

function bounds(ring: readonly (readonly number[])[]): [number, number, number, number] {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x = 0, y = 0] of ring) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

/** A point on the ring's first edge but at no vertex, so it is never on another ring's boundary. */
function edgeMidpoint(ring: readonly (readonly number[])[]): [number, number] {
  const [ax = 0, ay = 0] = ring[0] ?? [];
  const [bx = 0, by = 0] = ring[1] ?? [];
  return [(ax + bx) / 2, (ay + by) / 2];
}

function contains(ring: readonly (readonly number[])[], [x, y]: readonly [number, number]): boolean {
  let inside = false;
  for (let k = 1; k < ring.length; k++) {
    const [ax = 0, ay = 0] = ring[k - 1] ?? [];
    const [bx = 0, by = 0] = ring[k] ?? [];
    if (ay > y !== by > y && x < ax + ((y - ay) * (bx - ax)) / (by - ay)) inside = !inside;
  }
  return inside;
}
