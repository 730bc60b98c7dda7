import { createReadStream } from 'node:fs';

/** A file to send upstream, read from its own stream as the request is written. */
export interface FilePart {
  readonly name: string;
  readonly type: string;
  readonly size: number;
  stream(): AsyncIterable<Uint8Array>;
}

/**
 * A file of a multipart request, waiting on disk: the `Upload` value the resolvers get, read with
 * `fs.createReadStream` when it is sent on (see arcgis/multipart-body.ts and arcgis/upload-fetch.ts:
 * the measured cause of whole-file buffering was Node's fetch writing a streamed body without
 * backpressure, not the Blob; a plain path keeps the stream's source obvious).
 */
export class DiskFile implements FilePart {
  /**
   * A private field: an error that prints the value (graphql-js coercing a file mapped onto a
   * `String` variable), JSON and logs never show where the server keeps its files.
   */
  readonly #path: string;

  constructor(
    path: string,
    readonly name: string,
    readonly type: string,
    readonly size: number,
  ) {
    this.#path = path;
  }

  stream(): AsyncIterable<Uint8Array> {
    return createReadStream(this.#path);
  }

  /** How the file reads wherever it is printed or serialised (graphql-js's error messages use it too). */
  toJSON(): string {
    return `Upload ${JSON.stringify(this.name)}`;
  }
}

/** What may stand for a file in a request: a file on disk, or any Blob (a File keeps its name). */
export type Uploadable = DiskFile | Blob;

export function isUploadable(value: unknown): value is Uploadable {
  return value instanceof DiskFile || value instanceof Blob;
}

export function asFilePart(file: Uploadable, fallbackName: string): FilePart {
  if (file instanceof DiskFile) return file;
  return {
    name: file instanceof File ? file.name : fallbackName,
    type: file.type,
    size: file.size,
    stream: () => file.stream() as unknown as AsyncIterable<Uint8Array>,
  };
}
