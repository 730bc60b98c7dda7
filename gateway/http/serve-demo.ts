import { deadline } from '../abort-deadline.js';
import { readFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fromRepoRoot } from '../repo-root.js';
import type { ServiceSource } from '../arcgis/catalog-loader.js';

/**
 * The demo page (`demo/`, built by Vite into `demo/dist/`, `npm run build:demo`):
 * - `/demo` and `/demo/`: its `index.html`; `/demo/assets/<file>`: its hashed bundles;
 * - `/demo/tiles/{z}/{y}/{x}`: the hillshade basemap, proxied from the embedded GPServer's
 *   `Elevation/Hillshade/MapServer`. A proxy rather than the GPServer's own URL: the embedded server
 *   listens on loopback only, and one origin needs no CORS. Only digits reach the upstream URL.
 * The page is served under a CSP that allows this origin only: the demo makes no other request.
 */

const DIST = fromRepoRoot('demo/dist/');

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/**
 * The hillshade tiles of the embedded GPServer that the sources front (its `WorldViewshed`
 * service is the one the demo submits to), or undefined for other GPServers.
 */
export function hillshadeTilesFor(sources: readonly ServiceSource[]): string | undefined {
  for (const source of sources) {
    const match =
      source.kind === 'service' ? /^(https?:\/\/[^/?#]+\/arcgis\/rest\/services)\/WorldViewshed\/GPServer$/.exec(source.url) : null;
    if (match) return `${match[1] ?? ''}/Elevation/Hillshade/MapServer/tile`;
  }
  return undefined;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(body);
}

async function serveFile(res: ServerResponse, name: string, cache: string): Promise<void> {
  let body: Buffer;
  try {
    body = await readFile(`${DIST}${name}`);
  } catch {
    if (name === 'index.html')
      send(res, 503, 'text/plain; charset=utf-8', 'The demo is not built: run `npm run build:demo` (npm start does).\n');
    else send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    return;
  }
  const type = CONTENT_TYPES[/\.[a-z]+$/.exec(name)?.[0] ?? ''] ?? 'application/octet-stream';
  send(res, 200, type, body, { 'cache-control': cache, 'content-security-policy': CSP });
}

async function proxyTile(req: IncomingMessage, res: ServerResponse, base: string | undefined, path: string): Promise<void> {
  if (base === undefined) {
    send(res, 404, 'text/plain; charset=utf-8', 'No hillshade tiles: the gateway does not front the embedded GPServer.\n');
    return;
  }
  const closed = new AbortController();
  res.on('close', () => {
    closed.abort();
  });
  const budget = deadline(15_000, closed.signal);
  try {
    const upstream = await fetch(`${base}/${path}`, { signal: budget.signal });
    const body = Buffer.from(await upstream.arrayBuffer());
    send(res, upstream.status, upstream.headers.get('content-type') ?? 'application/octet-stream', body, {
      'cache-control': upstream.headers.get('cache-control') ?? 'no-store',
    });
  } catch {
    if (!res.headersSent && !req.destroyed) send(res, 502, 'text/plain; charset=utf-8', 'The hillshade tiles are unavailable.\n');
  } finally {
    budget.release();
  }
}

/** Serves `/demo…`; returns false for any other path. */
export function serveDemo(req: IncomingMessage, res: ServerResponse, sources: readonly ServiceSource[]): boolean {
  const path = (req.url ?? '/').split('?')[0] ?? '/';
  if (path !== '/demo' && !path.startsWith('/demo/')) return false;
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed\n', { allow: 'GET, HEAD' });
    return true;
  }
  const tile = /^\/demo\/tiles\/(\d{1,2}\/\d{1,9}\/\d{1,9})$/.exec(path);
  const asset = /^\/demo\/assets\/([\w-]+(?:\.[\w-]+)*)$/.exec(path);
  let done: Promise<void>;
  if (path === '/demo' || path === '/demo/' || path === '/demo/index.html') done = serveFile(res, 'index.html', 'no-cache');
  else if (asset?.[1] !== undefined) done = serveFile(res, `assets/${asset[1]}`, 'public, max-age=31536000, immutable');
  else if (tile?.[1] !== undefined) done = proxyTile(req, res, hillshadeTilesFor(sources), tile[1]);
  else {
    send(res, 404, 'text/plain; charset=utf-8', 'Not found\n');
    return true;
  }
  done.catch(() => {
    if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error\n');
  });
  return true;
}
