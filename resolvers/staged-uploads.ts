import { ERROR_CODES } from '../core/errors/error-codes.js';
import { GatewayError } from '../core/errors/gateway-error.js';
import type { UploadedItem } from '../core/files/uploaded-item.js';
import { isUploadable, type Uploadable } from '../core/files/disk-file.js';
import type { JobAccess } from '../core/jobs/job-operations.js';

/** A service's `uploads/`, as the resolvers use it. */
export interface UploadItems {
  upload(serviceUrl: string, file: Uploadable, description: string | null | undefined, access: JobAccess): Promise<UploadedItem>;
  remove(serviceUrl: string, itemId: string, access: JobAccess): Promise<void>;
}

function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUploadable(value) && !(value instanceof Date);
}

/** Every `{upload: File}` (DataFileInput, RasterInput) becomes `{itemId}`, in input order, one upload at a time. */
async function replaceUploads(value: unknown, stage: (file: Uploadable) => Promise<string>): Promise<unknown> {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) items.push(await replaceUploads(item, stage));
    return items;
  }
  if (!isPlainObject(value)) return value;
  if (isUploadable(value.upload)) {
    const { upload, ...rest } = value;
    return { ...rest, itemId: await stage(upload) };
  }
  const entries: [string, unknown][] = [];
  for (const [key, member] of Object.entries(value)) entries.push([key, await replaceUploads(member, stage)]);
  return Object.fromEntries(entries);
}

/** ArcGIS codes of an upload the service refused: a bad request (type, form), a body too large. */
const REFUSALS: ReadonlySet<number | undefined> = new Set([400, 413]);

/** The service refused the file (its size limit, a type it does not take): the caller's to fix. */
export function asUploadError(error: unknown): unknown {
  if (!(error instanceof GatewayError) || error.code !== ERROR_CODES.UPSTREAM_ERROR || !REFUSALS.has(error.info.arcgisCode)) return error;
  return new GatewayError(
    ERROR_CODES.UPLOAD_REFUSED,
    `The service refused the upload: ${(error.info.details ?? []).join(' ') || error.message}`,
    error.info,
    { cause: error },
  );
}

/**
 * Runs a task whose input may hold files: each file is first uploaded to the service's `uploads/`
 * with the caller's credential and passed on as its item id. Should an upload or the run itself fail,
 * the items uploaded for it are deleted again, so no half-done request leaves items behind. An input
 * without files runs at once. `run` learns whether files were staged (a cache cannot answer such a run).
 */
export async function withStagedUploads<T>(
  uploads: UploadItems,
  serviceUrl: string,
  input: unknown,
  access: JobAccess,
  run: (input: unknown, staged: boolean) => Promise<T>,
): Promise<T> {
  const staged: string[] = [];
  // Without the request's signal: an aborted request must still clean up after itself.
  const discard = () => Promise.allSettled(staged.map((itemId) => uploads.remove(serviceUrl, itemId, { credential: access.credential })));
  let replaced: unknown;
  try {
    replaced = await replaceUploads(input, async (file) => {
      const item = await uploads.upload(serviceUrl, file, null, access);
      staged.push(item.itemId);
      return item.itemId;
    });
  } catch (error) {
    await discard();
    throw asUploadError(error);
  }
  if (staged.length === 0) return run(input, false);
  try {
    return await run(replaced, true);
  } catch (error) {
    await discard();
    throw error;
  }
}
