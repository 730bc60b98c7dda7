import type { ServiceDefinition } from '../model/service.js';
import { allTypesService } from './all-types-service.js';
import { bufferService } from './buffer-service.js';
import { elevationStatisticsService } from './elevation-statistics-service.js';
import { elevationWorldService, worldViewshedService } from './elevation-services.js';
import { extractElevationService } from './extract-elevation-service.js';
import { tableToPointsService, zonalStatisticsService } from './file-services.js';

/** What the embedded GPServer publishes by default. */
export const EMBEDDED_SERVICES: readonly ServiceDefinition[] = [
  elevationWorldService,
  worldViewshedService,
  bufferService,
  elevationStatisticsService,
  allTypesService,
  tableToPointsService,
  zonalStatisticsService,
  extractElevationService,
];
