/** GeoJSON (RFC 7946: WGS84 longitude/latitude) given as GraphQL input → an Esri FeatureSet in wkid 4326. */
import { geojsonToArcGIS } from '@terraformer/arcgis';
import type { Geometry, Polygon, Position } from 'geojson';
import type { Feature as EsriFeature, FeatureSet, Geometry as EsriGeometry, GeometryType, PolygonGeometry } from '../../geo/esri-json.js';
import { checkAttributes, isRecord, parsedJson, type Fail } from './invalid-input.js';

const ESRI_GEOMETRY_TYPE: Readonly<Record<string, GeometryType>> = {
  Point: 'esriGeometryPoint',
  MultiPoint: 'esriGeometryMultipoint',
  LineString: 'esriGeometryPolyline',
  MultiLineString: 'esriGeometryPolyline',
  Polygon: 'esriGeometryPolygon',
  MultiPolygon: 'esriGeometryPolygon',
};

function checkPosition(value: unknown, where: string, fail: Fail): Position {
  if (!Array.isArray(value) || value.length < 2 || value.length > 3)
    return fail(`${where} must be a position [longitude, latitude] or [longitude, latitude, elevation]`);
  const position = value as unknown[];
  if (!position.every((c) => typeof c === 'number' && Number.isFinite(c)))
    return fail(`${where} has a coordinate that is not a finite number: ${JSON.stringify(value)}`);
  const [lon = 0, lat = 0] = position as number[];
  // Projected coordinates passed as GeoJSON are the usual mistake; RFC 7946 coordinates are degrees.
  if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
    return fail(`${where} ${JSON.stringify(value)} is not a WGS84 longitude/latitude (GeoJSON coordinates are degrees)`);
  return position as number[];
}

function checkArray(value: unknown, where: string, min: number, what: string, fail: Fail): unknown[] {
  if (!Array.isArray(value)) return fail(`${where} must be an array of ${what}`);
  const item = (value as unknown[]).find((v) => !Array.isArray(v));
  if (item !== undefined)
    return fail(`${where} must be an array of ${what}, not of ${JSON.stringify(item)}: wrong nesting for this geometry type`);
  if (value.length < min) return fail(`${where} has ${value.length} ${what}; at least ${min} ${min === 1 ? 'is' : 'are'} needed`);
  return value as unknown[];
}

function checkLine(value: unknown, where: string, fail: Fail): Position[] {
  return checkArray(value, where, 2, 'positions', fail).map((p, i) => checkPosition(p, `${where}[${i}]`, fail));
}

function checkRing(value: unknown, where: string, fail: Fail): Position[] {
  const ring = checkArray(value, where, 4, 'positions (a linear ring needs at least 4)', fail).map((p, i) =>
    checkPosition(p, `${where}[${i}]`, fail),
  );
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (first?.[0] !== last?.[0] || first?.[1] !== last?.[1] || first?.[2] !== last?.[2])
    fail(`${where} is not closed: its last position must repeat its first`);
  return ring;
}

function checkPolygon(value: unknown, where: string, fail: Fail): Position[][] {
  return checkArray(value, where, 1, 'rings', fail).map((r, i) => checkRing(r, `${where}[${i}]`, fail));
}

/** A checked copy of a GeoJSON geometry, with its Esri geometry type. */
function checkGeometry(value: unknown, where: string, fail: Fail): { geometry: Geometry; type: GeometryType } {
  if (!isRecord(value) || typeof value.type !== 'string') return fail(`${where} must be a GeoJSON geometry object with a type`);
  const type = ESRI_GEOMETRY_TYPE[value.type];
  if (type === undefined) {
    const why =
      value.type === 'GeometryCollection'
        ? 'GeometryCollection has no Esri JSON equivalent'
        : `unknown GeoJSON geometry type ${JSON.stringify(value.type)}`;
    return fail(`${where}: ${why}`);
  }
  const c = value.coordinates;
  const at = `${where}.coordinates`;
  switch (value.type) {
    case 'Point':
      return { type, geometry: { type: 'Point', coordinates: checkPosition(c, at, fail) } };
    case 'MultiPoint':
      return {
        type,
        geometry: {
          type: 'MultiPoint',
          coordinates: checkArray(c, at, 1, 'positions', fail).map((p, i) => checkPosition(p, `${at}[${i}]`, fail)),
        },
      };
    case 'LineString':
      return { type, geometry: { type: 'LineString', coordinates: checkLine(c, at, fail) } };
    case 'MultiLineString':
      return {
        type,
        geometry: {
          type: 'MultiLineString',
          coordinates: checkArray(c, at, 1, 'lines', fail).map((l, i) => checkLine(l, `${at}[${i}]`, fail)),
        },
      };
    case 'Polygon':
      return { type, geometry: { type: 'Polygon', coordinates: checkPolygon(c, at, fail) } };
    default:
      return {
        type,
        geometry: {
          type: 'MultiPolygon',
          coordinates: checkArray(c, at, 1, 'polygons', fail).map((p, i) => checkPolygon(p, `${at}[${i}]`, fail)),
        },
      };
  }
}

function toEsriGeometry(geometry: Geometry): EsriGeometry {
  // Terraformer flattens a MultiPolygon holes first; polygon by polygon keeps each outer ring before its holes.
  if (geometry.type === 'MultiPolygon') {
    const rings = geometry.coordinates.flatMap(
      (coordinates) => (toEsriGeometry({ type: 'Polygon', coordinates } satisfies Polygon) as PolygonGeometry).rings,
    );
    return { rings };
  }
  // Terraformer adds a 4326 spatialReference to each geometry and hasZ to some; the feature set carries both.
  const {
    spatialReference: _sr,
    hasZ: _hasZ,
    ...esri
  } = geojsonToArcGIS(geometry) as unknown as EsriGeometry & { readonly hasZ?: boolean };
  return esri;
}

function hasZ(geometry: Geometry): boolean {
  const positions: Position[] =
    geometry.type === 'Point'
      ? [geometry.coordinates]
      : geometry.type === 'MultiPoint' || geometry.type === 'LineString'
        ? geometry.coordinates
        : geometry.type === 'MultiLineString' || geometry.type === 'Polygon'
          ? geometry.coordinates.flat()
          : geometry.type === 'MultiPolygon'
            ? geometry.coordinates.flat(2)
            : [];
  return positions.some((p) => p.length > 2);
}

function checkFeature(
  value: unknown,
  where: string,
  recordSet: boolean,
  fail: Fail,
): { feature: EsriFeature; type?: GeometryType; z: boolean } {
  if (!isRecord(value) || value.type !== 'Feature') return fail(`${where} must be a GeoJSON Feature`);
  const attributes = checkAttributes(value.properties, `${where}.properties`, fail);
  // Integer ids are feature ids; anything else has no Esri attribute to go to.
  if (typeof value.id === 'number' && Number.isSafeInteger(value.id) && !('OBJECTID' in attributes)) attributes.OBJECTID = value.id;
  if (value.geometry === null || value.geometry === undefined) {
    return recordSet ? { feature: { attributes }, z: false } : fail(`${where} has no geometry (only record sets may omit geometry)`);
  }
  const { geometry, type } = checkGeometry(value.geometry, `${where}.geometry`, fail);
  return { feature: { geometry: toEsriGeometry(geometry), attributes }, type, z: hasZ(geometry) };
}

export function geoJsonToFeatureSet(input: unknown, recordSet: boolean, fail: Fail): FeatureSet {
  const value = parsedJson(input, 'geoJson', fail);
  if (!isRecord(value) || typeof value.type !== 'string')
    return fail('geoJson must be a GeoJSON FeatureCollection, Feature or geometry object');
  let checked: ReturnType<typeof checkFeature>[];
  if (value.type === 'FeatureCollection') {
    if (!Array.isArray(value.features)) return fail('geoJson.features must be an array of Features');
    checked = (value.features as unknown[]).map((f, i) => checkFeature(f, `geoJson.features[${i}]`, recordSet, fail));
  } else if (value.type === 'Feature') {
    checked = [checkFeature(value, 'geoJson', recordSet, fail)];
  } else {
    checked = [checkFeature({ type: 'Feature', geometry: value, properties: null }, 'geoJson', recordSet, fail)];
  }
  const types = [...new Set(checked.flatMap((c) => (c.type === undefined ? [] : [c.type])))];
  if (types.length > 1) fail(`geoJson mixes geometry types (${types.join(', ')}); an Esri feature set holds one`);
  const features = checked.map((c) => c.feature);
  const geometryType = types[0];
  if (geometryType === undefined) return { features };
  return { geometryType, spatialReference: { wkid: 4326 }, ...(checked.some((c) => c.z) ? { hasZ: true } : {}), features };
}
