import type { FetchResult } from '../resolvers/result-loader.js';
import { jobUrl } from './arcgis/job-status-response.js';
import { readResultResponse } from './arcgis/result-response.js';
import type { RestClient } from './arcgis/rest-client.js';

/** `jobs/<id>/results/<param>` with the client's view (`outSR`, `returnZ`, `returnM`). */
export function createUpstreamResults(client: RestClient): FetchResult {
  return async (key, signal) => {
    const url = `${jobUrl(key.ref)}/results/${encodeURIComponent(key.param)}`;
    const params = {
      ...(key.outSR !== undefined ? { outSR: String(key.outSR) } : {}),
      returnZ: String(key.returnZ),
      returnM: String(key.returnM),
    };
    return readResultResponse(await client.getJson(url, params, signal ? { signal } : {}), url);
  };
}
