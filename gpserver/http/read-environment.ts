import type { SpatialReference } from '../../geo/esri-json.js';
import type { ToolEnvironment } from '../model/tool.js';
import { resolveSpatialReference } from '../../geo/spatial-reference.js';
import type { RequestParams } from './request-params.js';
import { parseLenientJson } from './lenient-json.js';
import { restErrors } from './rest-error.js';

/** `env:outSR=102100`, `env:outSR={"wkid":4326}` or a WKT string; validated against the known systems. */
export function readSpatialReference(params: RequestParams, name: string): SpatialReference | undefined {
  const raw = params.get(name)?.trim();
  if (raw === undefined || raw === '') return undefined;
  let sr: SpatialReference;
  if (/^\d+$/.test(raw)) sr = { wkid: Number(raw) };
  else if (raw.startsWith('{')) {
    try {
      sr = parseLenientJson(raw) as SpatialReference;
    } catch {
      throw restErrors.invalidParameters([`Invalid value for '${name}': malformed JSON.`]);
    }
  } else sr = { wkt: raw };
  try {
    return resolveSpatialReference(sr).json;
  } catch (error) {
    throw restErrors.invalidParameters([`Invalid value for '${name}': ${error instanceof Error ? error.message : String(error)}`]);
  }
}

/** The environment of an execute or submitJob request. */
export function readEnvironment(params: RequestParams): ToolEnvironment {
  const outSR = readSpatialReference(params, 'env:outSR');
  const processSR = readSpatialReference(params, 'env:processSR');
  return {
    ...(outSR ? { outSR } : {}),
    ...(processSR ? { processSR } : {}),
    returnZ: params.flag('returnZ', false),
    returnM: params.flag('returnM', false),
  };
}
