import type { IncomingMessage } from 'node:http';
import { RequestParams } from './request-params.js';
import { restErrors } from './rest-error.js';

export interface GpRequest {
  readonly method: string;
  readonly pathname: string;
  readonly params: RequestParams;
  readonly headers: IncomingMessage['headers'];
  /** Base URL the client used (scheme, host, port), for absolute URLs in responses. */
  readonly origin: string;
}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw restErrors.requestTooLarge(limit);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/**
 * Query fields plus, for POST, the body's fields: `application/x-www-form-urlencoded` or
 * `multipart/form-data` (Esri clients switch to multipart when a parameter is a file).
 * Body fields override query fields of the same name.
 */
export async function readGpRequest(req: IncomingMessage, bodyLimit: number): Promise<GpRequest> {
  const host = req.headers.host ?? 'localhost';
  const url = new URL(req.url ?? '/', `http://${host}`);
  const entries: [string, string][] = [...url.searchParams.entries()];
  const method = (req.method ?? 'GET').toUpperCase();
  if (method === 'POST') {
    const body = await readBody(req, bodyLimit);
    const contentType = req.headers['content-type'] ?? 'application/x-www-form-urlencoded';
    if (contentType.startsWith('multipart/form-data')) {
      const form = await new Response(Uint8Array.from(body), { headers: { 'content-type': contentType } }).formData();
      for (const [name, value] of form.entries()) {
        entries.push([name, typeof value === 'string' ? value : await value.text()]);
      }
    } else if (body.length > 0) {
      entries.push(...new URLSearchParams(body.toString('utf8')).entries());
    }
  }
  return {
    method,
    pathname: url.pathname,
    params: new RequestParams(entries),
    headers: req.headers,
    origin: url.origin,
  };
}
