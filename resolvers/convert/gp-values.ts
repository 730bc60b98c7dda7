import type { FeatureSet } from '../../geo/esri-json.js';
import { WGS84 } from '../../geo/spatial-reference.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { Uploadable } from '../../core/files/disk-file.js';
import type { FeatureFormatName, FeatureSetView } from '../views.js';
import { featureSetFromInput, featureSetToGeoJson } from './feature-set.js';

/** Input objects arrive with explicit nulls for fields a client set to null; REST values omit them. */
export function compact(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v != null)
      .map(([k, v]) => [k, compact(v)]),
  );
}

/** `FeatureSetInput.layer`: features the GPServer reads itself, from a layer or a layer query URL. */
interface LayerInput {
  readonly url: string;
  readonly filter?: string | null;
}

type FeatureInput = { readonly esriJson?: unknown; readonly geoJson?: unknown; readonly layer?: LayerInput | null };

/** A layer reference as ArcGIS Server takes it for a feature input: `{"url", "filter"}` (the URL is checked by resolvers/input-urls.ts). */
function fromLayer(layer: LayerInput, parameter: string): unknown {
  if (!URL.canParse(layer.url)) throw new GatewayError('INVALID_INPUT', `${parameter}: layer.url must be an absolute URL.`, { parameter });
  return { url: layer.url, ...(layer.filter != null && layer.filter !== '' ? { filter: layer.filter } : {}) };
}

export function toFeatureSet(value: unknown, parameter: string): unknown {
  const input = value as FeatureInput;
  return input.layer != null ? fromLayer(input.layer, parameter) : featureSetFromInput(input, parameter);
}

/** GPRecordSet: the same input, but rows need no geometry. */
export function toRecordSet(value: unknown, parameter: string): unknown {
  const input = value as FeatureInput;
  return input.layer != null ? fromLayer(input.layer, parameter) : featureSetFromInput(input, parameter, { recordSet: true });
}

interface FileInput {
  readonly url?: string | null;
  readonly itemId?: string | null;
  /** Replaced by the item id of its upload before the request is built (resolvers/staged-uploads.ts). */
  readonly upload?: Uploadable | null;
  readonly format?: string | null;
}

/** GPDataFile: `{url}` or `{itemID}` (ArcGIS spells it itemID); `@oneOf` has checked there is one. */
export function toDataFile(value: unknown): unknown {
  const { url, itemId, upload } = value as FileInput;
  if (upload != null) return { upload };
  return url != null ? { url } : { itemID: itemId };
}

export function toRaster(value: unknown, parameter: string): unknown {
  const { url, itemId, upload, format } = value as FileInput;
  if ([url, itemId, upload].filter((v) => v != null).length !== 1) {
    throw new GatewayError('INVALID_INPUT', `${parameter}: give exactly one of url, itemId and upload.`, { parameter });
  }
  if (upload != null) return { upload };
  return url != null ? { url, format: format ?? undefined } : { itemID: itemId };
}

function isFeatureSet(value: unknown): value is FeatureSet {
  return typeof value === 'object' && value !== null && Array.isArray((value as { features?: unknown }).features);
}

/**
 * A feature output as the schema's FeatureSet. GeoJSON is WGS84 by definition (RFC 7946 §4);
 * featureSetToGeoJson projects Esri JSON in any other spatial reference.
 */
export function fromFeatureSet(value: unknown, format: FeatureFormatName, parameter?: string): FeatureSetView | null {
  if (!isFeatureSet(value)) return null;
  const summary = {
    geometryType: value.geometryType,
    fields: value.fields ?? [],
    featureCount: value.features.length,
    exceededTransferLimit: value.exceededTransferLimit === true,
  };
  if (format === 'ESRI_JSON') return { ...summary, format, spatialReference: value.spatialReference, data: value };
  return { ...summary, format, spatialReference: WGS84, data: featureSetToGeoJson(value, parameter) };
}
