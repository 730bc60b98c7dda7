import type { RouteKind, RouteOf } from '../http/route.js';
import { restErrors } from '../http/rest-error.js';
import { directory, serverInfo, service, task } from './directory-handlers.js';
import { execute } from './execute-handler.js';
import type { Handler } from './handler-context.js';
import { cancelJob, jobInput, jobResult, jobStatus, submitJob } from './job-handlers.js';
import { generateToken, oauth2Token, portalGenerateToken } from './token-handler.js';
import { directoryFile } from './directory-file-handler.js';
import { resultMap, resultMapExport } from './result-map-handlers.js';
import { upload, uploadDelete, uploadItem, uploads, uploadsInfo } from './upload-handlers.js';

type HandlerTable = { readonly [K in RouteKind]: Handler<RouteOf<K>> };

export const HANDLERS: HandlerTable = {
  info: serverInfo,
  generateToken,
  oauth2Token,
  portalGenerateToken,
  directory,
  service,
  task,
  execute,
  submitJob,
  jobStatus,
  jobCancel: cancelJob,
  jobResult,
  jobInput,
  uploads,
  uploadsInfo,
  upload,
  uploadItem,
  uploadDelete,
  directoryFile,
  resultMap,
  resultMapExport,
  notFound: () => {
    throw restErrors.invalidUrl();
  },
};

/** Routes that answer without a token even when token security is on. */
export const PUBLIC_ROUTES: ReadonlySet<RouteKind> = new Set(['info', 'generateToken', 'oauth2Token', 'portalGenerateToken', 'notFound']);
