/**
 * Where a job's result map service is. A GP service published with one names it
 * (`resultMapServerName`); ArcGIS serves it beside the GP service, at
 * `<services>/<name>/MapServer/jobs/<jobId>`: a name with a folder (`Folder/Name`) is relative to the
 * services directory, a bare name to the GP service's own folder. Its layers are the task's
 * geodataset outputs (feature and record sets, rasters), numbered from 0 in the task's output order.
 */
import type { CatalogParameter } from '../core/catalog.js';
import { RESULT_MAP_LAYER_TYPES } from '../gp-rest/vocabulary.js';

/** `…/rest/services/Folder/Name/GPServer` + `Other` → `…/rest/services/Folder/Other/MapServer`. */
export function resultMapServerUrl(serviceUrl: string, resultMapServerName: string): string | undefined {
  const match = /^(.*\/rest\/services)\/(?:(.+)\/)?[^/]+\/GPServer$/i.exec(serviceUrl);
  if (!match || resultMapServerName.trim() === '') return undefined;
  const [, root = '', folder] = match;
  const name = resultMapServerName.replace(/^\/+|\/+$/g, '');
  return `${root}/${name.includes('/') || folder === undefined ? '' : `${folder}/`}${name}/MapServer`;
}

/** The layer ids of the task's outputs in its result map service. */
export function resultMapLayerIds(parameters: readonly CatalogParameter[]): number[] {
  return parameters.filter((p) => p.direction === 'output' && RESULT_MAP_LAYER_TYPES.has(p.dataType)).map((_, id) => id);
}
