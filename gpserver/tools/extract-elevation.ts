import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { ToolError, type ToolContext, type ToolFunction } from '../model/tool.js';
import { encodeWgs84GeoTiff } from '../raster/write-geotiff.js';
import type { Terrain } from '../terrain/terrain.js';
import { planElevationGrid, type GeographicGrid } from './extract-elevation-grid.js';

export const ELEVATION_FILE = 'elevation.tif';
/** GDAL_NODATA of the output: cells the elevation model has no value for. */
export const ELEVATION_NO_DATA = -9999;

/** Share of the progress bar the sampling takes; encoding and writing the file take the rest. */
const SAMPLING_PERCENT = 90;
/**
 * A cancel arrives as a message on the worker's port, read only when the event loop turns: the
 * sampling loop gives it a turn this often.
 */
const YIELD_EVERY_MS = 50;

/** Samples the terrain at every cell centre, reporting progress and stopping when the job is cancelled. */
async function sample(terrain: Terrain, grid: GeographicGrid, context: ToolContext): Promise<{ values: Float32Array; withData: number }> {
  const values = new Float32Array(grid.width * grid.height);
  let withData = 0;
  let reported = 0;
  let lastYield = performance.now();
  for (let row = 0; row < grid.height; row++) {
    const latitude = grid.north - (row + 0.5) * grid.cellHeight;
    for (let column = 0; column < grid.width; column++) {
      const elevation = terrain.elevationAt(grid.west + (column + 0.5) * grid.cellWidth, latitude);
      const valid = Number.isFinite(elevation);
      values[row * grid.width + column] = valid ? elevation : ELEVATION_NO_DATA;
      if (valid) withData++;
    }
    const percent = Math.floor(((row + 1) / grid.height) * SAMPLING_PERCENT);
    if (percent >= reported + 5) {
      reported = percent;
      context.progress({ type: 'step', message: `Sampling row ${row + 1} of ${grid.height}`, percent });
    }
    if (performance.now() - lastYield >= YIELD_EVERY_MS) {
      await yieldToEvents();
      context.signal.throwIfAborted();
      lastYield = performance.now();
    }
  }
  return { values, withData };
}

/**
 * The elevation model over an area of interest as a GeoTIFF: float32 metres on a WGS84 grid whose
 * cells have the requested ground size at the area's central latitude, each the model's elevation at
 * the cell's centre, ELEVATION_NO_DATA where the model has none. A raster for ZonalStatistics and
 * the like to read by URL, with no upload.
 */
export const extractElevation: ToolFunction = async (inputs, context) => {
  const plan = planElevationGrid(inputs);
  if ('problems' in plan) throw new ToolError(plan.problems.map((p) => `${p.parameter}: ${p.detail}.`).join(' '));
  const { grid } = plan;
  const terrain = await context.terrain();
  context.message(
    'esriJobMessageTypeInformative',
    `Extracting ${grid.width} × ${grid.height} cells of ${Math.round(grid.cellSizeMeters * 100) / 100} m ` +
      `(${grid.cellWidth.toPrecision(4)}° × ${grid.cellHeight.toPrecision(4)}°) from ${terrain.description}.`,
  );
  const { values, withData } = await sample(terrain, grid, context);
  if (withData === 0) throw new ToolError('The area of interest lies outside the elevation model.');
  context.progress({ type: 'step', message: `Writing ${ELEVATION_FILE}`, percent: SAMPLING_PERCENT });
  const tiff = encodeWgs84GeoTiff({ ...grid, values, noData: ELEVATION_NO_DATA });
  await mkdir(context.outputDir, { recursive: true });
  await writeFile(join(context.outputDir, ELEVATION_FILE), tiff);
  context.progress({ type: 'step', message: `Wrote ${ELEVATION_FILE}`, percent: 100 });
  context.message(
    'esriJobMessageTypeInformative',
    `Wrote ${ELEVATION_FILE}: float32 metres in EPSG:4326, ${withData} of ${values.length} cells with data, ${tiff.length} bytes.`,
  );
  return { Output_Raster: { file: ELEVATION_FILE, format: 'tif' } };
};
