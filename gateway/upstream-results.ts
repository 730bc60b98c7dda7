import type { ResultKey } from '../resolvers/result-loader.js';
import type { Credential } from '../core/credential.js';
import { jobUrl } from './arcgis/job-status-response.js';
import { readResultResponse } from './arcgis/result-response.js';
import type { RestClient } from './arcgis/rest-client.js';
import { resolveParamUrl } from './arcgis/url-guard.js';

/**
 * One output of a finished job with the client's view (`outSR`, `returnZ`, `returnM`): at the job
 * status' `paramUrl` when the key has it, else at `jobs/<id>/results/<param>`. Either way the URL must
 * stay under the job's `results/` (UPSTREAM_URL_REJECTED otherwise, before any request), and the
 * client's own guard then checks it against the configured services.
 */
export function createUpstreamResults(clients: (credential: Credential) => RestClient) {
  return async (key: ResultKey, credential: Credential, signal?: AbortSignal): Promise<unknown> => {
    const url = resolveParamUrl(jobUrl(key.ref), key.paramUrl ?? `results/${encodeURIComponent(key.param)}`).href;
    const params = {
      ...(key.outSR !== undefined ? { outSR: String(key.outSR) } : {}),
      returnZ: String(key.returnZ),
      returnM: String(key.returnM),
    };
    return readResultResponse(await clients(credential).getJson(url, params, { signal }), url);
  };
}
