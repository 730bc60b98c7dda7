import { describe, expect, it } from 'vitest';
import { createLocalFrame } from '../../../gpserver/geo/local-frame.js';
import { projectGeometry } from '../../../geo/project.js';
import type { FeatureSet, Geometry, PolygonGeometry, Position, SpatialReference } from '../../../geo/esri-json.js';
import { ToolError } from '../../../gpserver/model/tool.js';
import type { ToolEnvironment } from '../../../gpserver/model/tool.js';
import { buffer } from '../../../gpserver/tools/buffer.js';
import { createTestToolContext } from './tool-context.js';

const METERS_1000 = { distance: 1000, units: 'esriMeters' } as const;

function featureSet(spatialReference: SpatialReference, ...geometries: Geometry[]): FeatureSet {
  return { spatialReference, features: geometries.map((geometry, i) => ({ geometry, attributes: { OBJECTID: 10 + i } })) };
}

async function run(input: FeatureSet, distance: unknown = METERS_1000, dissolve = 'NONE', env: Partial<ToolEnvironment> = {}) {
  const context = createTestToolContext(env);
  const outputs = await buffer({ Input_Features: input, Distance: distance, Dissolve_Type: dissolve }, context);
  return { output: outputs['Output_Polygons'] as FeatureSet, context };
}

function polygons(fs: FeatureSet): PolygonGeometry[] {
  return fs.features.map((f) => f.geometry as PolygonGeometry);
}

function shoelace(ring: readonly Position[]): number {
  let sum = 0;
  ring.forEach((p, i) => {
    const q = ring[(i + 1) % ring.length] ?? p;
    sum += (p[0] ?? 0) * (q[1] ?? 0) - (q[0] ?? 0) * (p[1] ?? 0);
  });
  return sum / 2;
}

/** Planar area with Esri orientation: clockwise outer rings count positive. */
function area(polygon: PolygonGeometry): number {
  return polygon.rings.reduce((total, ring) => total - shoelace(ring), 0);
}

function haversine([lon1 = 0, lat1 = 0]: Position, [lon2 = 0, lat2 = 0]: Position): number {
  const rad = Math.PI / 180;
  const h =
    Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(h));
}

function isInside([x = 0, y = 0]: Position, polygon: PolygonGeometry): boolean {
  let inside = false;
  for (const ring of polygon.rings) {
    ring.forEach((p, i) => {
      const q = ring[(i + 1) % ring.length] ?? p;
      const [px = 0, py = 0] = p;
      const [qx = 0, qy = 0] = q;
      if (py > y !== qy > y && x < ((qx - px) * (y - py)) / (qy - py) + px) inside = !inside;
    });
  }
  return inside;
}

describe('Buffer', () => {
  it('buffers a point by 1000 m to an area of π·1000² within 1 %', async () => {
    const { output, context } = await run(featureSet({ wkid: 32611 }, { x: 250_000, y: 4_000_000 }));
    expect(output.geometryType).toBe('esriGeometryPolygon');
    expect(output.spatialReference).toEqual({ wkid: 32611, latestWkid: 32611 });
    const [polygon] = polygons(output);
    expect(polygon).toBeDefined();
    // UTM's scale error 250 km from the central meridian is ≈ 0.03 %, far inside the tolerance.
    expect(Math.abs(area(polygon ?? { rings: [] }) / (Math.PI * 1000 ** 2) - 1)).toBeLessThan(0.01);
    expect(context.messages).toContainEqual({ type: 'esriJobMessageTypeInformative', description: 'Buffering 1 feature at 1000 Meters' });
  });

  it('returns 4326 polygons whose vertices lie 1000 m from the point', async () => {
    const centre = [-119.6, 36.4];
    const { output } = await run(featureSet({ wkid: 4326 }, { x: -119.6, y: 36.4 }));
    expect(output.spatialReference).toEqual({ wkid: 4326, latestWkid: 4326 });
    const ring = polygons(output)[0]?.rings[0] ?? [];
    expect(ring.length).toBeGreaterThanOrEqual(65);
    for (const vertex of ring) expect(Math.abs(haversine(centre, vertex) - 1000)).toBeLessThan(5);
  });

  it('dissolves overlapping buffers with ALL and keeps them apart with NONE', async () => {
    const input = featureSet({ wkid: 3857 }, { x: 0, y: 0 }, { x: 1000, y: 0 });
    const all = await run(input, METERS_1000, 'ALL');
    expect(all.output.features).toHaveLength(1);
    expect(all.output.fields?.map((f) => f.name)).toEqual(['OBJECTID']);
    expect(polygons(all.output)[0]?.rings).toHaveLength(1);
    const none = await run(input, METERS_1000, 'NONE');
    expect(none.output.features.map((f) => f.attributes)).toEqual([
      { OBJECTID: 1, BUFF_DIST: 1000, ORIG_FID: 10 },
      { OBJECTID: 2, BUFF_DIST: 1000, ORIG_FID: 11 },
    ]);
    expect(none.output.fields?.map((f) => f.name)).toEqual(['OBJECTID', 'BUFF_DIST', 'ORIG_FID']);
    const dissolvedArea = area(polygons(all.output)[0] ?? { rings: [] });
    const separateArea = polygons(none.output).reduce((sum, p) => sum + area(p), 0);
    expect(dissolvedArea).toBeLessThan(separateArea);
  });

  it('buffers a polyline into a capsule', async () => {
    const frame = createLocalFrame(10, 50);
    const [startLon, startLat] = frame.toGeographic(-2000, 0);
    const [endLon, endLat] = frame.toGeographic(2000, 0);
    const { output } = await run(
      featureSet(
        { wkid: 4326 },
        {
          paths: [
            [
              [startLon, startLat],
              [endLon, endLat],
            ],
          ],
        },
      ),
      { distance: 0.5, units: 'esriKilometers' },
    );
    const polygon = polygons(output)[0] ?? { rings: [] };
    const local: PolygonGeometry = { rings: polygon.rings.map((ring) => ring.map(([lon = 0, lat = 0]) => frame.toLocal(lon, lat))) };
    const expected = 4000 * 1000 + Math.PI * 500 ** 2;
    expect(Math.abs(area(local) / expected - 1)).toBeLessThan(0.01);
    expect(output.features[0]?.attributes['BUFF_DIST']).toBe(0.5);
  });

  it('buffers a polygon with a hole into a polygon that contains it, rings in Esri orientation', async () => {
    const square: PolygonGeometry = {
      rings: [
        [
          [0, 0],
          [0, 10_000],
          [10_000, 10_000],
          [10_000, 0],
          [0, 0],
        ],
        [
          [4000, 4000],
          [6000, 4000],
          [6000, 6000],
          [4000, 6000],
          [4000, 4000],
        ],
      ],
    };
    const { output } = await run(
      featureSet({ wkid: 32633 }, { rings: square.rings.map((r) => r.map(([x = 0, y = 0]) => [x + 500_000, y + 5_000_000])) }),
      { distance: 500, units: 'esriMeters' },
    );
    const polygon = polygons(output)[0] ?? { rings: [] };
    for (const vertex of square.rings[0] ?? [])
      expect(isInside([(vertex[0] ?? 0) + 500_000, (vertex[1] ?? 0) + 5_000_000], polygon)).toBe(true);
    expect(isInside([505_000, 5_005_000], polygon)).toBe(false);
    expect(polygon.rings).toHaveLength(2);
    const [outer, hole] = polygon.rings;
    expect(shoelace(outer ?? [])).toBeLessThan(0);
    expect(shoelace(hole ?? [])).toBeGreaterThan(0);
    for (const ring of polygon.rings) expect(ring[0]).toEqual(ring[ring.length - 1]);
  });

  it('honours outSR', async () => {
    const { output } = await run(featureSet({ wkid: 4326 }, { x: 10, y: 50 }), METERS_1000, 'NONE', { outSR: { wkid: 3857 } });
    expect(output.spatialReference).toEqual({ wkid: 102100, latestWkid: 3857 });
    const ring = polygons(output)[0]?.rings[0] ?? [];
    for (const [x = 0, y = 0] of ring) {
      const point = projectGeometry({ x, y }, { wkid: 3857 }, undefined);
      expect(Math.abs(haversine([10, 50], [point.x, point.y]) - 1000)).toBeLessThan(5);
    }
  });

  it('buffers planar in processSR', async () => {
    // Web Mercator stretches distances by 1/cos(60°) = 2 at 60° N, so a planar buffer there is half as wide on the ground.
    const [lon, lat] = [25, 60];
    const { output } = await run(featureSet({ wkid: 4326 }, { x: lon, y: lat }), METERS_1000, 'NONE', { processSR: { wkid: 3857 } });
    expect(output.spatialReference).toEqual({ wkid: 4326, latestWkid: 4326 });
    for (const vertex of polygons(output)[0]?.rings[0] ?? []) expect(haversine([lon, lat], vertex)).toBeCloseTo(500, -1);
  });

  it('rejects bad parameters and empty input', async () => {
    const input = featureSet({ wkid: 4326 }, { x: 0, y: 0 });
    await expect(run(input, { distance: 0, units: 'esriMeters' })).rejects.toThrow(/Distance/);
    await expect(run(input, { distance: -5, units: 'esriMeters' })).rejects.toBeInstanceOf(ToolError);
    await expect(run(input, { distance: 5, units: 'esriFurlongs' })).rejects.toThrow(/Distance/);
    await expect(run(input, METERS_1000, 'SOME')).rejects.toThrow(/Dissolve_Type/);
    await expect(run(featureSet({ wkid: 4326 }))).rejects.toBeInstanceOf(ToolError);
    await expect(run(featureSet({ wkid: 123_456 }, { x: 0, y: 0 }))).rejects.toThrow(/123456/);
    await expect(run(input, { distance: 5, units: 'esriUnknownUnits' })).rejects.toBeInstanceOf(ToolError);
  });

  it('refuses work without end: a distance past the antipode, more features than the service returns', async () => {
    const input = featureSet({ wkid: 4326 }, { x: 0, y: 0 });
    await expect(run(input, { distance: 9_007_199_254_740_992, units: 'esriKilometers' })).rejects.toThrow(
      /^Distance: at most 20000 kilometers \(got 9007199254740992 /,
    );
    const many = featureSet({ wkid: 4326 }, ...Array.from({ length: 1_001 }, (_, i) => ({ x: i / 1000, y: 0 })));
    await expect(run(many)).rejects.toThrow('Input_Features: at most 1000 features (got 1001)');
  });
});
