import { writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureSet, PolygonGeometry } from '../../geo/esri-json.js';
import { converterBetween, resolveSpatialReference } from '../../geo/spatial-reference.js';
import { ToolError, type ToolFunction } from '../model/tool.js';
import { readValueRaster, type ValueRaster } from '../raster/read-value-raster.js';
import { toCsv } from './csv-text.js';

interface ZoneStatistics {
  readonly zone: string;
  count: number;
  min: number;
  max: number;
  sum: number;
  sumOfSquares: number;
}

export const STATISTICS_FILE = 'zonal_statistics.csv';

/** Even-odd rule over every ring, so holes (counter-clockwise rings) fall out. */
function inside(rings: readonly (readonly [number, number])[][], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] ?? [0, 0];
      const [xj, yj] = ring[j] ?? [0, 0];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/** Accumulates the raster cells whose centres fall in the polygon. */
function accumulate(raster: ValueRaster, rings: readonly (readonly [number, number])[][], stats: ZoneStatistics): void {
  const xs = rings.flatMap((ring) => ring.map(([x]) => x));
  const ys = rings.flatMap((ring) => ring.map(([, y]) => y));
  const [i0, i1] = [Math.max(0, Math.floor(Math.min(...xs))), Math.min(raster.width - 1, Math.ceil(Math.max(...xs)))];
  const [j0, j1] = [Math.max(0, Math.floor(Math.min(...ys))), Math.min(raster.height - 1, Math.ceil(Math.max(...ys)))];
  for (let j = j0; j <= j1; j++) {
    for (let i = i0; i <= i1; i++) {
      if (!inside(rings, i + 0.5, j + 0.5)) continue;
      const value = raster.values[j * raster.width + i] ?? Number.NaN;
      if (Number.isNaN(value) || value === raster.noData) continue;
      stats.count++;
      stats.min = Math.min(stats.min, value);
      stats.max = Math.max(stats.max, value);
      stats.sum += value;
      stats.sumOfSquares += value * value;
    }
  }
}

function zoneName(feature: FeatureSet['features'][number], field: string | undefined, index: number): string {
  const value = field === undefined ? undefined : feature.attributes[field];
  return value === undefined || value === null ? String(index + 1) : String(value);
}

/**
 * Zonal statistics as a table: for each zone polygon, the count, minimum, maximum, mean, standard
 * deviation and sum of the raster cells whose centres lie inside it (the first band of an uploaded
 * GeoTIFF; no-data cells left out). Zones are projected to the raster's CRS. The same table is
 * written as a CSV file, a file result of the job.
 */
export const zonalStatistics: ToolFunction = async (inputs, context) => {
  const zones = inputs.In_Zone_Features as FeatureSet;
  const rasterFile = inputs.In_Value_Raster as { localPath: string; name: string };
  const field = inputs.Zone_Field as string | undefined;
  let raster: ValueRaster;
  try {
    raster = await readValueRaster(rasterFile.localPath);
  } catch (error) {
    throw new ToolError(`Cannot read ${rasterFile.name} as a GeoTIFF raster: ${error instanceof Error ? error.message : String(error)}`);
  }
  context.message(
    'esriJobMessageTypeInformative',
    `Raster ${rasterFile.name}: ${raster.width} × ${raster.height} cells in ${raster.crs.key}.`,
  );
  const toCrs = converterBetween(resolveSpatialReference(zones.spatialReference), raster.crs);
  const rows: ZoneStatistics[] = [];
  for (const [index, feature] of zones.features.entries()) {
    if (context.signal.aborted) throw context.signal.reason;
    const stats: ZoneStatistics = {
      zone: zoneName(feature, field, index),
      count: 0,
      min: Infinity,
      max: -Infinity,
      sum: 0,
      sumOfSquares: 0,
    };
    const polygon = feature.geometry as PolygonGeometry | undefined;
    const rings = (polygon?.rings ?? []).map((ring) =>
      ring.map((position) => {
        const [x = Number.NaN, y = Number.NaN] = toCrs.forward([position[0] ?? Number.NaN, position[1] ?? Number.NaN]);
        return raster.toRaster(x, y);
      }),
    );
    if (rings.length > 0) accumulate(raster, rings, stats);
    rows.push(stats);
    context.progress({ type: 'step', message: `Zone ${stats.zone}`, percent: Math.round(((index + 1) / zones.features.length) * 100) });
  }
  const table = rows.map((s) => {
    const mean = s.count === 0 ? null : s.sum / s.count;
    const std = mean === null ? null : Math.sqrt(Math.max(0, s.sumOfSquares / s.count - mean * mean));
    return {
      ZONE: s.zone,
      COUNT: s.count,
      MIN: s.count === 0 ? null : s.min,
      MAX: s.count === 0 ? null : s.max,
      MEAN: mean,
      STD: std,
      SUM: s.sum,
    };
  });
  const columns = ['ZONE', 'COUNT', 'MIN', 'MAX', 'MEAN', 'STD', 'SUM'] as const;
  await mkdir(context.outputDir, { recursive: true });
  await writeFile(join(context.outputDir, STATISTICS_FILE), toCsv(columns, table));
  return {
    Out_Table: {
      fields: [
        { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
        { name: 'ZONE', type: 'esriFieldTypeString', alias: 'Zone', length: 255 },
        { name: 'COUNT', type: 'esriFieldTypeInteger', alias: 'Count' },
        ...(['MIN', 'MAX', 'MEAN', 'STD', 'SUM'] as const).map((name) => ({ name, type: 'esriFieldTypeDouble', alias: name })),
      ],
      features: table.map((row, index) => ({ attributes: { OBJECTID: index + 1, ...row } })),
    },
    Out_Statistics_File: { file: STATISTICS_FILE },
  };
};
