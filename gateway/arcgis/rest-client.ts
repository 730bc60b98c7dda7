/**
 * A small client for the ArcGIS REST API: every resource answers `f=json`, operations take
 * GET query or `application/x-www-form-urlencoded` POST fields, and values that are not
 * strings travel as JSON text (https://developers.arcgis.com/rest/services-reference/enterprise/gp-task.htm,
 * "Request parameters"). Every failure comes out as a GatewayError naming the URL without its query;
 * a connection's failure by its code only (network-failure.ts), Node's own text staying its cause.
 */
import { ERROR_CODES } from '../../core/errors/error-codes.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import { deadline } from '../abort-deadline.js';
import { checkForErrors } from './error-body.js';
import { multipartBody } from './multipart-body.js';
import { networkFailure } from './network-failure.js';
import { uploadFetch } from './upload-fetch.js';
import { asFilePart, isUploadable } from '../../core/files/disk-file.js';
import { redactTokens, withoutQuery } from './safe-url.js';
import { undiciTransport } from './undici-transport.js';
import { fetchTransport, type UpstreamResponse, type UpstreamTransport } from './upstream-transport.js';

/**
 * Request parameters; undefined values are left out, non-strings are sent as JSON text, and a file
 * (DiskFile or Blob) turns the POST into `multipart/form-data`, as Esri's clients send files (uploads/upload).
 */
export type RestParams = Readonly<Record<string, unknown>>;

export interface RestRequestOptions {
  /** The caller's cancellation; combined with the client's timeout. */
  readonly signal?: AbortSignal;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface RestClient {
  getJson(url: string, params?: RestParams, options?: RestRequestOptions): Promise<unknown>;
  postForm(url: string, params: RestParams, options?: RestRequestOptions): Promise<unknown>;
  /**
   * A file (a result under `rest/directories/`) as the raw response, body unread, whatever its status:
   * the caller streams it on. The timeout covers the wait for the headers only.
   */
  getFile(url: string, options?: RestRequestOptions): Promise<Response>;
}

export interface RestClientOptions {
  readonly fetch?: typeof fetch;
  /** Sends multipart uploads (a streamed body); default `uploadFetch` (node:http, which waits for the socket). */
  readonly uploadFetch?: typeof fetch;
  /** Whole-request budget (connect, headers and body). */
  readonly timeoutMs: number;
  /** Sends form and query requests; default undici (undici-transport.ts), or `fetch` when one is given. */
  readonly transport?: UpstreamTransport;
  /** Checks every request URL before anything is sent (see url-guard.ts); the URL it returns is the one requested. */
  readonly guard?: { check(url: string, what: string): URL };
}

function encodeParams(params: RestParams): URLSearchParams {
  const fields = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || isUploadable(value)) continue;
    fields.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  // The REST API answers HTML without it; callers cannot opt out.
  fields.set('f', 'json');
  return fields;
}

export function createRestClient(options: RestClientOptions): RestClient {
  const doFetch = options.fetch ?? fetch;
  const doUpload = options.uploadFetch ?? uploadFetch;
  // An injected fetch carries every request (tests record and fault them); otherwise undici does.
  const transport = options.transport ?? (options.fetch ? fetchTransport(options.fetch) : undiciTransport());
  const uploads = fetchTransport(doUpload);

  async function request(method: 'GET' | 'POST', url: string, params: RestParams, opts: RestRequestOptions): Promise<unknown> {
    const safeUrl = withoutQuery(url);
    let target: URL;
    try {
      target = new URL(url);
    } catch (error) {
      throw new GatewayError(ERROR_CODES.UPSTREAM_UNREACHABLE, `Invalid upstream URL ${safeUrl}`, { url: safeUrl }, { cause: error });
    }
    if (options.guard) target = options.guard.check(url, method);
    const fields = encodeParams(params);
    const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
    let body: string | undefined;
    if (method === 'GET') {
      for (const [key, value] of fields) target.searchParams.set(key, value);
    } else {
      const files = Object.entries(params).flatMap(([key, value]) => (isUploadable(value) ? [[key, asFilePart(value, key)] as const] : []));
      if (files.length > 0) return upload(target, safeUrl, fields, files, headers, opts);
      body = fields.toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    let response: UpstreamResponse;
    try {
      response = await transport({ method, url: target, headers, body, signal: opts.signal, timeoutMs: options.timeoutMs });
    } catch (error) {
      return failed(method, safeUrl, opts, error, 'connecting');
    }
    return answer(method, safeUrl, opts, response);
  }

  /** A POST with files: `multipart/form-data` streamed from disk, as Esri's clients send files (uploads/upload). */
  async function upload(
    target: URL,
    safeUrl: string,
    fields: URLSearchParams,
    files: readonly (readonly [string, ReturnType<typeof asFilePart>])[],
    headers: Record<string, string>,
    opts: RestRequestOptions,
  ): Promise<unknown> {
    const form = multipartBody([...fields], files);
    headers['content-type'] = form.contentType;
    headers['content-length'] = String(form.contentLength);
    let response: UpstreamResponse;
    try {
      response = await uploads({
        method: 'POST',
        url: target,
        headers,
        body: form.body,
        signal: opts.signal,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      return failed('POST', safeUrl, opts, error, 'connecting');
    }
    return answer('POST', safeUrl, opts, response);
  }

  const failed = (method: string, safeUrl: string, opts: RestRequestOptions, error: unknown, stage: string): never => {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    // The caller's own cancellation is not an upstream fault: hand its reason back untouched.
    if (opts.signal?.aborted && !timedOut) throw opts.signal.reason;
    if (timedOut) {
      throw new GatewayError(
        ERROR_CODES.UPSTREAM_TIMEOUT,
        `${method} ${safeUrl} did not answer within ${options.timeoutMs} ms`,
        { url: safeUrl },
        { cause: error },
      );
    }
    throw new GatewayError(
      ERROR_CODES.UPSTREAM_UNREACHABLE,
      `${method} ${safeUrl} failed while ${stage}: ${networkFailure(error)}`,
      { url: safeUrl },
      { cause: error },
    );
  };

  async function answer(method: string, safeUrl: string, opts: RestRequestOptions, response: UpstreamResponse): Promise<unknown> {
    if (response.status < 200 || response.status > 299) {
      await response.discard();
      // Redirects are never followed: they could carry the token to another origin.
      const where = response.location ? ` (redirect to ${withoutQuery(new URL(response.location, safeUrl).href)} not followed)` : '';
      throw new GatewayError(
        ERROR_CODES.UPSTREAM_HTTP_ERROR,
        `${method} ${safeUrl} answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${where}`,
        { arcgisCode: response.status, url: safeUrl },
      );
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      return failed(method, safeUrl, opts, error, 'reading the response');
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      const preview = redactTokens(text.slice(0, 80).replace(/\s+/g, ' '));
      throw new GatewayError(
        ERROR_CODES.UPSTREAM_INVALID_RESPONSE,
        `${method} ${safeUrl} did not answer JSON (${text.length} bytes starting "${preview}")`,
        { url: safeUrl },
        { cause: error },
      );
    }
    return checkForErrors(json, safeUrl);
  }

  async function getFile(url: string, opts: RestRequestOptions): Promise<Response> {
    const safeUrl = withoutQuery(url);
    const target = options.guard ? options.guard.check(url, 'GET') : new URL(url);
    // Until the headers: the body is streamed on by the caller, for as long as it takes.
    const budget = deadline(options.timeoutMs, opts.signal);
    try {
      return await doFetch(target, { signal: budget.signal, redirect: 'manual', headers: { ...opts.headers } });
    } catch (error) {
      if (opts.signal?.aborted && !budget.timedOut()) throw opts.signal.reason;
      const timedOut = budget.timedOut();
      throw new GatewayError(
        timedOut ? ERROR_CODES.UPSTREAM_TIMEOUT : ERROR_CODES.UPSTREAM_UNREACHABLE,
        timedOut
          ? `GET ${safeUrl} did not answer within ${options.timeoutMs} ms`
          : `GET ${safeUrl} failed while connecting: ${networkFailure(error)}`,
        { url: safeUrl },
        { cause: error },
      );
    } finally {
      budget.release();
    }
  }

  return {
    getJson: (url, params = {}, opts = {}) => request('GET', url, params, opts),
    postForm: (url, params, opts = {}) => request('POST', url, params, opts),
    getFile: (url, opts = {}) => getFile(url, opts),
  };
}
