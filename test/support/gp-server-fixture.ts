import { afterEach } from 'vitest';
import { createGpServer, type GpServer } from '../../gpserver/server.js';
import type { GpServerOptions } from '../../gpserver/server-options.js';

const disposers: (() => Promise<void>)[] = [];

afterEach(async () => {
  await Promise.all(disposers.splice(0).map((dispose) => dispose()));
});

/** A real embedded GPServer on a free loopback port, closed after the test. */
export async function startGpServer(options: GpServerOptions = {}): Promise<GpServer> {
  const server = await createGpServer({ port: 0, host: '127.0.0.1', ...options });
  disposers.push(() => server.close());
  return server;
}

export type Json = Record<string, unknown>;

/** One REST call, GET (query) or POST (form-encoded), answered as JSON. */
export async function rest(
  url: string,
  params: Record<string, string | number | boolean | object> = {},
  init: { method?: 'GET' | 'POST'; headers?: Record<string, string> } = {},
): Promise<Json> {
  const fields = new URLSearchParams({ f: 'json' });
  for (const [key, value] of Object.entries(params)) {
    fields.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
  }
  const method = init.method ?? 'GET';
  const response =
    method === 'GET'
      ? await fetch(`${url}?${fields.toString()}`, { headers: init.headers ?? {} })
      : await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', ...init.headers },
          body: fields.toString(),
        });
  return (await response.json()) as Json;
}

/** Polls a job resource until `done` holds, at most `limit` times, `everyMs` apart. */
export async function pollJob(
  jobUrl: string,
  done: (status: Json) => boolean,
  { everyMs = 25, limit = 800, params = {} }: { everyMs?: number; limit?: number; params?: Record<string, string> } = {},
): Promise<{ status: Json; seen: string[] }> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    const status = await rest(jobUrl, params);
    const jobStatus = String(status.jobStatus);
    if (seen.at(-1) !== jobStatus) seen.push(jobStatus);
    if (done(status)) return { status, seen };
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`job at ${jobUrl} did not reach the expected state after ${limit} polls (saw ${seen.join(' → ')})`);
}

export const isFinal = (status: Json): boolean =>
  ['esriJobSucceeded', 'esriJobFailed', 'esriJobTimedOut', 'esriJobCancelled'].includes(String(status.jobStatus));

/** `uploads/upload` of one file (multipart), answered as JSON. */
export async function uploadFile(
  serviceUrl: string,
  name: string,
  content: string | Uint8Array<ArrayBuffer>,
  fields: Record<string, string> = {},
  headers: Record<string, string> = {},
): Promise<Json> {
  const form = new FormData();
  form.set('f', 'json');
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  form.set('file', new Blob([content]), name);
  const response = await fetch(`${serviceUrl}/uploads/upload`, { method: 'POST', body: form, headers });
  return (await response.json()) as Json;
}

/** The itemID of a successful upload (fails the test otherwise). */
export async function uploadItemId(serviceUrl: string, name: string, content: string | Uint8Array<ArrayBuffer>): Promise<string> {
  const body = await uploadFile(serviceUrl, name, content);
  const item = body.item as { itemID?: string } | undefined;
  if (body.success !== true || item?.itemID === undefined) throw new Error(`upload of ${name} failed: ${JSON.stringify(body)}`);
  return item.itemID;
}

/** submitJob (POST), then polls the job until it ends: its URL and final status (fails the test when no job was submitted). */
export async function runJob(
  taskUrl: string,
  params: Record<string, string | number | boolean | object>,
  token?: string,
): Promise<{ jobUrl: string; jobId: string; status: Json }> {
  const submitted = await rest(`${taskUrl}/submitJob`, token === undefined ? params : { ...params, token }, { method: 'POST' });
  if (typeof submitted.jobId !== 'string') throw new Error(`submitJob to ${taskUrl} failed: ${JSON.stringify(submitted)}`);
  const jobUrl = `${taskUrl}/jobs/${submitted.jobId}`;
  const { status } = await pollJob(jobUrl, isFinal, token === undefined ? {} : { params: { token } });
  return { jobUrl, jobId: submitted.jobId, status };
}
