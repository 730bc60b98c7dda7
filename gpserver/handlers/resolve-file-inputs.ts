import { posix } from 'node:path';
import type { GpRequest } from '../http/read-request.js';
import { isFileDataType } from '../model/gp-parameter.js';
import { qualifiedServiceName, type ServiceDefinition, type TaskDefinition } from '../model/service.js';
import type { ToolInputs } from '../model/tool.js';
import type { ServerParts } from './handler-context.js';
import type { InputResolution } from './input-resolution.js';

/** What a tool receives for a file input: the reference as sent plus the file on this machine. */
export interface ResolvedFile {
  readonly url?: string;
  readonly itemID?: string;
  readonly format?: string;
  readonly localPath: string;
  readonly name: string;
}

const DIRECTORIES = '/arcgis/rest/directories/';

function resolveUrl(
  parts: ServerParts,
  http: GpRequest,
  raw: string,
  username: string | undefined,
): { localPath: string; name: string } | string {
  const url = new URL(raw);
  const ownOrigin = url.origin.toLowerCase() === http.origin.toLowerCase();
  if (!ownOrigin || !url.pathname.toLowerCase().startsWith(DIRECTORIES)) {
    return `url must name a file of this server (${http.origin}${DIRECTORIES}…); upload other files to uploads/upload and pass their itemID`;
  }
  const segments = url.pathname
    .slice(DIRECTORIES.length)
    .split('/')
    .map((s) => decodeURIComponent(s));
  const found = parts.directories.resolve(segments, username);
  if (found === undefined || found === 'forbidden') return `url ${url.pathname} names no file of this server`;
  return { localPath: found.path, name: posix.basename(url.pathname) };
}

/**
 * File inputs (GPDataFile, GPRasterData, GPRasterDataLayer) point at files this server has: an item
 * of the service's `uploads/` by `itemID`, or a result file of this server by `url`. Any other URL
 * is refused rather than fetched (the server reaches out to no other host). Every unknown item or
 * refused URL is reported, to be listed in one error body as other invalid parameters are.
 */
export function resolveFileInputs(
  parts: ServerParts,
  service: ServiceDefinition,
  task: TaskDefinition,
  inputs: ToolInputs,
  http: GpRequest,
  username: string | undefined,
): InputResolution {
  const resolved: Record<string, unknown> = { ...inputs };
  const errors: string[] = [];
  for (const param of task.parameters) {
    const value = inputs[param.name] as { url?: string; itemID?: string; format?: string } | undefined;
    if (param.direction !== 'esriGPParameterDirectionInput' || !isFileDataType(param.dataType) || value === undefined) continue;
    if (value.itemID !== undefined) {
      const item = parts.uploads.get(value.itemID, qualifiedServiceName(service), username);
      if (item) resolved[param.name] = { ...value, localPath: item.path, name: item.itemName } satisfies ResolvedFile;
      else
        errors.push(
          `Invalid value for parameter '${param.name}': item '${value.itemID}' does not exist, has expired or belongs to another service or user.`,
        );
      continue;
    }
    const file = resolveUrl(parts, http, value.url ?? '', username);
    if (typeof file === 'string') errors.push(`Invalid value for parameter '${param.name}': ${file}.`);
    else resolved[param.name] = { ...value, ...file } satisfies ResolvedFile;
  }
  return { inputs: resolved, errors };
}
