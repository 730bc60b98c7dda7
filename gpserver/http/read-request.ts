import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { MultipartFormError, MultipartLimitError, readMultipart, type ReceivedFile } from '../../multipart/read-multipart.js';
import { RequestParams } from './request-params.js';
import { RestError, restErrors } from './rest-error.js';

export interface GpRequest {
  readonly method: string;
  readonly pathname: string;
  readonly params: RequestParams;
  readonly headers: IncomingMessage['headers'];
  /** Base URL the client used (scheme, host, port), for absolute URLs in responses. */
  readonly origin: string;
  /** File parts written to disk: only where the route takes files (`uploads/upload`). */
  readonly files: readonly ReceivedFile[];
}

export interface BodyLimits {
  /** Largest body in bytes. */
  readonly bodyBytes: number;
  /** Largest file part, for routes that take files. */
  readonly maxFileBytes?: number;
  /** Where file parts go, for routes that take files; elsewhere file parts are read as text fields. */
  readonly fileDir?: string;
}

/** The request body, failing with a 413 error body once it grows past `limit`. */
function bounded(req: IncomingMessage, limit: number): Readable {
  return Readable.from(
    (async function* () {
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > limit) throw restErrors.requestTooLarge(limit);
        yield chunk;
      }
    })(),
  );
}

async function readAll(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

async function readForm(
  body: Readable,
  contentType: string,
  limits: BodyLimits,
): Promise<{ fields: readonly (readonly [string, string])[]; files: readonly ReceivedFile[] }> {
  try {
    return await readMultipart(body, contentType, {
      fileDir: limits.fileDir,
      maxFileBytes: limits.maxFileBytes ?? limits.bodyBytes,
      maxFiles: limits.fileDir !== undefined ? 1 : 100,
      maxFieldBytes: limits.bodyBytes,
      maxFields: 1000,
    });
  } catch (error) {
    if (error instanceof MultipartFormError && error.cause instanceof RestError) throw error.cause;
    if (error instanceof MultipartLimitError) {
      if (error.kind === 'fileSize' && limits.fileDir !== undefined) {
        throw restErrors.uploadFailed(`The file exceeds the largest upload of this service (${error.limit} bytes).`);
      }
      throw error.kind === 'fileSize' || error.kind === 'fieldSize'
        ? restErrors.requestTooLarge(error.limit)
        : restErrors.invalidParameters([error.message]);
    }
    if (error instanceof MultipartFormError) throw restErrors.invalidParameters([`Malformed multipart body: ${error.message}`]);
    throw error;
  }
}

/**
 * Query fields plus, for POST, the body's fields: `application/x-www-form-urlencoded` or
 * `multipart/form-data` (Esri clients switch to multipart when a parameter is a file), streamed.
 * Body fields override query fields of the same name.
 */
export async function readGpRequest(req: IncomingMessage, limits: BodyLimits): Promise<GpRequest> {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const entries: (readonly [string, string])[] = [...url.searchParams.entries()];
  const method = (req.method ?? 'GET').toUpperCase();
  let files: readonly ReceivedFile[] = [];
  if (method === 'POST') {
    const contentType = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
    const body = bounded(req, limits.bodyBytes);
    if (contentType.toLowerCase().startsWith('multipart/form-data')) {
      const form = await readForm(body, contentType, limits);
      entries.push(...form.fields);
      files = form.files;
    } else {
      const text = (await readAll(body)).toString('utf8');
      if (text.length > 0) entries.push(...new URLSearchParams(text).entries());
    }
  }
  return {
    method,
    pathname: url.pathname,
    params: new RequestParams(entries),
    headers: req.headers,
    origin: url.origin,
    files,
  };
}
