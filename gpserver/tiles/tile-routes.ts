import type { IncomingMessage, ServerResponse } from 'node:http';
import { RestError } from '../http/rest-error.js';
import { responseFormat, writeDocument } from '../http/write-response.js';
import type { Terrain } from '../terrain/terrain.js';
import { renderHillshade } from './hillshade.js';
import { HILLSHADE_SERVICE, hillshadeServiceInfo } from './map-service.js';
import { encodePng } from './png.js';
import { TileCache } from './tile-cache.js';
import { TILE_SIZE, tileAddress } from './web-mercator.js';

export interface TileRoutesOptions {
  /** The elevation model the tools use; loaded on the first tile. */
  readonly terrain: () => Promise<Terrain>;
  /** PNG tiles kept in memory. Default 256 (about 100 kB each at most). */
  readonly cacheTiles?: number;
}

const SERVICE_PATH = `/arcgis/rest/services/${HILLSHADE_SERVICE}/MapServer`;

function notFound(res: ServerResponse, what: string): void {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(new RestError(404, 'Tile not found', [what])));
}

/**
 * The hillshade MapServer: `…/Elevation/Hillshade/MapServer` (the service resource) and
 * `…/MapServer/tile/{level}/{row}/{column}` (a 256 × 256 PNG, computed from the terrain on request,
 * recent tiles cached). Tiles are public, as a basemap is. Returns false for any other path.
 */
export function createTileRoutes(options: TileRoutesOptions): (req: IncomingMessage, res: ServerResponse) => boolean {
  const cache = new TileCache<Buffer>(options.cacheTiles ?? 256);
  const serve = async (res: ServerResponse, segments: readonly string[], f: string | null): Promise<void> => {
    const terrain = await options.terrain();
    if (segments.length === 0) {
      const format = responseFormat(f ?? undefined);
      writeDocument(res, hillshadeServiceInfo(terrain.description), format, `${HILLSHADE_SERVICE} (MapServer)`);
      return;
    }
    const [kind, level = '', row = '', column = '', ...extra] = segments;
    const tile = kind === 'tile' && extra.length === 0 ? tileAddress(level, row, column) : undefined;
    if (!tile) {
      notFound(res, `No tile at ${segments.join('/')}: levels 0–18, rows and columns 0 to 2^level − 1.`);
      return;
    }
    const key = `${tile.level}/${tile.row}/${tile.column}`;
    let png = cache.get(key);
    if (!png) {
      png = encodePng(TILE_SIZE, TILE_SIZE, 'grey-alpha', renderHillshade(terrain, tile));
      cache.set(key, png);
    }
    res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length, 'cache-control': 'public, max-age=86400' });
    res.end(png);
  };
  return (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== SERVICE_PATH && !url.pathname.startsWith(`${SERVICE_PATH}/`)) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' });
      res.end();
      return true;
    }
    const segments = url.pathname
      .slice(SERVICE_PATH.length)
      .split('/')
      .filter((s) => s !== '');
    serve(res, segments, url.searchParams.get('f')).catch((error: unknown) => {
      if (res.headersSent) return;
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(new RestError(500, 'Unable to draw the tile.', [String(error)])));
    });
    return true;
  };
}
