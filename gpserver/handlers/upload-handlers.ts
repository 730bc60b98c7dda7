import type { Route, RouteOf } from '../http/route.js';
import { restErrors } from '../http/rest-error.js';
import { qualifiedServiceName } from '../model/service.js';
import { describeItem, UploadRefused, type UploadedItem } from '../uploads/upload-store.js';
import { findService, type Handler, type HandlerRequest, type ServerParts } from './handler-context.js';

type UploadsRoute = Extract<Route, { kind: 'uploads' | 'uploadsInfo' | 'upload' | 'uploadItem' | 'uploadDelete' }>;

function serviceName(parts: ServerParts, route: UploadsRoute): string {
  return qualifiedServiceName(findService(parts, route.service));
}

function findItem(parts: ServerParts, { route, username }: HandlerRequest<RouteOf<'uploadItem' | 'uploadDelete'>>): UploadedItem {
  const item = parts.uploads.get(route.itemID, serviceName(parts, route), username);
  if (!item) throw restErrors.itemNotFound(route.itemID);
  return item;
}

function requirePost({ http }: HandlerRequest): void {
  if (http.method !== 'POST') throw restErrors.methodNotAllowed(http.method);
}

/** `uploads`: the caller's items of this service. */
export const uploads: Handler<RouteOf<'uploads'>> = (parts, { route, username }) => {
  const service = serviceName(parts, route);
  return { items: parts.uploads.list(service, username).map(describeItem) };
};

/** `uploads/info` (https://developers.arcgis.com/rest/services-reference/enterprise/info-uploads-.htm): the size limit in MB. */
export const uploadsInfo: Handler<RouteOf<'uploadsInfo'>> = (parts, { route }) => {
  serviceName(parts, route);
  return { maxUploadFileSize: parts.uploads.policy.maxBytes / (1024 * 1024) };
};

/** `uploads/upload` (https://developers.arcgis.com/rest/services-reference/enterprise/upload.htm): one multipart `file`. */
export const upload: Handler<RouteOf<'upload'>> = async (parts, request) => {
  requirePost(request);
  const service = serviceName(parts, request.route);
  const file = request.http.files.find((f) => f.field === 'file');
  if (!file) throw restErrors.uploadFailed("The request has no multipart 'file' part.");
  try {
    const item = await parts.uploads.add(file, service, request.username, request.http.params.get('description') ?? '');
    return { success: true, item: describeItem(item) };
  } catch (error) {
    if (error instanceof UploadRefused) throw restErrors.uploadFailed(error.message);
    throw error;
  }
};

/** `uploads/<itemID>` (https://developers.arcgis.com/rest/services-reference/enterprise/item.htm). */
export const uploadItem: Handler<RouteOf<'uploadItem'>> = (parts, request) => describeItem(findItem(parts, request));

/** `uploads/<itemID>/delete`. */
export const uploadDelete: Handler<RouteOf<'uploadDelete'>> = async (parts, request) => {
  requirePost(request);
  await parts.uploads.delete(findItem(parts, request).itemID);
  return { success: true };
};
