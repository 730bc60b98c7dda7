import { projectGeometry } from '../../geo/project.js';
import { resolveSpatialReference, WGS84 } from '../../geo/spatial-reference.js';
import { linearUnitToMeters, unitDisplayName } from '../geo/units.js';
import { LINEAR_UNITS } from '../../geo/esri-json.js';
import type { Feature, FeatureSet, Field, PointGeometry, PolygonGeometry, SpatialReference } from '../../geo/esri-json.js';
import { ToolError } from '../model/tool.js';
import type { ToolContext, ToolFunction, ToolInputs } from '../model/tool.js';
import type { Terrain } from '../terrain/terrain.js';
import { computeViewshed, DEFAULT_OBSERVER_OFFSET_METERS } from './viewshed-core.js';

/** Esri's sample task caps the distance too; beyond it the raster would be too coarse to mean much. */
const MAX_DISTANCE_METERS = 50_000;

const FIELDS: readonly Field[] = [
  { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
  { name: 'ID', type: 'esriFieldTypeInteger', alias: 'ID' },
  { name: 'GRIDCODE', type: 'esriFieldTypeInteger', alias: 'GRIDCODE' },
  { name: 'Shape_Length', type: 'esriFieldTypeDouble', alias: 'Shape_Length' },
  { name: 'Shape_Area', type: 'esriFieldTypeDouble', alias: 'Shape_Area' },
];

interface Observer {
  readonly point: PointGeometry;
  readonly spatialReference: SpatialReference | undefined;
  /** Eye height from the feature's OffsetA attribute (as ArcGIS's Viewshed reads it), if any. */
  readonly offset: number | undefined;
}

function readObservers(inputs: ToolInputs): { observers: Observer[]; setSR: SpatialReference | undefined } {
  const set = inputs['Input_Observation_Point'] as FeatureSet | undefined;
  if (typeof set !== 'object' || !Array.isArray(set.features))
    throw new ToolError('Input_Observation_Point: a feature set of points is required');
  if (set.features.length === 0) throw new ToolError('Input_Observation_Point: at least one observation point is required');
  const observers = set.features.map((feature: Feature, index): Observer => {
    const geometry = feature.geometry;
    if (geometry === undefined || !('x' in geometry) || !Number.isFinite(geometry.x) || !Number.isFinite(geometry.y)) {
      throw new ToolError(`Input_Observation_Point: feature ${index + 1} is not a point with finite x and y`);
    }
    const offset = feature.attributes['OffsetA'] ?? feature.attributes['OFFSETA'];
    return {
      point: geometry,
      spatialReference: geometry.spatialReference ?? set.spatialReference,
      offset: typeof offset === 'number' && Number.isFinite(offset) ? offset : undefined,
    };
  });
  return { observers, setSR: set.spatialReference };
}

function readDistanceMeters(inputs: ToolInputs): number {
  const unit = inputs['Viewshed_Distance'] as { distance?: unknown; units?: unknown } | undefined;
  if (typeof unit !== 'object' || typeof unit.distance !== 'number' || !Number.isFinite(unit.distance)) {
    throw new ToolError('Viewshed_Distance: a linear unit {distance, units} is required');
  }
  const units = LINEAR_UNITS.find((name) => name === unit.units);
  if (units === undefined || units === 'esriUnknownUnits') throw new ToolError(`Viewshed_Distance: unknown units ${String(unit.units)}`);
  const meters = linearUnitToMeters({ distance: unit.distance, units });
  if (!(meters > 0) || meters > MAX_DISTANCE_METERS) {
    throw new ToolError(
      `Viewshed_Distance: must be greater than 0 and at most 50 kilometers (got ${unit.distance} ${unitDisplayName(units)})`,
    );
  }
  return meters;
}

function toGeographic(observer: Observer, index: number): PointGeometry {
  try {
    return projectGeometry({ x: observer.point.x, y: observer.point.y }, observer.spatialReference, WGS84);
  } catch (error) {
    throw new ToolError(`Input_Observation_Point: feature ${index + 1}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function viewshedFeature(
  terrain: Terrain,
  observer: Observer,
  index: number,
  radiusMeters: number,
  outSR: SpatialReference,
  context: ToolContext,
): Feature {
  const { x: longitude, y: latitude } = toGeographic(observer, index);
  const result = computeViewshed({
    terrain,
    longitude,
    latitude,
    radiusMeters,
    observerOffsetMeters: observer.offset ?? DEFAULT_OBSERVER_OFFSET_METERS,
  });
  const { frame, polygons } = result;
  const geographic: PolygonGeometry = { rings: polygons.rings.map((ring) => ring.map(([x = 0, y = 0]) => frame.toGeographic(x, y))) };
  const { spatialReference: _dropped, ...geometry } = projectGeometry(geographic, WGS84, outSR);
  context.message(
    'esriJobMessageTypeInformative',
    `Observer ${index + 1} at ${longitude.toFixed(5)}, ${latitude.toFixed(5)}: ground ${result.observerElevation.toFixed(1)} m, ` +
      `${result.raster.cellSize.toFixed(1)} m cells, ${(polygons.area / 1e6).toFixed(3)} km² visible in ${polygons.rings.length} rings`,
  );
  return {
    geometry,
    attributes: { OBJECTID: index + 1, ID: index + 1, GRIDCODE: 1, Shape_Length: polygons.perimeter, Shape_Area: polygons.area },
  };
}

/**
 * Esri's sample Viewshed task: for each observation point, the area visible within the distance
 * as one polygon feature (GRIDCODE 1). Lengths and areas are in metres and square metres,
 * measured in the observer-centred equidistant frame the viewshed is computed in.
 */
export const viewshed: ToolFunction = async (inputs, context) => {
  const { observers, setSR } = readObservers(inputs);
  const radiusMeters = readDistanceMeters(inputs);
  const first = observers[0];
  let outSR: SpatialReference;
  try {
    outSR = resolveSpatialReference(context.env.outSR ?? setSR ?? first?.spatialReference ?? WGS84).json;
  } catch (error) {
    throw new ToolError(`Output spatial reference: ${error instanceof Error ? error.message : String(error)}`);
  }
  const terrain = await context.terrain();
  context.message('esriJobMessageTypeInformative', `Terrain: ${terrain.description}; viewshed distance ${radiusMeters.toFixed(1)} m`);
  const features: Feature[] = [];
  for (const [index, observer] of observers.entries()) {
    context.signal.throwIfAborted();
    context.progress({
      type: 'step',
      message: `Computing viewshed ${index + 1} of ${observers.length}`,
      percent: Math.round((100 * index) / observers.length),
    });
    features.push(viewshedFeature(terrain, observer, index, radiusMeters, outSR, context));
  }
  context.progress({ type: 'step', message: 'Viewshed complete', percent: 100 });
  const result: FeatureSet = { geometryType: 'esriGeometryPolygon', spatialReference: outSR, fields: FIELDS, features };
  return { Viewshed_Result: result };
};
