import type { Wgs84Raster } from '../raster/write-geotiff.js';
import type { EnvelopeGeometry, LinearUnit } from '../../geo/esri-json.js';
import { projectGeometry } from '../../geo/project.js';
import { WGS84 } from '../../geo/spatial-reference.js';
import { linearUnitToMeters, metersPerDegreeOfLatitude, metersPerDegreeOfLongitude } from '../geo/units.js';
import type { ToolInputs } from '../model/tool.js';

/** Cells one extraction writes at most: 16 MB of float32, a few seconds to sample and encode. */
export const MAX_EXTRACT_CELLS = 4_000_000;

/**
 * A north-up grid in WGS84 degrees. Cell (i, j) spans longitudes west + i·cellWidth to
 * west + (i + 1)·cellWidth and latitudes north − j·cellHeight down to north − (j + 1)·cellHeight.
 */
export interface GeographicGrid extends Omit<Wgs84Raster, 'values'> {
  /** The requested ground size of a cell, which the degrees match at the grid's central latitude. */
  readonly cellSizeMeters: number;
}

/** An input the extraction cannot use, by parameter name. */
export interface InputProblem {
  readonly parameter: string;
  readonly detail: string;
}

export type GridPlan = { readonly grid: GeographicGrid } | { readonly problems: readonly InputProblem[] };

// Projected world extents land a rounding error beyond ±180/±90; that much is still the world.
const WORLD_TOLERANCE = 1e-7;

function areaInWgs84(extent: EnvelopeGeometry): EnvelopeGeometry | InputProblem {
  let area: EnvelopeGeometry;
  try {
    area = projectGeometry(extent, extent.spatialReference, WGS84);
  } catch (error) {
    return { parameter: 'Area_Of_Interest', detail: error instanceof Error ? error.message : String(error) };
  }
  const outside =
    area.xmin < -180 - WORLD_TOLERANCE ||
    area.xmax > 180 + WORLD_TOLERANCE ||
    area.ymin < -90 - WORLD_TOLERANCE ||
    area.ymax > 90 + WORLD_TOLERANCE;
  if (outside) {
    return { parameter: 'Area_Of_Interest', detail: 'the extent reaches beyond longitudes -180 to 180 or latitudes -90 to 90' };
  }
  if (!(area.xmax > area.xmin && area.ymax > area.ymin)) return { parameter: 'Area_Of_Interest', detail: 'the extent has no area' };
  const clamp = (value: number, limit: number): number => Math.min(limit, Math.max(-limit, value));
  return { xmin: clamp(area.xmin, 180), ymin: clamp(area.ymin, 90), xmax: clamp(area.xmax, 180), ymax: clamp(area.ymax, 90) };
}

function cellSizeInMeters(cellSize: LinearUnit, latitude: number): number | InputProblem {
  let meters: number;
  try {
    meters = linearUnitToMeters(cellSize, latitude);
  } catch (error) {
    return { parameter: 'Cell_Size', detail: error instanceof Error ? error.message : String(error) };
  }
  return meters > 0 && Number.isFinite(meters) ? meters : { parameter: 'Cell_Size', detail: 'the cell size must be greater than zero' };
}

/**
 * The grid ExtractElevation writes for its inputs, or why it cannot: the area of interest in WGS84,
 * cut into cells of the requested ground size at its central latitude, the north-west corner fixed
 * and the last column and row reaching past the east and south edges rather than shrinking. Shared
 * by the request check (an invalid-parameter error before any job) and the tool itself.
 */
export function planElevationGrid(inputs: ToolInputs): GridPlan {
  const area = areaInWgs84(inputs.Area_Of_Interest as EnvelopeGeometry);
  if ('parameter' in area) return { problems: [area] };
  const latitude = (area.ymin + area.ymax) / 2;
  const cellSize = inputs.Cell_Size as LinearUnit;
  const meters = cellSizeInMeters(cellSize, latitude);
  if (typeof meters !== 'number') return { problems: [meters] };
  const cellHeight = meters / metersPerDegreeOfLatitude(latitude);
  // Near a pole a degree of longitude has next to no length: one column then covers the whole width.
  const cellWidth = Math.min(meters / metersPerDegreeOfLongitude(latitude), area.xmax - area.xmin);
  // The small epsilon keeps an extent that is a whole number of cells from gaining a column of rounding error.
  const width = Math.max(1, Math.ceil((area.xmax - area.xmin) / cellWidth - 1e-9));
  const height = Math.max(1, Math.ceil((area.ymax - area.ymin) / cellHeight - 1e-9));
  if (width * height > MAX_EXTRACT_CELLS) {
    const count = (n: number): string => n.toLocaleString('en-US');
    return {
      problems: [
        {
          parameter: 'Cell_Size',
          detail:
            `${cellSize.distance} ${cellSize.units} over the area of interest makes ${count(width)} × ${count(height)} = ` +
            `${count(width * height)} cells, more than the ${count(MAX_EXTRACT_CELLS)} allowed; use a larger cell size or a smaller area`,
        },
      ],
    };
  }
  return { grid: { west: area.xmin, north: area.ymax, width, height, cellWidth, cellHeight, cellSizeMeters: meters } };
}
