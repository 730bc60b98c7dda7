import type { ToolId } from '../model/service.js';
import type { ToolFunction } from '../model/tool.js';
import { buffer } from './buffer.js';
import { echoAllTypes } from './echo-all-types.js';
import { elevationStatistics } from './elevation-statistics.js';
import { extractElevation } from './extract-elevation.js';
import { tableToPoints } from './table-to-points.js';
import { viewshed } from './viewshed.js';
import { zonalStatistics } from './zonal-statistics.js';

/** Every tool the services publish, by the id their task definitions name. */
export const TOOLS: Readonly<Record<ToolId, ToolFunction>> = {
  viewshed,
  buffer,
  'elevation-statistics': elevationStatistics,
  'echo-all-types': echoAllTypes,
  'table-to-points': tableToPoints,
  'zonal-statistics': zonalStatistics,
  'extract-elevation': extractElevation,
};
