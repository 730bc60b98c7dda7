import type { RouteOf } from '../http/route.js';
import { restErrors } from '../http/rest-error.js';
import { CURRENT_VERSION, describeDirectory, describeService, describeTask } from '../services/describe.js';
import { findService, findTask, type Handler } from './handler-context.js';

/** `/arcgis/rest/info`: clients read `authInfo` here to discover token security. */
export const serverInfo: Handler = (parts, { http }) => ({
  currentVersion: CURRENT_VERSION,
  fullVersion: `${CURRENT_VERSION}.0`,
  authInfo: parts.tokens
    ? { isTokenBasedSecurity: true, tokenServicesUrl: `${http.origin}/arcgis/tokens/`, shortLivedTokenValidity: 60 }
    : { isTokenBasedSecurity: false },
});

export const directory: Handler<RouteOf<'directory'>> = (parts, { route }) => {
  if (route.folder === '') return describeDirectory(parts.registry.folders(), parts.registry.servicesIn(''));
  if (!parts.registry.hasFolder(route.folder)) throw restErrors.folderNotFound(route.folder);
  return describeDirectory([], parts.registry.servicesIn(route.folder));
};

export const service: Handler<RouteOf<'service'>> = (parts, { route }) => describeService(findService(parts, route.service));

export const task: Handler<RouteOf<'task'>> = (parts, { route }) => {
  const found = findTask(parts, route.service, route.task);
  return describeTask(found.service, found.task);
};
