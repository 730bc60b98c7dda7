/**
 * `GPOptions` → the request environment of execute and submitJob. ArcGIS 10.6.1 and later
 * (`currentVersion` ≥ 10.61) take one `context` parameter (`{"outSR", "processSR", "extent"}`) and
 * deprecate `env:outSR`/`env:processSR`; earlier servers, and servers whose version is unknown, get
 * the `env:` parameters every version reads.
 */
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { SpatialReference } from '../../geo/esri-json.js';

/** A spatial reference as GraphQL gives it (`SpatialReferenceInput`: absent fields may be null). */
export interface SpatialReferenceOption {
  readonly wkid?: number | null;
  readonly latestWkid?: number | null;
  readonly wkt?: string | null;
}

export interface ExtentOption {
  readonly xmin: number;
  readonly ymin: number;
  readonly xmax: number;
  readonly ymax: number;
  readonly spatialReference?: SpatialReferenceOption | null;
}

export interface GpOptionsShape {
  readonly outSR?: number | null;
  readonly processSR?: number | null;
  readonly outSpatialReference?: SpatialReferenceOption | null;
  readonly processSpatialReference?: SpatialReferenceOption | null;
  readonly extent?: ExtentOption | null;
  readonly returnZ?: boolean | null;
  readonly returnM?: boolean | null;
}

/** The first server version that reads `context` (10.6.1, as `currentVersion` writes it). */
export const CONTEXT_SINCE_VERSION = 10.61;

const invalid = (message: string): never => {
  throw new GatewayError('INVALID_INPUT', `options: ${message}`, { parameter: 'options' });
};

function spatialReference(option: SpatialReferenceOption, name: string): SpatialReference {
  const sr: { wkid?: number; latestWkid?: number; wkt?: string } = {};
  if (option.wkid != null) sr.wkid = option.wkid;
  if (option.latestWkid != null) sr.latestWkid = option.latestWkid;
  if (option.wkt != null && option.wkt.trim() !== '') sr.wkt = option.wkt;
  if (sr.wkid === undefined && sr.latestWkid === undefined && sr.wkt === undefined) invalid(`${name} needs a wkid, latestWkid or wkt`);
  return sr;
}

/** One spatial reference from the integer shorthand or the object; both at once is a mistake. */
function oneOf(
  wkid: number | null | undefined,
  option: SpatialReferenceOption | null | undefined,
  [short, long]: readonly [string, string],
): SpatialReference | undefined {
  if (wkid != null && option != null) invalid(`give ${short} or ${long}, not both`);
  if (wkid != null) return { wkid };
  return option == null ? undefined : spatialReference(option, long);
}

function extentOf(option: ExtentOption): Readonly<Record<string, unknown>> {
  const { xmin, ymin, xmax, ymax } = option;
  if (!(xmin <= xmax && ymin <= ymax)) invalid('extent needs xmin ≤ xmax and ymin ≤ ymax');
  return {
    xmin,
    ymin,
    xmax,
    ymax,
    ...(option.spatialReference ? { spatialReference: spatialReference(option.spatialReference, 'extent.spatialReference') } : {}),
  };
}

/** `env:outSR=4326` for a bare wkid (what every version reads), JSON otherwise. */
const envValue = (sr: SpatialReference): string =>
  sr.wkid !== undefined && sr.latestWkid === undefined && sr.wkt === undefined ? String(sr.wkid) : JSON.stringify(sr);

/**
 * The REST parameters for the options; absent options send nothing (the server's defaults apply).
 * `serverVersion` is the service's `currentVersion`. Throws INVALID_INPUT for contradictory options.
 */
export function optionsToParams(options: GpOptionsShape | null | undefined, serverVersion?: number): Record<string, string> {
  const params: Record<string, string> = {};
  if (!options) return params;
  const outSR = oneOf(options.outSR, options.outSpatialReference, ['outSR', 'outSpatialReference']);
  const processSR = oneOf(options.processSR, options.processSpatialReference, ['processSR', 'processSpatialReference']);
  const extent = options.extent ? extentOf(options.extent) : undefined;
  if (serverVersion !== undefined && serverVersion >= CONTEXT_SINCE_VERSION) {
    const context = { ...(outSR ? { outSR } : {}), ...(processSR ? { processSR } : {}), ...(extent ? { extent } : {}) };
    if (Object.keys(context).length > 0) params.context = JSON.stringify(context);
  } else {
    if (outSR) params['env:outSR'] = envValue(outSR);
    if (processSR) params['env:processSR'] = envValue(processSR);
    if (extent) params['env:extent'] = JSON.stringify(extent);
  }
  if (options.returnZ != null) params.returnZ = String(options.returnZ);
  if (options.returnM != null) params.returnM = String(options.returnM);
  return params;
}
