import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { RestClient } from '../arcgis/rest-client.js';
import type { CallerAccess } from '../auth/caller-access.js';
import { presentedInHeaders, tokenFromHeaders } from '../auth/caller-token.js';
import { credentialOf, type Credential } from '../../core/credential.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { credentialDigest, type FileGrant, type FileLinks } from '../../core/files/file-links.js';
import { refusedCaller } from './guard-callers.js';
import { sendResponse } from './plain-post-door.js';
import type { JobCredentials } from '../jobs/job-credentials.js';
import type { JobOperations } from '../../core/jobs/job-operations.js';
import type { Logger } from '../log/logger.js';

export interface FileRouteDeps {
  readonly links: FileLinks;
  readonly jobs: Pick<JobOperations, 'current'>;
  readonly credentials: JobCredentials;
  readonly clients: (credential: Credential) => RestClient;
  readonly log: Logger;
  /** `Authorization` is the caller's JWT for the gateway (access control), not an ArcGIS token to pass on. */
  readonly bearerIsCaller?: boolean;
  /** Access control: when on, a link serves only the caller it was made for (`callerRefusal`). */
  readonly access?: CallerAccess;
}

const PASSED_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'last-modified', 'etag'] as const;

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
  res.end(`${text}\n`);
}

/** The headers that say who calls: the gateway's API key or JWT, and an ArcGIS token. */
function credentialHeaders(req: IncomingMessage): Headers {
  const headers = new Headers();
  for (const name of ['authorization', 'x-esri-authorization', 'x-api-key'] as const) {
    const value = req.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  return headers;
}

/**
 * With access control on, a link is a capability of the caller it was made for, short-lived
 * (`CALLER_LINK_TTL_MS`): a request that presents no caller credential — a browser following the link
 * from an `<img>` or `<a>` — acts as that caller; one that presents an API key or a JWT must be that
 * caller, and a credential that fails is refused as on `/graphql`. A link made for nobody (without
 * access control) serves nobody. Undefined: admitted; `hidden`: answered as a missing file.
 */
async function callerRefusal(deps: FileRouteDeps, headers: Headers, grant: FileGrant): Promise<Response | 'hidden' | undefined> {
  const { access } = deps;
  if (!access?.enabled) return undefined;
  if (grant.caller === undefined) return 'hidden';
  const presented = presentedInHeaders(headers);
  if ((presented.apiKey ?? '') === '' && !(access.bearerIsCaller && presented.bearer !== undefined)) return undefined;
  const check = await access.check(presented);
  if (!check.ok) {
    deps.log.info('caller refused', { reason: check.reason, detail: check.detail, route: '/files' });
    return refusedCaller(check);
  }
  return check.caller === grant.caller ? undefined : 'hidden';
}

/** The credential to fetch with, once the caller has shown they may: the job's, or the caller's own. */
async function upstreamCredential(
  deps: FileRouteDeps,
  grant: NonNullable<ReturnType<FileLinks['verify']>>,
  caller: Credential,
): Promise<Credential | undefined> {
  if (grant.job) {
    try {
      await deps.jobs.current(grant.job, { credential: caller });
    } catch (error) {
      if (error instanceof GatewayError) return undefined;
      throw error;
    }
    return deps.credentials.get(grant.job);
  }
  return grant.credentialDigest === credentialDigest(caller) ? caller : undefined;
}

/** ArcGIS answers a refused directory file with an HTTP-200 JSON error body, not a status. */
async function isErrorBody(response: Response, url: string): Promise<{ text: string; error: boolean }> {
  const text = await response.text();
  if (url.toLowerCase().endsWith('.json')) return { text, error: false };
  try {
    const body = JSON.parse(text) as { error?: unknown };
    return { text, error: typeof body === 'object' && 'error' in body };
  } catch {
    return { text, error: false };
  }
}

/**
 * `GET /files/<id>`: a file result of a job or run, streamed from the GPServer with the job's credential
 * (a browser link needs no upstream token). With access control, only for the caller the link was made
 * for (`callerRefusal`); then a job's file needs the same access as `job(id)`, a synchronous run's file
 * the credential that ran it. Anything refused, expired or missing is 404, so a link reveals nothing to
 * whoever may not read it; only a failing API key or JWT gets 401. `Range` passes through; so do the
 * type and length.
 */
export function serveFiles(deps: FileRouteDeps): (req: IncomingMessage, res: ServerResponse) => boolean {
  const serve = async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const grant = deps.links.verify(id);
    const presented = credentialHeaders(req);
    const refusal = grant && (await callerRefusal(deps, presented, grant));
    if (refusal instanceof Response) {
      await sendResponse(res, refusal);
      return;
    }
    const caller = credentialOf(tokenFromHeaders(presented, deps.bearerIsCaller ?? false));
    const credential = grant && refusal === undefined && (await upstreamCredential(deps, grant, caller));
    if (!grant || !credential) {
      answer(res, 404, 'Not found');
      return;
    }
    const range = req.headers.range;
    const upstream = await deps.clients(credential).getFile(grant.url, range ? { headers: { range } } : {});
    if (upstream.status >= 300 && upstream.status !== 416) {
      await upstream.body?.cancel();
      answer(res, upstream.status >= 500 ? 502 : 404, upstream.status >= 500 ? 'The GPServer could not serve the file' : 'Not found');
      return;
    }
    const headers: Record<string, string> = { 'cache-control': 'private, no-store', 'x-content-type-options': 'nosniff' };
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    if (upstream.headers.get('content-type')?.includes('json')) {
      const { text, error } = await isErrorBody(upstream, grant.url);
      if (error) {
        answer(res, 404, 'Not found');
        return;
      }
      res.writeHead(upstream.status, { ...headers, 'content-length': String(Buffer.byteLength(text)) });
      res.end(req.method === 'HEAD' ? undefined : text);
      return;
    }
    res.writeHead(upstream.status, headers);
    if (!upstream.body || req.method === 'HEAD') {
      await upstream.body?.cancel();
      res.end();
      return;
    }
    await pipeline(Readable.fromWeb(upstream.body as NodeReadableStream<Uint8Array>), res);
  };
  return (req, res) => {
    const match = /^\/files\/([\w.-]+)$/.exec((req.url ?? '/').split('?')[0] ?? '');
    if (!match?.[1] || (req.method !== 'GET' && req.method !== 'HEAD')) return false;
    serve(req, res, match[1]).catch((error: unknown) => {
      deps.log.warn(`file download failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) answer(res, error instanceof GatewayError ? 502 : 500, 'The file could not be fetched from the GPServer');
      else res.destroy();
    });
    return true;
  };
}
