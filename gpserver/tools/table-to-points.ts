import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { AttributeValue, Feature, Field, SpatialReference } from '../../geo/esri-json.js';
import { converterBetween, resolveSpatialReference, WGS84 } from '../../geo/spatial-reference.js';
import { ToolError, type ToolFunction } from '../model/tool.js';

export const POINTS_FILE = 'points.geojson';
/** Rows one run converts at most. */
export const MAX_ROWS = 100_000;

const X_NAMES = ['x', 'lon', 'long', 'longitude', 'easting'];
const Y_NAMES = ['y', 'lat', 'latitude', 'northing'];

function findColumn(columns: readonly string[], wanted: string | undefined, fallbacks: readonly string[], role: string): string {
  const candidates = wanted !== undefined ? [wanted] : fallbacks;
  const found = columns.find((c) => candidates.some((name) => c.trim().toLowerCase() === name.toLowerCase()));
  if (found === undefined)
    throw new ToolError(`No ${role} column ${candidates.map((c) => `'${c}'`).join(' or ')} in the table (columns: ${columns.join(', ')}).`);
  return found;
}

function readRows(text: string): Record<string, string>[] {
  try {
    return parse<Record<string, string>>(text, { columns: true, skip_empty_lines: true, trim: true, bom: true, to: MAX_ROWS + 1 });
  } catch (error) {
    throw new ToolError(`The file is not a readable CSV table: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const isNumeric = (text: string | undefined): boolean => text !== undefined && text !== '' && Number.isFinite(Number(text));

/**
 * A CSV table with coordinate columns → a point feature set (the other columns as attributes: numbers
 * where every row has one, text otherwise), plus the points as a GeoJSON file (WGS84, RFC 7946).
 * Rows without numeric coordinates are skipped with a warning.
 */
export const tableToPoints: ToolFunction = async (inputs, context) => {
  const table = inputs.Input_Table as { localPath: string; name: string };
  const sr = (inputs.Spatial_Reference as SpatialReference | undefined) ?? WGS84;
  const rows = readRows(await readFile(table.localPath, 'utf8'));
  if (rows.length > MAX_ROWS) throw new ToolError(`The table has more than ${MAX_ROWS} rows.`);
  const columns = Object.keys(rows[0] ?? {});
  const xColumn = findColumn(columns, inputs.X_Field as string | undefined, X_NAMES, 'x');
  const yColumn = findColumn(columns, inputs.Y_Field as string | undefined, Y_NAMES, 'y');
  const attributes = columns.filter((c) => c !== xColumn && c !== yColumn);
  const numeric = new Set(attributes.filter((c) => rows.every((row) => row[c] === '' || isNumeric(row[c]))));
  const fields: Field[] = [
    { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
    ...attributes.map((name): Field =>
      numeric.has(name)
        ? { name, type: 'esriFieldTypeDouble', alias: name }
        : { name, type: 'esriFieldTypeString', alias: name, length: 255 },
    ),
  ];
  const features: Feature[] = [];
  for (const [index, row] of rows.entries()) {
    if (!isNumeric(row[xColumn]) || !isNumeric(row[yColumn])) {
      context.message('esriJobMessageTypeWarning', `Row ${index + 1} skipped: its coordinates are not numbers.`);
      continue;
    }
    const values: Record<string, AttributeValue> = { OBJECTID: features.length + 1 };
    for (const name of attributes) values[name] = numeric.has(name) ? (row[name] === '' ? null : Number(row[name])) : (row[name] ?? null);
    features.push({ geometry: { x: Number(row[xColumn]), y: Number(row[yColumn]) }, attributes: values });
  }
  if (features.length === 0) throw new ToolError(`No row of ${table.name} has numeric '${xColumn}' and '${yColumn}' values.`);
  context.message('esriJobMessageTypeInformative', `${features.length} points from ${rows.length} rows of ${table.name}.`);
  const toWgs84 = converterBetween(resolveSpatialReference(sr), resolveSpatialReference(WGS84));
  const geojson = {
    type: 'FeatureCollection',
    features: features.map((feature) => {
      const point = feature.geometry as { x: number; y: number };
      return {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: toWgs84.forward([point.x, point.y]) },
        properties: feature.attributes,
      };
    }),
  };
  await mkdir(context.outputDir, { recursive: true });
  await writeFile(join(context.outputDir, POINTS_FILE), JSON.stringify(geojson));
  return {
    Output_Points: { geometryType: 'esriGeometryPoint', spatialReference: sr, fields, features },
    Output_File: { file: POINTS_FILE },
  };
};
