import { randomBytes } from 'node:crypto';
import type { FilePart } from '../../core/files/disk-file.js';

/** A `multipart/form-data` body and the headers that go with it. */
export interface MultipartBody {
  readonly body: AsyncIterable<Uint8Array>;
  readonly contentType: string;
  readonly contentLength: number;
}

/** Names and file names in part headers, escaped as browsers do (WHATWG HTML, "multipart/form-data encoding"). */
function quoted(text: string): string {
  return text.replaceAll('\r', '%0D').replaceAll('\n', '%0A').replaceAll('"', '%22');
}

/**
 * `multipart/form-data` (RFC 7578) of text fields and files, each file read from its own stream as the
 * request is written (only as fast as the upstream takes it), with an exact Content-Length.
 */
export function multipartBody(
  fields: readonly (readonly [string, string])[],
  files: readonly (readonly [string, FilePart])[],
): MultipartBody {
  const boundary = `----gp-graphql-gateway-${randomBytes(12).toString('hex')}`;
  const encoder = new TextEncoder();
  const fieldParts = fields.map(([name, value]) =>
    encoder.encode(`--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"\r\n\r\n${value}\r\n`),
  );
  const fileHeads = files.map(([name, file]) => {
    const filename = file.name;
    const type = file.type === '' ? 'application/octet-stream' : file.type;
    return encoder.encode(
      `--${boundary}\r\nContent-Disposition: form-data; name="${quoted(name)}"; filename="${quoted(filename)}"\r\nContent-Type: ${type}\r\n\r\n`,
    );
  });
  const crlf = encoder.encode('\r\n');
  const closing = encoder.encode(`--${boundary}--\r\n`);
  const contentLength =
    fieldParts.reduce((n, part) => n + part.byteLength, 0) +
    fileHeads.reduce((n, head, i) => n + head.byteLength + (files[i]?.[1].size ?? 0) + crlf.byteLength, 0) +
    closing.byteLength;
  async function* body(): AsyncGenerator<Uint8Array> {
    yield* fieldParts;
    for (const [i, [, file]] of files.entries()) {
      yield fileHeads[i] ?? new Uint8Array();
      yield* file.stream();
      yield crlf;
    }
    yield closing;
  }
  return { body: body(), contentType: `multipart/form-data; boundary=${boundary}`, contentLength };
}
