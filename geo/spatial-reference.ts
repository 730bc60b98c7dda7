import proj4 from 'proj4';
import { crsDefinition } from './crs-definitions.js';
import type { SpatialReference } from './esri-json.js';

/** A spatial reference the server can project: its proj4 definition and the JSON to emit for it. */
export interface ResolvedSpatialReference {
  /** Same key ⇔ same coordinate system (aliases such as 102100 and 3857 share one). */
  readonly key: string;
  /** A proj4 definition string (PROJ.4 string or WKT). */
  readonly definition: string;
  /** Canonical JSON to emit, e.g. `{ wkid: 102100, latestWkid: 3857 }`. */
  readonly json: SpatialReference;
  readonly isGeographic: boolean;
}

export type Converter = proj4.Converter;

export class SpatialReferenceError extends Error {
  override readonly name = 'SpatialReferenceError';

  /** `unsupported`: a well-formed id that no definition source knows; `invalid`: no id, or WKT that does not parse. */
  constructor(
    message: string,
    readonly kind: 'unsupported' | 'invalid' = 'invalid',
    readonly wkid?: number,
  ) {
    super(message);
  }
}

export const WGS84: SpatialReference = { wkid: 4326, latestWkid: 4326 };

const WEB_MERCATOR_DEFINITION =
  '+proj=merc +a=6378137 +b=6378137 +lat_ts=0 +lon_0=0 +x_0=0 +y_0=0 +k=1 +units=m +nadgrids=@null +wktext +no_defs';

const WGS84_RESOLVED: ResolvedSpatialReference = {
  key: 'wkid:4326',
  definition: '+proj=longlat +datum=WGS84 +no_defs',
  json: WGS84,
  isGeographic: true,
};

const WEB_MERCATOR: ResolvedSpatialReference = {
  key: 'wkid:3857',
  definition: WEB_MERCATOR_DEFINITION,
  // ArcGIS Server emits the legacy Esri wkid with the EPSG code as latestWkid.
  json: { wkid: 102100, latestWkid: 3857 },
  isGeographic: false,
};

const KNOWN = new Map<number, ResolvedSpatialReference>([
  [4326, WGS84_RESOLVED],
  [
    4269,
    { key: 'wkid:4269', definition: '+proj=longlat +datum=NAD83 +no_defs', json: { wkid: 4269, latestWkid: 4269 }, isGeographic: true },
  ],
  [3857, WEB_MERCATOR],
  [102100, WEB_MERCATOR],
  [102113, WEB_MERCATOR],
  [900913, WEB_MERCATOR],
  [
    54003,
    {
      key: 'wkid:54003',
      // PROJ's `+R_A +datum=WGS84`; proj4js ignores R_A and then applies a sphere→ellipsoid datum shift
      // (≈ 0.15° in latitude, not invertible), so the authalic radius is spelled out and the shift disabled.
      definition: '+proj=mill +lat_0=0 +lon_0=0 +x_0=0 +y_0=0 +R=6371007.181082429 +units=m +nadgrids=@null +wktext +no_defs',
      json: { wkid: 54003 },
      isGeographic: false,
    },
  ],
  [
    102003,
    {
      key: 'wkid:102003',
      definition: '+proj=aea +lat_0=37.5 +lon_0=-96 +lat_1=29.5 +lat_2=45.5 +x_0=0 +y_0=0 +datum=NAD83 +units=m +no_defs',
      json: { wkid: 102003 },
      isGeographic: false,
    },
  ],
]);

/** UTM zones on WGS84 are a formula, so they are generated rather than listed. */
function utm(wkid: number): ResolvedSpatialReference | undefined {
  const north = wkid >= 32601 && wkid <= 32660;
  const south = wkid >= 32701 && wkid <= 32760;
  if (!north && !south) return undefined;
  const zone = wkid % 100;
  return {
    key: `wkid:${wkid}`,
    definition: `+proj=utm +zone=${zone}${south ? ' +south' : ''} +datum=WGS84 +units=m +no_defs`,
    json: { wkid, latestWkid: wkid },
    isGeographic: false,
  };
}

/**
 * Resolved ids, bounded by the two lists (some 16,000 ids). A miss is not remembered: ids come from
 * upstream answers and client arguments (`outSR`), and a miss is an O(1) lookup in either list.
 */
const published = new Map<number, ResolvedSpatialReference>();

/** Any other EPSG or Esri id, from the published definitions (geo/crs-definitions.ts). */
function fromDefinitions(wkid: number): ResolvedSpatialReference | undefined {
  const cached = published.get(wkid);
  if (cached) return cached;
  const found = crsDefinition(wkid);
  if (!found) return undefined;
  const resolved: ResolvedSpatialReference = {
    key: `wkid:${found.latestWkid ?? wkid}`,
    definition: found.definition,
    json: { wkid, latestWkid: found.latestWkid ?? wkid },
    isGeographic: found.isGeographic,
  };
  published.set(wkid, resolved);
  return resolved;
}

function byWkid(wkid: number | undefined): ResolvedSpatialReference | undefined {
  if (wkid === undefined || !Number.isSafeInteger(wkid) || wkid <= 0) return undefined;
  return KNOWN.get(wkid) ?? utm(wkid) ?? fromDefinitions(wkid);
}

const wktCache = new Map<string, ResolvedSpatialReference>();

function byWkt(wkt: string): ResolvedSpatialReference {
  const cached = wktCache.get(wkt);
  if (cached !== undefined) return cached;
  let names: readonly string[] | undefined;
  try {
    // Invalid WKT throws, sometimes a bare string rather than an Error.
    names = new proj4.Proj(wkt).names;
  } catch {
    names = undefined;
  }
  if (names === undefined || names.length === 0) {
    throw new SpatialReferenceError(`Invalid spatial reference: wkt ${JSON.stringify(wkt.slice(0, 120))} cannot be parsed`);
  }
  const resolved: ResolvedSpatialReference = { key: `wkt:${wkt}`, definition: wkt, json: { wkt }, isGeographic: names.includes('longlat') };
  wktCache.set(wkt, resolved);
  return resolved;
}

/** Resolves an Esri spatial reference; `undefined` means WGS84. Throws SpatialReferenceError when unknown. */
export function resolveSpatialReference(sr: SpatialReference | undefined): ResolvedSpatialReference {
  if (sr === undefined) return WGS84_RESOLVED;
  const known = byWkid(sr.wkid) ?? byWkid(sr.latestWkid);
  if (known !== undefined) return known;
  if (sr.wkt !== undefined && sr.wkt !== '') return byWkt(sr.wkt);
  if (sr.wkid === undefined && sr.latestWkid === undefined) {
    throw new SpatialReferenceError('Invalid spatial reference: it has neither wkid nor wkt');
  }
  const wkid = sr.wkid ?? sr.latestWkid;
  const latest = sr.latestWkid === undefined || sr.latestWkid === wkid ? '' : ` (latestWkid ${sr.latestWkid})`;
  throw new SpatialReferenceError(
    `Unsupported spatial reference: wkid ${wkid}${latest} is in neither the EPSG nor the Esri list of coordinate systems`,
    'unsupported',
    wkid,
  );
}

const converters = new Map<string, Converter>();

/** A cached proj4 converter; parsing definitions is far costlier than transforming points. */
export function converterBetween(from: ResolvedSpatialReference, to: ResolvedSpatialReference): Converter {
  const key = `${from.key}\n${to.key}`;
  let converter = converters.get(key);
  if (converter === undefined) {
    converter = proj4(from.definition, to.definition);
    converters.set(key, converter);
  }
  return converter;
}

const unitScales = new Map<string, number>();

/** Metres per coordinate unit of a projected system (1 unless its definition says feet etc.). */
export function metersPerCoordinateUnit(sr: ResolvedSpatialReference): number {
  let scale = unitScales.get(sr.key);
  if (scale === undefined) {
    // proj4 sets to_meter only for non-metre units and leaves it out of its typings.
    const toMeter: unknown = Reflect.get(new proj4.Proj(sr.definition), 'to_meter');
    scale = typeof toMeter === 'number' && Number.isFinite(toMeter) && toMeter > 0 ? toMeter : 1;
    unitScales.set(sr.key, scale);
  }
  return scale;
}
