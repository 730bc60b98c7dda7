/**
 * Feature data between GraphQL (Esri JSON or GeoJSON) and GP REST (Esri JSON FeatureSets).
 * Both directions are pure. GeoJSON is WGS84 by definition (RFC 7946), so a caller that wants
 * GeoJSON out must ask upstream for `outSR=4326`; Web Mercator (102100/3857), the other common
 * answer, is unprojected here since the closed form is exact and cheap. Any other spatial
 * reference is refused rather than emitting GeoJSON with projected coordinates.
 */
import { arcgisToGeoJSON } from '@terraformer/arcgis';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { GatewayError } from '../../gateway/errors/gateway-error.js';
import type { EsriFeatureSet, EsriGeometry, EsriPosition } from './esri-types.js';
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
export function featureSetFromInput(input: FeatureSetInput, param: string, options: FeatureSetInputOptions = {}): EsriFeatureSet {
  const fail = failFor(param);
  const recordSet = options.recordSet ?? false;
  const hasEsri = input.esriJson !== undefined && input.esriJson !== null;
  const hasGeo = input.geoJson !== undefined && input.geoJson !== null;
  if (hasEsri === hasGeo) fail(`give exactly one of esriJson and geoJson${hasEsri ? ', not both' : ''}`);
  return hasEsri ? checkEsriFeatureSet(input.esriJson, recordSet, fail) : geoJsonToFeatureSet(input.geoJson, recordSet, fail);
}

const WEB_MERCATOR_WKIDS: ReadonlySet<number> = new Set([102100, 3857, 900913, 102113]);
const EARTH_RADIUS = 6378137;
const DEGREES = 180 / Math.PI;

/** Spherical Web Mercator → WGS84 longitude/latitude (z and anything after kept). */
export function webMercatorToWgs84(position: EsriPosition): EsriPosition {
  const [x = NaN, y = NaN, ...rest] = position;
  const lon = (x / EARTH_RADIUS) * DEGREES;
  const lat = (Math.PI / 2 - 2 * Math.atan(Math.exp(-y / EARTH_RADIUS))) * DEGREES;
  return [lon, lat, ...rest];
}

function toWgs84(fs: EsriFeatureSet, param: string | undefined): ((p: EsriPosition) => EsriPosition) | undefined {
  const sr = fs.spatialReference;
  const wkid = sr?.latestWkid ?? sr?.wkid;
  if (sr === undefined || wkid === 4326) return undefined;
  if (wkid !== undefined && WEB_MERCATOR_WKIDS.has(wkid)) return webMercatorToWgs84;
  const named = wkid === undefined ? 'a WKT spatial reference' : `wkid ${wkid}`;
  throw new GatewayError('INVALID_INPUT', `GeoJSON needs WGS84 coordinates but the feature set is in ${named}: request it with outSR 4326`, param === undefined ? {} : { parameter: param });
}

/** Esri positions carry m after z (or after y when there is no z); GeoJSON would read that m as z. */
function withoutM(geometry: EsriGeometry, fs: EsriFeatureSet): (p: EsriPosition) => EsriPosition {
  const hasZ = geometry.hasZ ?? fs.hasZ ?? false;
  const hasM = geometry.hasM ?? fs.hasM ?? false;
  const keep = hasM ? (hasZ ? 3 : 2) : 3;
  return (p) => (p.length > keep ? p.slice(0, keep) : p);
}

type TerraformerInput = Parameters<typeof arcgisToGeoJSON>[0];

function compose(first: (p: EsriPosition) => EsriPosition, then: ((p: EsriPosition) => EsriPosition) | undefined) {
  return then === undefined ? first : (p: EsriPosition) => then(first(p));
}

function isEmpty(geometry: EsriGeometry): boolean {
  if ('points' in geometry) return geometry.points.length === 0;
  if ('paths' in geometry) return geometry.paths.length === 0;
  return 'rings' in geometry && geometry.rings.length === 0;
}

/**
 * A GeoJSON FeatureCollection of an Esri feature or record set. The set must be in WGS84 (4326, or
 * no spatial reference) or Web Mercator; ids come from OBJECTID or FID; a feature without geometry
 * has `geometry: null`. `param` names the output in the error.
 */
export function featureSetToGeoJson(fs: EsriFeatureSet, param?: string): FeatureCollection<Geometry | null> {
  const project = toWgs84(fs, param);
  const features = fs.features.map((feature): Feature<Geometry | null> => {
    const { geometry, attributes } = feature;
    const plain = geometry === undefined || isEmpty(geometry) ? undefined : mapEsriPositions(geometry, compose(withoutM(geometry, fs), project));
    const converted = arcgisToGeoJSON({ geometry: plain, attributes } as unknown as TerraformerInput) as unknown as Feature<Geometry | null>;
    return { ...converted, geometry: converted.geometry ?? null };
  });
  return { type: 'FeatureCollection', features };
}
