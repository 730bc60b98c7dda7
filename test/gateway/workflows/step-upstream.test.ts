/** What a workflow's steps ask of the GPServers (step-upstream.ts), against a fake REST client. */
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

describe('copying a result file to the next service (a FILE handed over by value)', () => {
  it.each([404, 403, 302])(
    'should refuse a result file the server answers %i for, instead of uploading the error page as the raster',
    async (status) => {
      const uploaded: string[] = [];
      const client: RestClient = {
        getJson: () => Promise.reject(new Error('unused')),
        postForm: () => Promise.reject(new Error('unused')),
        getFile: () =>
          Promise.resolve(new Response('<html><body>Error</body></html>', { status, headers: { 'content-type': 'text/html' } })),
      };
      const upstream = createStepUpstream(
        () => client,
        () => Promise.reject(new Error('unused')),
        {
          async upload(_serviceUrl, file) {
            uploaded.push(await text(file));
            return { itemId: 'i1', itemName: 'elevation.tif', description: null, date: null, committed: true };
          },
          remove: () => Promise.resolve(),
        },
      );
      const copied = upstream.copyFile(
        'https://a.example.com/arcgis/rest/directories/arcgisjobs/tools/extract_gpserver/j1/scratch/elevation.tif',
        'https://b.example.com/arcgis/rest/services/Zonal/GPServer',
        GATEWAY_CREDENTIAL,
        new AbortController().signal,
      );
      await expect(copied).rejects.toThrow(`elevation.tif could not be read: HTTP ${status}.`);
      expect(uploaded).toEqual([]);
    },
  );
});
