/**
 * A job's result map service, as ArcGIS Server publishes one for a GP service with a result map
 * service (`resultMapServerName`): `<services>/<resultMapServerName>/MapServer/jobs/<jobId>` is a
 * dynamic map service with one layer per geodataset output (feature and record sets, rasters), in
 * the order of the task's outputs, and `…/export` draws them.
 */
import type { FeatureSet, Geometry, SpatialReference } from '../../geo/esri-json.js';
import { projectFeatureSet } from '../../geo/project.js';
import { WGS84 } from '../../geo/spatial-reference.js';
import { RESULT_MAP_LAYER_TYPES } from '../../gp-rest/vocabulary.js';
import type { Job } from '../jobs/job.js';
import type { ParameterDefinition } from '../model/gp-parameter.js';
import { CURRENT_VERSION } from '../services/describe.js';
import { createCanvas, drawGeometry, type Canvas, type Extent, type Rgba } from './rasterize.js';

/** Fill colours of layers 0, 1, 2… (semi-transparent, so layers under show through). */
const PALETTE: readonly Rgba[] = [
  [0, 158, 115, 170],
  [0, 114, 178, 170],
  [230, 159, 0, 170],
  [204, 121, 167, 170],
];

/** The task's outputs that become layers, with their layer ids. */
export function resultLayers(parameters: readonly ParameterDefinition[]): { id: number; param: ParameterDefinition }[] {
  return parameters
    .filter((p) => p.direction === 'esriGPParameterDirectionOutput' && RESULT_MAP_LAYER_TYPES.has(p.dataType))
    .map((param, id) => ({ id, param }));
}

function featureSetOf(value: unknown): FeatureSet | undefined {
  return typeof value === 'object' && value !== null && Array.isArray((value as { features?: unknown }).features)
    ? (value as FeatureSet)
    : undefined;
}

function extentOf(sets: readonly FeatureSet[]): Extent | undefined {
  let xmin = Infinity;
  let ymin = Infinity;
  let xmax = -Infinity;
  let ymax = -Infinity;
  const add = (x: number, y: number): void => {
    xmin = Math.min(xmin, x);
    ymin = Math.min(ymin, y);
    xmax = Math.max(xmax, x);
    ymax = Math.max(ymax, y);
  };
  const visit = (geometry: Geometry): void => {
    if ('x' in geometry) add(geometry.x, geometry.y);
    else if ('xmin' in geometry) {
      add(geometry.xmin, geometry.ymin);
      add(geometry.xmax, geometry.ymax);
    } else {
      const parts = 'points' in geometry ? [geometry.points] : 'paths' in geometry ? geometry.paths : geometry.rings;
      for (const part of parts) for (const [x = 0, y = 0] of part) add(x, y);
    }
  };
  for (const set of sets) for (const feature of set.features) if (feature.geometry) visit(feature.geometry);
  return Number.isFinite(xmin) ? { xmin, ymin, xmax, ymax } : undefined;
}

/** The map's spatial reference: its first layer's, else WGS84. */
function mapSpatialReference(job: Readonly<Job>): SpatialReference {
  for (const { param } of resultLayers(job.task.parameters)) {
    const set = featureSetOf(job.outputs?.[param.name]);
    if (set?.spatialReference) return set.spatialReference;
  }
  return WGS84;
}

function layerSets(job: Readonly<Job>, sr: SpatialReference, visible: (id: number) => boolean): { id: number; set: FeatureSet }[] {
  return resultLayers(job.task.parameters).flatMap(({ id, param }) => {
    const set = featureSetOf(job.outputs?.[param.name]);
    return set && visible(id) ? [{ id, set: projectFeatureSet(set, sr) }] : [];
  });
}

/** The MapServer resource of a finished job (https://developers.arcgis.com/rest/services-reference/enterprise/map-service/). */
export function describeResultMap(job: Readonly<Job>): object {
  const spatialReference = mapSpatialReference(job);
  const extent = extentOf(layerSets(job, spatialReference, () => true).map((l) => l.set)) ?? { xmin: -180, ymin: -90, xmax: 180, ymax: 90 };
  const full = { ...extent, spatialReference };
  return {
    currentVersion: CURRENT_VERSION,
    serviceDescription: `Results of job ${job.id} of ${job.task.name}.`,
    mapName: 'Layers',
    capabilities: 'Map',
    layers: resultLayers(job.task.parameters).map(({ id, param }) => ({
      id,
      name: param.name,
      parentLayerId: -1,
      defaultVisibility: true,
      subLayerIds: null,
      minScale: 0,
      maxScale: 0,
      geometryType: featureSetOf(job.outputs?.[param.name])?.geometryType ?? null,
    })),
    tables: [],
    spatialReference,
    initialExtent: full,
    fullExtent: full,
    units: spatialReference.wkid === 4326 ? 'esriDecimalDegrees' : 'esriMeters',
    supportedImageFormatTypes: 'PNG32,PNG',
  };
}

export interface ExportRequest {
  readonly bbox: Extent;
  readonly bboxSR: SpatialReference | undefined;
  readonly width: number;
  readonly height: number;
  readonly transparent: boolean;
  /** Layer ids to draw; all when undefined. */
  readonly layers: ReadonlySet<number> | undefined;
}

/** Draws the job's layers into `request.bbox` (in `bboxSR`, else the map's spatial reference). */
export function exportResultMap(job: Readonly<Job>, request: ExportRequest): Canvas {
  const sr = request.bboxSR ?? mapSpatialReference(job);
  const canvas = createCanvas(request.width, request.height);
  if (!request.transparent) canvas.pixels.fill(255);
  for (const { id, set } of layerSets(job, sr, (layer) => request.layers?.has(layer) ?? true)) {
    const [r, g, b, a] = PALETTE[id % PALETTE.length] ?? [0, 0, 0, 255];
    // Pixels are set, not blended: on an opaque image the fill is opaque too.
    const colour: Rgba = [r, g, b, request.transparent ? a : 255];
    for (const feature of set.features) if (feature.geometry) drawGeometry(canvas, request.bbox, feature.geometry, colour);
  }
  return canvas;
}
