import type { UploadItems } from '../resolvers/staged-uploads.js';
import type { Credential } from '../core/credential.js';
import type { RestClient } from './arcgis/rest-client.js';
import { readUploadResponse } from './arcgis/upload-response.js';

/**
 * A service's `uploads/` over the REST client, with the caller's credential: `upload` streams the file
 * (a disk-backed Blob) as `multipart/form-data` and returns the item; `remove` deletes an item.
 */
export function createUpstreamUploads(clients: (credential: Credential) => RestClient): UploadItems {
  return {
    upload: async (serviceUrl, file, description, access) => {
      const url = `${serviceUrl}/uploads/upload`;
      const json = await clients(access.credential).postForm(
        url,
        { file, description: description ?? undefined },
        { signal: access.signal },
      );
      return readUploadResponse(json, url);
    },
    remove: async (serviceUrl, itemId, access) => {
      await clients(access.credential).postForm(
        `${serviceUrl}/uploads/${encodeURIComponent(itemId)}/delete`,
        {},
        { signal: access.signal },
      );
    },
  };
}
