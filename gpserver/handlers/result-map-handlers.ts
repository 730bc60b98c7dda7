import type { SpatialReference } from '../../geo/esri-json.js';
import { parseLenientJson } from '../http/lenient-json.js';
import { readSpatialReference } from '../http/read-environment.js';
import type { RequestParams } from '../http/request-params.js';
import { restErrors } from '../http/rest-error.js';
import type { RouteOf } from '../http/route.js';
import type { Job } from '../jobs/job.js';
import { describeResultMap, exportResultMap, resultLayers } from '../maps/result-map.js';
import type { Extent } from '../maps/rasterize.js';
import { encodePng } from '../tiles/png.js';
import { ImageBody, type Handler, type HandlerRequest, type ServerParts } from './handler-context.js';

const MAX_SIZE = 4096;

/** The job of a result map service: one of the service's jobs that has succeeded, readable by the caller. */
function resultJob(parts: ServerParts, { route, username }: HandlerRequest<RouteOf<'resultMap' | 'resultMapExport'>>): Readonly<Job> {
  const job = parts.jobs.get(route.jobId);
  const name = route.service.toLowerCase();
  if (!job || job.service.resultMapServerName.toLowerCase() !== name || name === '') throw restErrors.jobNotFound(route.jobId);
  if (parts.tokens && job.owner !== username) throw restErrors.forbidden();
  if (job.status !== 'esriJobSucceeded') throw restErrors.resultsNotReady(job.id, job.status);
  return job;
}

const invalid = (name: string, why: string): Error => restErrors.invalidParameters([`Invalid value for '${name}': ${why}`]);

/** `bbox=xmin,ymin,xmax,ymax` or an envelope as JSON (whose spatialReference stands for bboxSR). */
function readBbox(params: RequestParams): { bbox: Extent; sr: SpatialReference | undefined } {
  const raw = params.get('bbox')?.trim() ?? '';
  const parsed = raw.startsWith('{') ? (parseLenientJson(raw) as Partial<Extent> & { spatialReference?: SpatialReference }) : undefined;
  const [xmin, ymin, xmax, ymax] = parsed ? [parsed.xmin, parsed.ymin, parsed.xmax, parsed.ymax] : raw.split(',').map(Number);
  if (
    ![xmin, ymin, xmax, ymax].every((v) => typeof v === 'number' && Number.isFinite(v)) ||
    !((xmin ?? 0) < (xmax ?? 0) && (ymin ?? 0) < (ymax ?? 0))
  ) {
    throw invalid('bbox', 'xmin,ymin,xmax,ymax with xmin < xmax and ymin < ymax.');
  }
  return { bbox: { xmin: xmin ?? 0, ymin: ymin ?? 0, xmax: xmax ?? 0, ymax: ymax ?? 0 }, sr: parsed?.spatialReference };
}

function readSize(params: RequestParams): [number, number] {
  const [width = 400, height = 400] = (params.get('size') ?? '400,400').split(',').map(Number);
  if (![width, height].every((v) => Number.isInteger(v) && v > 0 && v <= MAX_SIZE))
    throw invalid('size', `width,height, each 1 to ${MAX_SIZE}.`);
  return [width, height];
}

/** `layers=show:0,2` (also `hide:`, `include:`, `exclude:`); all layers when absent. */
function readLayers(params: RequestParams, all: readonly number[]): ReadonlySet<number> | undefined {
  const raw = params.get('layers')?.trim();
  if (raw === undefined || raw === '') return undefined;
  const match = /^(show|hide|include|exclude):([\d,\s]*)$/i.exec(raw);
  if (!match) throw invalid('layers', 'show:, hide:, include: or exclude: followed by layer ids.');
  const ids = new Set(
    (match[2] ?? '')
      .split(',')
      .filter((s) => s.trim() !== '')
      .map(Number),
  );
  const op = (match[1] ?? '').toLowerCase();
  return op === 'show' || op === 'include' ? ids : new Set(all.filter((id) => !ids.has(id)));
}

/** `<services>/<resultMapServerName>/MapServer/jobs/<jobId>`: the job's result map service. */
export const resultMap: Handler<RouteOf<'resultMap'>> = (parts, request) => describeResultMap(resultJob(parts, request));

/** `…/MapServer/jobs/<jobId>/export`: the job's layers drawn as a PNG (`f=image`), or where to get it (`f=json`). */
export const resultMapExport: Handler<RouteOf<'resultMapExport'>> = (parts, request) => {
  const job = resultJob(parts, request);
  const { params } = request.http;
  const format = (params.get('format') ?? 'png').toLowerCase();
  if (!['png', 'png32', 'png24', 'png8'].includes(format)) throw invalid('format', 'png, png8, png24 or png32.');
  const { bbox, sr } = readBbox(params);
  const bboxSR = readSpatialReference(params, 'bboxSR') ?? sr;
  const [width, height] = readSize(params);
  const transparent = params.flag('transparent', false);
  const layers = readLayers(
    params,
    resultLayers(job.task.parameters).map((l) => l.id),
  );
  if ((params.get('f') ?? 'html').toLowerCase() === 'image') {
    const canvas = exportResultMap(job, { bbox, bboxSR, width, height, transparent, layers });
    return new ImageBody('image/png', encodePng(width, height, 'rgba', canvas.pixels));
  }
  // f=json: where the image is (the same export as an image), as ArcGIS answers.
  const query = new URLSearchParams({
    bbox: [bbox.xmin, bbox.ymin, bbox.xmax, bbox.ymax].join(','),
    ...(bboxSR ? { bboxSR: JSON.stringify(bboxSR) } : {}),
    size: `${width},${height}`,
    format,
    transparent: String(transparent),
    ...(layers ? { layers: `show:${[...layers].join(',')}` } : {}),
    f: 'image',
  });
  const href = `${request.http.origin}${request.http.pathname}?${query.toString()}`;
  return { href, width, height, extent: { ...bbox, ...(bboxSR ? { spatialReference: bboxSR } : {}) }, scale: 0 };
};
