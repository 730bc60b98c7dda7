import type { SpatialReference } from '../../geo/esri-json.js';
import type { ToolEnvironment } from '../model/tool.js';
import { resolveSpatialReference } from '../../geo/spatial-reference.js';
import type { RequestParams } from './request-params.js';
import { parseLenientJson } from './lenient-json.js';
import { restErrors } from './rest-error.js';

const invalidValue = (name: string, why: string): Error => restErrors.invalidParameters([`Invalid value for '${name}': ${why}`]);

/** A spatial reference value (a wkid, `{"wkid": …}` / `{"wkt": …}` JSON, or WKT), checked against the known systems. */
function spatialReferenceOf(value: unknown, name: string): SpatialReference {
  let sr: SpatialReference;
  if (typeof value === 'number' || (typeof value === 'string' && /^\d+$/.test(value.trim()))) sr = { wkid: Number(value) };
  else if (typeof value === 'string') sr = { wkt: value.trim() };
  else if (typeof value === 'object' && value !== null) sr = value;
  else throw invalidValue(name, 'not a spatial reference.');
  try {
    return resolveSpatialReference(sr).json;
  } catch (error) {
    throw invalidValue(name, error instanceof Error ? error.message : String(error));
  }
}

function parsedJson(raw: string, name: string): unknown {
  try {
    return parseLenientJson(raw);
  } catch {
    throw invalidValue(name, 'malformed JSON.');
  }
}

/** `env:outSR=102100`, `env:outSR={"wkid":4326}` or a WKT string; validated against the known systems. */
export function readSpatialReference(params: RequestParams, name: string): SpatialReference | undefined {
  const raw = params.get(name)?.trim();
  if (raw === undefined || raw === '') return undefined;
  return spatialReferenceOf(raw.startsWith('{') ? parsedJson(raw, name) : raw, name);
}

/**
 * `context` (ArcGIS 10.6.1+): `{"outSR": …, "processSR": …, "extent": …}`. Its members take precedence
 * over the `env:` parameters it replaces; the extent is checked, and the embedded tools compute
 * over their whole input whatever it says.
 */
function readContext(params: RequestParams): { outSR?: SpatialReference; processSR?: SpatialReference } {
  const raw = params.get('context')?.trim();
  if (raw === undefined || raw === '') return {};
  const context = parsedJson(raw, 'context');
  if (typeof context !== 'object' || context === null || Array.isArray(context)) throw invalidValue('context', 'not a JSON object.');
  const { outSR, processSR, extent } = context as { outSR?: unknown; processSR?: unknown; extent?: unknown };
  if (extent !== undefined) {
    const { xmin, ymin, xmax, ymax } = (extent ?? {}) as Record<string, unknown>;
    if (![xmin, ymin, xmax, ymax].every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw invalidValue('context', 'extent needs numbers xmin, ymin, xmax and ymax.');
    }
  }
  return {
    ...(outSR === undefined ? {} : { outSR: spatialReferenceOf(outSR, 'context.outSR') }),
    ...(processSR === undefined ? {} : { processSR: spatialReferenceOf(processSR, 'context.processSR') }),
  };
}

/** The environment of an execute or submitJob request. */
export function readEnvironment(params: RequestParams): ToolEnvironment {
  const context = readContext(params);
  const outSR = context.outSR ?? readSpatialReference(params, 'env:outSR');
  const processSR = context.processSR ?? readSpatialReference(params, 'env:processSR');
  return {
    ...(outSR ? { outSR } : {}),
    ...(processSR ? { processSR } : {}),
    returnZ: params.flag('returnZ', false),
    returnM: params.flag('returnM', false),
  };
}
