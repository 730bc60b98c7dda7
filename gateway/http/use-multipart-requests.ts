import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { GraphQLError } from 'graphql';
import { createGraphQLError, type GraphQLParams, type Plugin } from 'graphql-yoga';
import { MultipartFormError, MultipartLimitError, readMultipart, type ReceivedFile } from '../../multipart/read-multipart.js';
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { DiskFile } from '../../core/files/disk-file.js';

export interface MultipartLimits {
  /** Where files wait while their request runs. */
  readonly dir: string;
  readonly maxFileBytes: number;
  readonly maxFiles: number;
  /** Bytes of the `operations` and `map` fields. */
  readonly maxFieldBytes: number;
}

export function isMultipart(request: Request): boolean {
  return request.method === 'POST' && (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
}

function refused(message: string, status = 400): Error {
  return createGraphQLError(message, { extensions: { code: ERROR_CODES.UPLOAD_REFUSED, http: { status } } });
}

function limitMessage(error: MultipartLimitError): string {
  switch (error.kind) {
    case 'fileSize':
      return `A file exceeds the largest upload of ${error.limit} bytes.`;
    case 'files':
      return `A request may carry at most ${error.limit} files.`;
    default:
      return `The request's form fields exceed their limit (${error.kind}: ${error.limit}).`;
  }
}

function parseField(fields: ReadonlyMap<string, string>, name: string): unknown {
  const text = fields.get(name);
  if (text === undefined) throw refused(`A multipart GraphQL request needs a '${name}' field (GraphQL multipart request spec).`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw refused(`The '${name}' field of the multipart request is not JSON.`);
  }
}

/**
 * Puts `file` at a dotted path (`variables.input.table.upload`, `0.variables.file`) that holds null.
 * Only the request's own JSON is walked: a step through an inherited property (`__proto__`,
 * `constructor`, `prototype`…) names nothing in operations, so it is refused like any wrong path.
 */
function place(operations: unknown, path: string, file: DiskFile): void {
  const keys = path.split('.');
  let parent: unknown = operations;
  for (const key of keys.slice(0, -1)) parent = ownValue(parent, key);
  const last = keys.at(-1) ?? '';
  if (typeof parent !== 'object' || parent === null || !Object.hasOwn(parent, last) || ownValue(parent, last) !== null) {
    throw refused(`The map path '${path}' does not name a null in operations.`);
  }
  // Defined, not assigned: an own `__proto__` key of the JSON stays a plain property.
  Object.defineProperty(parent, last, { value: file, writable: true, enumerable: true, configurable: true });
}

function ownValue(parent: unknown, key: string): unknown {
  return typeof parent === 'object' && parent !== null && Object.hasOwn(parent, key) ? (parent as Record<string, unknown>)[key] : undefined;
}

function operationsWithFiles(fields: ReadonlyMap<string, string>, files: readonly ReceivedFile[]): GraphQLParams | GraphQLParams[] {
  const operations = parseField(fields, 'operations');
  const map = parseField(fields, 'map');
  if (typeof operations !== 'object' || operations === null)
    throw refused('The operations field must be an operation object or a batch (array).');
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    throw refused('The map field must be an object: file field name → paths in operations.');
  for (const [key, paths] of Object.entries(map as Record<string, unknown>)) {
    const received = files.find((f) => f.field === key);
    if (!received) throw refused(`The map names a file '${key}' that the request does not carry.`);
    if (!Array.isArray(paths) || paths.some((p) => typeof p !== 'string'))
      throw refused(`The map entry '${key}' must be an array of paths.`);
    // The file stays on disk; it is read from there when it is sent on.
    const file = new DiskFile(received.path, received.filename, received.mimeType, received.size);
    for (const path of paths as string[]) place(operations, path, file);
  }
  return operations as GraphQLParams | GraphQLParams[];
}

/**
 * GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec): the body
 * is read as it streams in, each file to a file on disk (see multipart/), and the `Upload` variables get
 * DiskFiles (read from disk when sent on). The files are deleted when the response has been sent; a refused or
 * broken request keeps nothing. CSRF: multipart is a form content type, so use-csrf-prevention asks
 * for a preflight header first.
 */
export function useMultipartRequests(limits: MultipartLimits): Plugin {
  const pending = new WeakMap<Request, readonly ReceivedFile[]>();
  return {
    onRequestParse({ request, setRequestParser }) {
      if (!isMultipart(request)) return;
      const contentType = request.headers.get('content-type') ?? '';
      // The body of the request given to the parser (the body limit hands it one of its own); the files
      // are filed under this one, which is the request onResponse sees.
      setRequestParser(async (limited) => {
        if (!limited.body) throw refused('The multipart request has no body.');
        // The request's own stream (the server adapter reads the socket into it), as Buffers for busboy.
        const reader = limited.body.getReader();
        const source = Readable.from(
          (async function* () {
            for (;;) {
              const { done, value } = await reader.read();
              if (done) return;
              yield Buffer.from(value.buffer, value.byteOffset, value.byteLength);
            }
          })(),
        );
        let body;
        try {
          body = await readMultipart(source, contentType, {
            fileDir: limits.dir,
            maxFileBytes: limits.maxFileBytes,
            maxFiles: limits.maxFiles,
            maxFieldBytes: limits.maxFieldBytes,
            maxFields: 16,
          });
        } catch (error) {
          if (error instanceof MultipartLimitError) throw refused(limitMessage(error), 413);
          // The body limit's own 413, raised inside the stream, comes out as the form's cause.
          if (error instanceof MultipartFormError && error.cause instanceof GraphQLError) throw error.cause;
          if (error instanceof MultipartFormError) throw refused(`The multipart request is malformed or incomplete: ${error.message}`);
          throw error;
        }
        pending.set(request, body.files);
        return operationsWithFiles(new Map(body.fields), body.files);
      });
    },
    async onResponse({ request }) {
      const files = pending.get(request);
      if (!files) return;
      pending.delete(request);
      await Promise.all(files.map((file) => rm(file.path, { force: true })));
    },
  };
}
