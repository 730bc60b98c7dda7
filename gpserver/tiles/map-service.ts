import { EARTH_RADIUS, MAX_LEVEL, TILE_SIZE } from './web-mercator.js';

/** Where the hillshade is published, under `/arcgis/rest/services`. */
export const HILLSHADE_SERVICE = 'Elevation/Hillshade';

/** Extent of the Web Mercator square, in metres. */
const HALF_WORLD = Math.PI * EARTH_RADIUS;

/**
 * The MapServer resource (https://developers.arcgis.com/rest/services-reference/enterprise/map-service/)
 * with the fields a tiled-layer client reads: `singleFusedMapCache`, `tileInfo` (the standard
 * Web Mercator scheme, levels 0–18), the full extent and the spatial reference.
 */
export function hillshadeServiceInfo(description: string): object {
  const spatialReference = { wkid: 102100, latestWkid: 3857 };
  const extent = { xmin: -HALF_WORLD, ymin: -HALF_WORLD, xmax: HALF_WORLD, ymax: HALF_WORLD, spatialReference };
  const lods = Array.from({ length: MAX_LEVEL + 1 }, (_, level) => {
    const resolution = (2 * HALF_WORLD) / (TILE_SIZE * 2 ** level);
    // ArcGIS scales assume 96 dpi: one pixel is 0.0254 / 96 m on screen.
    return { level, resolution, scale: resolution / (0.0254 / 96) };
  });
  return {
    currentVersion: 11.3,
    serviceDescription: `Hillshade of the server's elevation model: ${description}. Computed per tile on request.`,
    mapName: 'Hillshade',
    capabilities: 'Map,Tilemap',
    singleFusedMapCache: true,
    spatialReference,
    initialExtent: extent,
    fullExtent: extent,
    units: 'esriMeters',
    tileInfo: {
      rows: TILE_SIZE,
      cols: TILE_SIZE,
      dpi: 96,
      format: 'PNG32',
      compressionQuality: 0,
      origin: { x: -HALF_WORLD, y: HALF_WORLD },
      spatialReference,
      lods,
    },
    minScale: lods[0]?.scale ?? 0,
    maxScale: lods[MAX_LEVEL]?.scale ?? 0,
  };
}
