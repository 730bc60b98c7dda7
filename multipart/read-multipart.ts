import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Busboy, type BusboyFileStream } from '@fastify/busboy';

/** A file part written to disk, whole. */
export interface ReceivedFile {
  readonly field: string;
  readonly filename: string;
  readonly mimeType: string;
  readonly path: string;
  readonly size: number;
}

export interface MultipartBody {
  readonly fields: readonly (readonly [string, string])[];
  readonly files: readonly ReceivedFile[];
}

export interface MultipartLimits {
  /** Where file parts go; without it file parts are read as text fields (bounded by maxFieldBytes). */
  readonly fileDir?: string;
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  readonly maxFieldBytes: number;
  readonly maxFields: number;
}

export type MultipartLimitKind = 'fileSize' | 'files' | 'fieldSize' | 'fields';

/** A body over one of the limits; nothing of it is kept. */
export class MultipartLimitError extends Error {
  override readonly name = 'MultipartLimitError';
  constructor(
    readonly kind: MultipartLimitKind,
    readonly limit: number,
  ) {
    super(`The form exceeds its ${kind} limit of ${limit}.`);
  }
}

/** A body that is not a readable multipart form, or one cut off before its end. */
export class MultipartFormError extends Error {
  override readonly name = 'MultipartFormError';
}

async function readText(stream: BusboyFileStream, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  if (stream.truncated) throw new MultipartLimitError('fieldSize', limit);
  return Buffer.concat(chunks).toString('utf8');
}

async function writeFile(stream: BusboyFileStream, path: string, limit: number): Promise<number> {
  await pipeline(stream, createWriteStream(path, { flags: 'wx' }));
  if (stream.truncated) throw new MultipartLimitError('fileSize', limit);
  return stream.bytesRead;
}

/**
 * Reads a `multipart/form-data` body as it streams in (RFC 7578): text fields in order, and each file
 * part straight to a file of its own under `fileDir`, so no file is ever held in memory. On any
 * failure (a limit, a malformed or truncated body, a client that goes away) every file written so
 * far is deleted before the error is thrown: a failed form leaves nothing behind.
 */
export async function readMultipart(body: Readable, contentType: string, limits: MultipartLimits): Promise<MultipartBody> {
  const fields: [string, string][] = [];
  const files: ReceivedFile[] = [];
  const written: string[] = [];
  const streams: BusboyFileStream[] = [];
  const parts: Promise<void>[] = [];
  let parser;
  try {
    parser = new Busboy({
      headers: { 'content-type': contentType },
      limits: {
        fileSize: limits.fileDir === undefined ? limits.maxFieldBytes : limits.maxFileBytes,
        files: limits.maxFiles,
        fieldSize: limits.maxFieldBytes,
        fields: limits.maxFields,
      },
    });
  } catch (error) {
    throw new MultipartFormError(error instanceof Error ? error.message : String(error));
  }
  if (limits.fileDir !== undefined) await mkdir(limits.fileDir, { recursive: true });
  let overLimit: MultipartLimitError | undefined;
  parser.on('field', (name, value, _nameTruncated, valueTruncated) => {
    if (valueTruncated) overLimit ??= new MultipartLimitError('fieldSize', limits.maxFieldBytes);
    fields.push([name, value]);
  });
  const track = (part: Promise<void>): void => {
    // Awaited below, after the body; a part that fails first must not count as unhandled meanwhile.
    part.catch(() => undefined);
    parts.push(part);
  };
  parser.on('file', (field, stream, filename, _encoding, mimeType) => {
    streams.push(stream);
    // The rest of the part is drained, not kept: whatever fails later, this is the reason to give.
    stream.on(
      'limit',
      () =>
        (overLimit ??= new MultipartLimitError(
          limits.fileDir === undefined ? 'fieldSize' : 'fileSize',
          limits.fileDir === undefined ? limits.maxFieldBytes : limits.maxFileBytes,
        )),
    );
    if (limits.fileDir === undefined) {
      track(readText(stream, limits.maxFieldBytes).then((text) => void fields.push([field, text])));
      return;
    }
    const path = join(limits.fileDir, randomUUID());
    written.push(path);
    track(
      writeFile(stream, path, limits.maxFileBytes).then((size) => {
        files.push({ field, filename, mimeType, path, size });
      }),
    );
  });
  parser.on('filesLimit', () => (overLimit ??= new MultipartLimitError('files', limits.maxFiles)));
  parser.on('fieldsLimit', () => (overLimit ??= new MultipartLimitError('fields', limits.maxFields)));
  try {
    await pipeline(body, parser).catch((error: unknown) => {
      if (overLimit) throw overLimit;
      if (error instanceof MultipartLimitError) throw error;
      // The cause keeps what the body's own stream failed with (a size bound of the caller's, say).
      throw new MultipartFormError(error instanceof Error ? error.message : String(error), { cause: error });
    });
    await Promise.all(parts);
    if (overLimit) throw overLimit;
    return { fields, files };
  } catch (error) {
    // A body cut off mid-file never ends that file's stream: end each one so its write settles.
    for (const stream of streams) stream.destroy();
    await Promise.allSettled(parts);
    await Promise.all(written.map((path) => rm(path, { force: true })));
    throw error;
  }
}
