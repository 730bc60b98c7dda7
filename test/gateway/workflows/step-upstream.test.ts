/* eslint-disable @typescript-eslint/require-await -- review reproductions */
import { describe, expect, it } from 'vitest';
import { GATEWAY_CREDENTIAL } from '../../../core/credential.js';
import { DiskFile, type Uploadable } from '../../../core/files/disk-file.js';
import type { RestClient } from '../../../gateway/arcgis/rest-client.js';
import { createStepUpstream } from '../../../gateway/workflows/step-upstream.js';

async function text(file: Uploadable): Promise<string> {
  if (!(file instanceof DiskFile)) return file.text();
  const chunks: Buffer[] = [];
  for await (const chunk of file.stream()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

describe('review: copying a result file to the next service (FILE hand-over by value)', () => {
  it('refuses a result file the server answers 404 (or 403, 302) for, instead of uploading the error page as the raster', async () => {
    const uploaded: string[] = [];
    const client: RestClient = {
      getJson: () => Promise.reject(new Error('unused')),
      postForm: () => Promise.reject(new Error('unused')),
      getFile: async () =>
        new Response('<html><body>Error: Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } }),
    };
    const upstream = createStepUpstream(
      () => client,
      () => Promise.reject(new Error('unused')),
      {
        async upload(_serviceUrl, file) {
          uploaded.push(await text(file));
          return { itemId: 'i1' } as never;
        },
        remove: async () => undefined,
      },
    );
    const copied = upstream.copyFile(
      'https://a.example.com/arcgis/rest/directories/arcgisjobs/tools/extract_gpserver/j1/scratch/elevation.tif',
      'https://b.example.com/arcgis/rest/services/Zonal/GPServer',
      GATEWAY_CREDENTIAL,
      new AbortController().signal,
    );
    await copied.catch(() => undefined);
    console.log('uploaded as the raster:', uploaded);
    await expect(copied).rejects.toThrow();
    expect(uploaded).toEqual([]);
  });
});
