import type { Credential } from '../core/credential.js';
import type { ExecuteTask } from '../resolvers/execute-result.js';
import { readExecuteResponse } from './arcgis/execute-response.js';
import type { RestClient } from './arcgis/rest-client.js';

/** `execute` over the REST client: POST form-encoded, as large feature inputs do not fit in a URL. */
export function createUpstreamExecute(clients: (credential: Credential) => RestClient): ExecuteTask {
  return async ({ serviceUrl, taskName, params, credential, signal }) => {
    const url = `${serviceUrl}/${encodeURIComponent(taskName)}/execute`;
    const json = await clients(credential).postForm(url, params, { signal });
    return readExecuteResponse(json, url);
  };
}
