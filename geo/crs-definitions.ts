/**
 * Coordinate system definitions by well-known id, from two published sources instead of a hand list:
 * - EPSG codes: the proj4 definitions of the `epsg` package (Proj4js's EPSG list, with the datum
 *   shifts EPSG publishes as 7-parameter Helmert transforms, so no grid files are needed);
 * - Esri codes (102xxx, 54xxx… and Esri ids of EPSG systems): the projection engine's own WKT from
 *   Esri's `@esri/proj-codes`, read as ArcGIS servers write it. An Esri entry whose `latestWkid` is
 *   an EPSG code takes the EPSG definition (it carries the datum shift; Esri's WKT does not).
 * Both lists load on the first id the built-in table does not know, once.
 */
import { createRequire } from 'node:module';

export interface CrsDefinition {
  /** A proj4 definition: PROJ.4 string or WKT. */
  readonly definition: string;
  readonly isGeographic: boolean;
  /** The EPSG code ArcGIS names as `latestWkid`, when it has one. */
  readonly latestWkid?: number;
}

interface EsriEntry {
  readonly wkid: number;
  readonly latestWkid?: number;
  readonly wkt: string;
}

const require = createRequire(import.meta.url);

let epsg: Readonly<Record<string, string>> | undefined;
let esri: ReadonlyMap<number, EsriEntry> | undefined;

function epsgDefinitions(): Readonly<Record<string, string>> {
  epsg ??= require('epsg/crs-defs.json') as Record<string, string>;
  return epsg;
}

function esriDefinitions(): ReadonlyMap<number, EsriEntry> {
  if (esri) return esri;
  const byWkid = new Map<number, EsriEntry>();
  const projected = require('@esri/proj-codes/pe_list_projcs.json') as { ProjectedCoordinateSystems: readonly EsriEntry[] };
  const geographic = require('@esri/proj-codes/pe_list_geogcs.json') as { GeographicCoordinateSystems: readonly EsriEntry[] };
  for (const entry of [...projected.ProjectedCoordinateSystems, ...geographic.GeographicCoordinateSystems]) {
    // Only what is needed is kept: the lists also hold WKT2 and metadata (15 MB of JSON).
    const kept: EsriEntry = {
      wkid: entry.wkid,
      wkt: entry.wkt,
      ...(entry.latestWkid === undefined ? {} : { latestWkid: entry.latestWkid }),
    };
    byWkid.set(entry.wkid, kept);
    if (entry.latestWkid !== undefined && !byWkid.has(entry.latestWkid)) byWkid.set(entry.latestWkid, kept);
  }
  esri = byWkid;
  return esri;
}

function fromEpsg(wkid: number): CrsDefinition | undefined {
  const definition = epsgDefinitions()[`EPSG:${wkid}`];
  if (definition === undefined) return undefined;
  return { definition: definition.trim(), isGeographic: /\+proj=longlat\b/.test(definition) };
}

/** The definition of `wkid`, or undefined when neither source has it. */
export function crsDefinition(wkid: number): CrsDefinition | undefined {
  const own = fromEpsg(wkid);
  if (own) return own;
  const entry = esriDefinitions().get(wkid);
  if (!entry) return undefined;
  const latest = entry.latestWkid;
  const viaEpsg = latest === undefined || latest === wkid ? undefined : fromEpsg(latest);
  if (viaEpsg) return { ...viaEpsg, latestWkid: latest };
  return { definition: entry.wkt, isGeographic: entry.wkt.startsWith('GEOGCS'), ...(latest === undefined ? {} : { latestWkid: latest }) };
}
