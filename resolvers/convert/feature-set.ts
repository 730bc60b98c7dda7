/**
 * Feature data between GraphQL (Esri JSON or GeoJSON) and GP REST (Esri JSON FeatureSets).
 * Both directions are pure. GeoJSON is WGS84 by definition (RFC 7946), so a feature set in any
 * other spatial reference is projected to WGS84 (geo/project.ts) on the way out.
 */
import { arcgisToGeoJSON } from '@terraformer/arcgis';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { FeatureSet, Geometry as EsriGeometry, Position } from '../../geo/esri-json.js';
import { projectFeatureSet } from '../../geo/project.js';
import { SpatialReferenceError, WGS84 } from '../../geo/spatial-reference.js';
import { checkEsriFeatureSet } from './esri-input.js';
import { mapEsriPositions } from './esri-geometry.js';
import { geoJsonToFeatureSet } from './geojson-input.js';
import { failFor } from './invalid-input.js';

export interface FeatureSetInput {
  readonly esriJson?: unknown;
  readonly geoJson?: unknown;
}

export interface FeatureSetInputOptions {
  /** GPRecordSet: features may come without geometry. */
  readonly recordSet?: boolean;
}

/** Exactly one of `esriJson` / `geoJson`; throws INVALID_INPUT naming `param` and what is wrong. */
export function featureSetFromInput(input: FeatureSetInput, param: string, options: FeatureSetInputOptions = {}): FeatureSet {
  const fail = failFor(param);
  const recordSet = options.recordSet ?? false;
  const hasEsri = input.esriJson !== undefined && input.esriJson !== null;
  const hasGeo = input.geoJson !== undefined && input.geoJson !== null;
  if (hasEsri === hasGeo) fail(`give exactly one of esriJson and geoJson${hasEsri ? ', not both' : ''}`);
  return hasEsri ? checkEsriFeatureSet(input.esriJson, recordSet, fail) : geoJsonToFeatureSet(input.geoJson, recordSet, fail);
}

/**
 * The set in WGS84. Only geometries are projected, each from its own spatialReference or else the
 * set's (none means WGS84), so a record set never fails. The set is upstream output, hence
 * UNSUPPORTED_SPATIAL_REFERENCE for a wkid no definition list has, and UPSTREAM_INVALID_RESPONSE for
 * malformed spatial references or curves and points that cannot be projected.
 */
function inWgs84(fs: FeatureSet, param: string | undefined): FeatureSet {
  try {
    return projectFeatureSet(fs, WGS84);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    const what = param === undefined ? 'the feature set' : `output "${param}"`;
    if (error instanceof SpatialReferenceError && error.kind === 'unsupported') {
      throw new GatewayError(
        'UNSUPPORTED_SPATIAL_REFERENCE',
        `Cannot convert ${what} to GeoJSON, which is WGS84: ${why}. Ask for it as Esri JSON, or with outSR 4326 so the server projects it.`,
        { ...(param === undefined ? {} : { parameter: param }), ...(error.wkid === undefined ? {} : { wkid: error.wkid }) },
        { cause: error },
      );
    }
    throw new GatewayError(
      'UPSTREAM_INVALID_RESPONSE',
      `Cannot convert ${what} to GeoJSON, which is WGS84: ${why}`,
      param === undefined ? {} : { parameter: param },
      {
        cause: error,
      },
    );
  }
}

/**
 * An output feature set (or a list of them) projected by the gateway into `wkid`: the `outSR` of a
 * synchronous run's output, whose server answered already. An id no definition list has is the
 * client's mistake (INVALID_INPUT naming the output); anything that is not a feature set passes as is.
 */
export function featureSetsIn(value: unknown, wkid: number, param: string): unknown {
  if (Array.isArray(value)) return value.map((member) => featureSetsIn(member, wkid, param));
  if (typeof value !== 'object' || value === null || !Array.isArray((value as { features?: unknown }).features)) return value;
  try {
    return projectFeatureSet(value as FeatureSet, { wkid });
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    if (error instanceof SpatialReferenceError)
      throw new GatewayError('INVALID_INPUT', `outSR of output "${param}": ${why}`, { parameter: param });
    throw new GatewayError(
      'UPSTREAM_INVALID_RESPONSE',
      `Cannot project output "${param}" to wkid ${wkid}: ${why}`,
      { parameter: param },
      { cause: error },
    );
  }
}

/** Esri positions carry m after z (or after y when there is no z); GeoJSON would read that m as z. */
function withoutM(geometry: EsriGeometry, fs: FeatureSet): (p: Position) => Position {
  const own: { readonly hasZ?: boolean; readonly hasM?: boolean } = 'x' in geometry || 'xmin' in geometry ? {} : geometry;
  const hasZ = own.hasZ ?? fs.hasZ ?? false;
  const hasM = own.hasM ?? fs.hasM ?? false;
  const keep = hasM ? (hasZ ? 3 : 2) : 3;
  return (p) => (p.length > keep ? p.slice(0, keep) : p);
}

type TerraformerInput = Parameters<typeof arcgisToGeoJSON>[0];

function isEmpty(geometry: EsriGeometry): boolean {
  if ('points' in geometry) return geometry.points.length === 0;
  if ('paths' in geometry) return geometry.paths.length === 0;
  return 'rings' in geometry && geometry.rings.length === 0;
}

/**
 * A GeoJSON FeatureCollection of an Esri feature or record set, projected to WGS84 when it is in
 * another spatial reference (none means WGS84); ids come from OBJECTID or FID; a feature without
 * geometry has `geometry: null`. `param` names the output in the error.
 */
export function featureSetToGeoJson(fs: FeatureSet, param?: string): FeatureCollection<Geometry | null> {
  const wgs84 = inWgs84(fs, param);
  const features = wgs84.features.map((feature): Feature<Geometry | null> => {
    const { geometry, attributes } = feature;
    const plain = geometry === undefined || isEmpty(geometry) ? undefined : mapEsriPositions(geometry, withoutM(geometry, wgs84));
    const converted = arcgisToGeoJSON({
      geometry: plain,
      attributes,
    } as unknown as TerraformerInput) as unknown as Feature<Geometry | null>;
    return { ...converted, geometry: converted.geometry ?? null };
  });
  return { type: 'FeatureCollection', features };
}
