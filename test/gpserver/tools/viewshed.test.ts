import { describe, expect, it } from 'vitest';
import type { FeatureSet, PolygonGeometry } from '../../../geo/esri-json.js';
import { ToolError } from '../../../gpserver/model/tool.js';
import { createLocalTerrain } from '../../../gpserver/terrain/grid-terrain.js';
import { createSyntheticTerrain } from '../../../gpserver/terrain/synthetic-terrain.js';
import { viewshed } from '../../../gpserver/tools/viewshed.js';
import { createViewshedToolContext } from './viewshed-context.js';

const SEED_POINT: FeatureSet = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 54003 },
  features: [{ geometry: { x: -13308192.1956127, y: 4221903.58555983 }, attributes: { FID: 1 } }],
};

function resultOf(outputs: Record<string, unknown>): FeatureSet {
  return outputs['Viewshed_Result'] as FeatureSet;
}

function signedArea(ring: readonly (readonly number[])[]): number {
  let sum = 0;
  for (let k = 1; k < ring.length; k++)
    sum += (ring[k - 1]?.[0] ?? 0) * (ring[k]?.[1] ?? 0) - (ring[k]?.[0] ?? 0) * (ring[k - 1]?.[1] ?? 0);
  return sum / 2;
}

describe('viewshed tool', () => {
  it('computes the seed case: a World Miller point, 8.5 miles, on the synthetic terrain', async () => {
    const context = createViewshedToolContext(createSyntheticTerrain());
    const result = resultOf(
      await viewshed({ Input_Observation_Point: SEED_POINT, Viewshed_Distance: { distance: 8.5, units: 'esriMiles' } }, context),
    );
    expect(result.geometryType).toBe('esriGeometryPolygon');
    expect(result.spatialReference?.wkid).toBe(54003);
    expect(result.fields?.map((f) => f.name)).toEqual(['OBJECTID', 'ID', 'GRIDCODE', 'Shape_Length', 'Shape_Area']);
    expect(result.features).toHaveLength(1);
    const [feature] = result.features;
    const radius = 8.5 * 1609.344;
    const area = feature?.attributes['Shape_Area'];
    expect(typeof area === 'number' && area > 0 && area <= Math.PI * radius * radius).toBe(true);
    expect(feature?.attributes).toMatchObject({ OBJECTID: 1, ID: 1, GRIDCODE: 1 });
    expect(feature?.attributes['Shape_Length']).toBeGreaterThan(0);
    const rings = (feature?.geometry as PolygonGeometry).rings;
    expect(rings.length).toBeGreaterThan(0);
    // Miller stretches ground by ~1.3 at this latitude: every vertex lies within 1.5 r of the point.
    for (const ring of rings) {
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      for (const [x = 0, y = 0] of ring) expect(Math.hypot(x + 13308192.1956127, y - 4221903.58555983)).toBeLessThan(1.5 * radius);
    }
    // Outer rings clockwise in Miller too: the net signed area is negative.
    expect(rings.reduce((sum, ring) => sum + signedArea(ring), 0)).toBeLessThan(0);
    expect(context.progressEvents.some((p) => p.type === 'step' && p.percent === 100)).toBe(true);
    expect(context.messages.some((m) => m.description.includes('synthetic'))).toBe(true);
  });

  it('returns one feature per observer, numbered, in env:outSR when given', async () => {
    const terrain = createLocalTerrain({ longitude: -105, latitude: 40, cellSizeMeters: 20, elevation: () => 1600 });
    const points: FeatureSet = {
      spatialReference: { wkid: 4326 },
      features: [
        { geometry: { x: -105, y: 40 }, attributes: {} },
        { geometry: { x: -11_686_000, y: 4_865_942, spatialReference: { wkid: 3857 } }, attributes: {} },
      ],
    };
    const context = createViewshedToolContext(terrain, { outSR: { wkid: 102100 } });
    const result = resultOf(
      await viewshed({ Input_Observation_Point: points, Viewshed_Distance: { distance: 1, units: 'esriKilometers' } }, context),
    );
    expect(result.spatialReference).toEqual({ wkid: 102100, latestWkid: 3857 });
    expect(result.features.map((f) => f.attributes['ID'])).toEqual([1, 2]);
    expect(result.features.map((f) => f.attributes['OBJECTID'])).toEqual([1, 2]);
    const first = result.features[0]?.attributes['Shape_Area'];
    expect(typeof first === 'number' && Math.abs(first - Math.PI * 1e6) / (Math.PI * 1e6) < 0.05).toBe(true);
    expect(context.progressEvents.filter((p) => p.type === 'step')).toHaveLength(3);
  });

  it('rejects distances that are not in (0, 50 km]', async () => {
    const context = createViewshedToolContext(createSyntheticTerrain());
    for (const distance of [
      { distance: 0, units: 'esriMeters' },
      { distance: 51, units: 'esriKilometers' },
      { distance: 5, units: 'esriParsecs' },
      undefined,
    ]) {
      await expect(viewshed({ Input_Observation_Point: SEED_POINT, Viewshed_Distance: distance }, context)).rejects.toThrow(ToolError);
    }
  });

  it('rejects an empty or non-point input', async () => {
    const context = createViewshedToolContext(createSyntheticTerrain());
    const distance = { distance: 1, units: 'esriKilometers' };
    await expect(viewshed({ Input_Observation_Point: { features: [] }, Viewshed_Distance: distance }, context)).rejects.toThrow(ToolError);
    const line = {
      features: [
        {
          geometry: {
            paths: [
              [
                [0, 0],
                [1, 1],
              ],
            ],
          },
          attributes: {},
        },
      ],
    };
    await expect(viewshed({ Input_Observation_Point: line, Viewshed_Distance: distance }, context)).rejects.toThrow(/not a point/);
  });

  it('stops between observers when the job is cancelled', async () => {
    const context = createViewshedToolContext(createSyntheticTerrain());
    context.abort();
    await expect(
      viewshed({ Input_Observation_Point: SEED_POINT, Viewshed_Distance: { distance: 1, units: 'esriKilometers' } }, context),
    ).rejects.toThrow();
    expect(context.progressEvents).toHaveLength(0);
  });
});
