import { createReadStream } from 'node:fs';

/** A file to send upstream, read from its own stream as the request is written. */
export interface FilePart {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  stream(): AsyncIterable<Uint8Array>;
}

/**
 * A file of a multipart request, waiting on disk: the `Upload` value the resolvers get. It is read
 * with `fs.createReadStream` when sent on. Not a WHATWG File on purpose: a Blob from `fs.openAsBlob`
 * sent in a request to a server of the same process stayed in memory after the request (measured:
 * ~800 MB held for a 400 MB file until a later collection), a read stream does not.
 */
export class DiskFile implements FilePart {
  constructor(
    readonly path: string,
    readonly name: string,
    readonly type: string,
    readonly size: number,
  ) {}

  stream(): AsyncIterable<Uint8Array> {
    return createReadStream(this.path);
  }
}

/** What may stand for a file in a request: a file on disk, or any Blob (a File keeps its name). */
export type Uploadable = DiskFile | Blob;

export function isUploadable(value: unknown): value is Uploadable {
  return value instanceof DiskFile || value instanceof Blob;
}

export function asFilePart(file: Uploadable, fallbackName: string): FilePart {
  if (file instanceof DiskFile) return file;
  return { name: file instanceof File ? file.name : fallbackName, type: file.type, size: file.size, stream: () => file.stream() as unknown as AsyncIterable<Uint8Array> };
}
