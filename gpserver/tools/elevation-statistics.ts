import { setTimeout as sleep } from 'node:timers/promises';
import type { EnvelopeGeometry, FeatureSet } from '../../geo/esri-json.js';
import { ToolError, type ToolFunction } from '../model/tool.js';
import { projectGeometry } from '../../geo/project.js';
import { WGS84 } from '../../geo/spatial-reference.js';
import type { Terrain } from '../terrain/terrain.js';

const SAMPLES_PER_ROW = 64;
const ROWS_PER_BAND = 16;

interface BandStatistics {
  readonly min: number;
  readonly max: number;
  readonly mean: number;
  readonly count: number;
}

function bandStatistics(terrain: Terrain, area: EnvelopeGeometry, band: number, bands: number): BandStatistics {
  const height = (area.ymax - area.ymin) / bands;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let count = 0;
  for (let row = 0; row < ROWS_PER_BAND; row++) {
    const latitude = area.ymin + height * (band + (row + 0.5) / ROWS_PER_BAND);
    for (let column = 0; column < SAMPLES_PER_ROW; column++) {
      const longitude = area.xmin + ((area.xmax - area.xmin) * (column + 0.5)) / SAMPLES_PER_ROW;
      const elevation = terrain.elevationAt(longitude, latitude);
      if (Number.isNaN(elevation)) continue;
      min = Math.min(min, elevation);
      max = Math.max(max, elevation);
      sum += elevation;
      count++;
    }
  }
  return { min, max, mean: count > 0 ? sum / count : Number.NaN, count };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * A deliberately long-running task: elevation statistics of an area, computed band by band
 * (south to north) with an optional pause after each band, reporting step progress and a
 * message per band, and stopping between bands when the job is cancelled.
 */
export const elevationStatistics: ToolFunction = async (inputs, context) => {
  const bands = Number(inputs.Band_Count);
  const delayMs = Number(inputs.Step_Delay_Ms);
  if (!Number.isInteger(bands) || bands < 1 || bands > 1000) throw new ToolError('Band Count must be between 1 and 1000.');
  if (!Number.isInteger(delayMs) || delayMs < 0 || delayMs > 60_000) throw new ToolError('Step Delay must be between 0 and 60000 ms.');
  const extent = inputs.Area_Of_Interest as EnvelopeGeometry;
  const area = projectGeometry(extent, extent.spatialReference, WGS84);
  const terrain = await context.terrain();
  context.message('esriJobMessageTypeInformative', `Sampling ${terrain.description} in ${bands} bands.`);
  const features: FeatureSet['features'][number][] = [];
  let weighted = 0;
  let samples = 0;
  for (let band = 0; band < bands; band++) {
    context.signal.throwIfAborted();
    const stats = bandStatistics(terrain, area, band, bands);
    weighted += stats.mean * stats.count;
    samples += stats.count;
    features.push({
      attributes: {
        OBJECTID: band + 1,
        BAND: band + 1,
        MIN_ELEV: round(stats.min),
        MAX_ELEV: round(stats.max),
        MEAN_ELEV: round(stats.mean),
      },
    });
    const percent = Math.round(((band + 1) / bands) * 100);
    context.progress({ type: 'step', message: `Band ${band + 1} of ${bands}`, percent });
    context.message('esriJobMessageTypeInformative', `Band ${band + 1} of ${bands}: mean elevation ${round(stats.mean)} m.`);
    if (delayMs > 0 && band + 1 < bands) await sleep(delayMs, undefined, { signal: context.signal });
  }
  if (samples === 0) throw new ToolError('The area of interest lies outside the elevation model.');
  return {
    Band_Statistics: {
      fields: [
        { name: 'OBJECTID', type: 'esriFieldTypeOID', alias: 'OBJECTID' },
        { name: 'BAND', type: 'esriFieldTypeInteger', alias: 'Band' },
        { name: 'MIN_ELEV', type: 'esriFieldTypeDouble', alias: 'Minimum elevation (m)' },
        { name: 'MAX_ELEV', type: 'esriFieldTypeDouble', alias: 'Maximum elevation (m)' },
        { name: 'MEAN_ELEV', type: 'esriFieldTypeDouble', alias: 'Mean elevation (m)' },
      ],
      features,
    } satisfies FeatureSet,
    Mean_Elevation: round(weighted / samples),
  };
};
