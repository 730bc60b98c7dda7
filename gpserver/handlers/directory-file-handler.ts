import type { RouteOf } from '../http/route.js';
import { restErrors } from '../http/rest-error.js';
import { FileBody, type Handler } from './handler-context.js';

/**
 * A file of a run under `rest/directories/` (arcgisjobs, arcgisoutput). With token security on only
 * the user who ran it may read it, as with the job's other resources.
 */
export const directoryFile: Handler<RouteOf<'directoryFile'>> = (parts, { route, username }) => {
  const found = parts.directories.resolve(route.segments, username);
  if (found === 'forbidden') throw restErrors.forbidden();
  return new FileBody(found?.path);
};
