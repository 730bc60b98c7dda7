import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, fetchExchange, gql } from '@urql/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import type { GpServerOptions } from '../../gpserver/server-options.js';
import { graphql, startGateway, type RunningGateway } from '../support/gateway-fixture.js';
import { rest, startGpServer } from '../support/gp-server-fixture.js';
import { valueRaster, ZONES } from '../support/zonal-fixtures.js';
import type { GatewayOptions } from '../../gateway/create-gateway.js';
import type { GpServer } from '../../gpserver/server.js';

const CSV = 'name,lon,lat\nA,-119.7,36.3\nB,-119.6,36.4\n';

let uploadRoot = '';
beforeAll(async () => {
  uploadRoot = await mkdtemp(join(tmpdir(), 'gateway-uploads-test-'));
});
afterAll(async () => {
  await rm(uploadRoot, { recursive: true, force: true });
});

/** Files left in a gateway's upload folder (there should be none once its responses are sent). */
async function leftIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

async function setUp(gp: GpServerOptions = {}, gateway: Partial<GatewayOptions> = {}): Promise<RunningGateway & { upstream: GpServer }> {
  const upstream = await startGpServer(gp);
  return { ...(await startGateway({ ...gateway, sources: embeddedSources(upstream.servicesUrl) })), upstream };
}

/** urql, as a frontend uses it: it sends a multipart request (GraphQL multipart request spec) when variables hold files. */
function urql(graphqlUrl: string, headers: Record<string, string> = {}): Client {
  return new Client({ url: graphqlUrl, exchanges: [fetchExchange], fetchOptions: { headers: { 'graphql-preflight': '1', ...headers } } });
}

const RUN_TABLE = gql`
  mutation Points($input: TableToPointsInput!) {
    runTableToPoints(input: $input) {
      results {
        outputPoints {
          featureCount
          data
        }
        outputFile {
          url
          upstreamUrl
        }
      }
    }
  }
`;
const UPLOAD = gql`
  mutation Upload($service: String!, $file: Upload!, $description: String) {
    uploadItem(service: $service, file: $file, description: $description) {
      itemId
      itemName
      description
      date
      committed
    }
  }
`;
/** Submits the job and waits for its final status (run<Task> of an asynchronous task). */
const RUN_ZONAL = gql`
  mutation Zonal($input: ZonalStatisticsInput!) {
    runZonalStatistics(input: $input) {
      status
      results {
        outTable {
          featureCount
        }
        outStatisticsFile {
          url
          upstreamUrl
        }
      }
    }
  }
`;
type ZonalJob = {
  status: string;
  results: { outTable: { featureCount: number }; outStatisticsFile: { url: string; upstreamUrl: string } } | null;
};

async function items(upstream: GpServer, service: string): Promise<unknown> {
  return (await rest(`${upstream.servicesUrl}/${service}/GPServer/uploads`)).items;
}

describe('files through the gateway: uploads in (GraphQL multipart requests), file results out', () => {
  it('should run a synchronous task on a file uploaded with urql, and serve its file result at /files', async () => {
    const uploadDir = join(uploadRoot, 'sync');
    const { graphqlUrl, origin, upstream } = await setUp({}, { uploadDir });
    const file = new File([CSV], 'cities.csv', { type: 'text/csv' });
    const result = await urql(graphqlUrl)
      .mutation(RUN_TABLE, { input: { inputTable: { upload: file } } })
      .toPromise();
    expect(result.error).toBeUndefined();
    const { outputPoints, outputFile } = (
      result.data as {
        runTableToPoints: { results: { outputPoints: { featureCount: number }; outputFile: { url: string; upstreamUrl: string } } };
      }
    ).runTableToPoints.results;
    expect(outputPoints.featureCount).toBe(2);
    expect(outputFile.url).toMatch(new RegExp(`^${origin}/files/[\\w-]+$`));
    // The id does not show where the file lies upstream.
    expect(Buffer.from(outputFile.url.split('/').at(-1) ?? '', 'base64url').toString('latin1')).not.toContain('127.0.0.1');
    expect(outputFile.upstreamUrl).toMatch(
      new RegExp(`^${upstream.origin}/arcgis/rest/directories/arcgisoutput/Conversion/TableToPoints_GPServer/`),
    );
    const download = await fetch(outputFile.url);
    expect(download.headers.get('content-type')).toBe('application/geo+json');
    expect(((await download.json()) as { features: unknown[] }).features).toHaveLength(2);
    // A forged or altered link is no link.
    expect((await fetch(`${outputFile.url.slice(0, -2)}xx`)).status).toBe(404);
    expect(upstream.requests.count('upload')).toBe(1);
    expect(await leftIn(uploadDir)).toEqual([]);
  });

  it('should answer an unknown item id with the error the service gives, naming the parameter', async () => {
    const { graphqlUrl } = await setUp();
    const result = await urql(graphqlUrl)
      .mutation(RUN_TABLE, { input: { inputTable: { itemId: 'i-unknown' } } })
      .toPromise();
    const error = result.error?.graphQLErrors[0];
    expect(error?.extensions).toMatchObject({ code: 'UPSTREAM_ERROR', arcgisCode: 400 });
    expect(error?.extensions.details).toEqual([
      expect.stringMatching(/^Invalid value for parameter 'Input_Table': item 'i-unknown' does not exist/),
    ]);
  });

  it('should upload an item with uploadItem and reuse its itemId in a job, whose CSV result downloads with ranges', async () => {
    const { graphqlUrl, upstream } = await setUp();
    const client = urql(graphqlUrl);
    const uploaded = await client
      .mutation(UPLOAD, {
        service: 'Analysis/ZonalStatistics',
        file: new File([valueRaster()], 'values.tif', { type: 'image/tiff' }),
        description: 'test raster',
      })
      .toPromise();
    expect(uploaded.error).toBeUndefined();
    const item = (
      uploaded.data as { uploadItem: { itemId: string; itemName: string; description: string; committed: boolean; date: string } }
    ).uploadItem;
    expect(item).toMatchObject({ itemName: 'values.tif', description: 'test raster', committed: true });
    expect(Number.isNaN(Date.parse(item.date))).toBe(false);
    const ran = await client
      .mutation(RUN_ZONAL, { input: { inZoneFeatures: { esriJson: ZONES }, zoneField: 'NAME', inValueRaster: { itemId: item.itemId } } })
      .toPromise();
    expect(ran.error).toBeUndefined();
    const job = (ran.data as { runZonalStatistics: ZonalJob }).runZonalStatistics;
    expect(job.status).toBe('SUCCEEDED');
    expect(job.results?.outTable.featureCount).toBe(3);
    const url = job.results?.outStatisticsFile.url ?? '';
    const csv = await (await fetch(url)).text();
    expect(csv.split('\r\n')[0]).toBe('ZONE,COUNT,MIN,MAX,MEAN,STD,SUM');
    const part = await fetch(url, { headers: { range: 'bytes=0-3' } });
    expect([part.status, part.headers.get('content-range'), await part.text()]).toEqual([206, `bytes 0-3/${csv.length}`, 'ZONE']);
    // The item stays for reuse: the job used it, nothing deleted it.
    expect(await items(upstream, 'Analysis/ZonalStatistics')).toHaveLength(1);
  });

  it('should refuse an oversized file, a file type the service does not take and a malformed body with UPLOAD_REFUSED, keeping no item', async () => {
    const { graphqlUrl, upstream } = await setUp({}, { maxUploadBytes: 1024 });
    const client = urql(graphqlUrl);
    const big = await client
      .mutation(RUN_TABLE, { input: { inputTable: { upload: new File(['x'.repeat(4096)], 'big.csv') } } })
      .toPromise();
    expect(big.error?.graphQLErrors[0]?.extensions).toMatchObject({ code: 'UPLOAD_REFUSED' });
    expect(big.error?.graphQLErrors[0]?.message).toBe('A file exceeds the largest upload of 1024 bytes.');
    const exe = await client.mutation(RUN_TABLE, { input: { inputTable: { upload: new File(['MZ'], 'tool.exe') } } }).toPromise();
    expect(exe.error?.graphQLErrors[0]?.extensions).toMatchObject({ code: 'UPLOAD_REFUSED', arcgisCode: 400 });
    expect(exe.error?.graphQLErrors[0]?.message).toMatch(/^The service refused the upload: File type '\.exe' is not allowed/);
    const malformed = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'graphql-preflight': '1' },
      body: '--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--b\r\nContent-Disposition: form-data; name="0"; filename="a.csv"\r\n\r\nhalf',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ errors: [{ extensions: { code: 'UPLOAD_REFUSED' } }] });
    const noMap = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'graphql-preflight': '1' },
      body: formWith({ operations: '{"query":"{ __typename }"}' }),
    });
    expect(await noMap.json()).toMatchObject({
      errors: [{ message: "A multipart GraphQL request needs a 'map' field (GraphQL multipart request spec)." }],
    });
    expect(upstream.requests.count('execute')).toBe(0);
    expect(await items(upstream, 'Conversion/TableToPoints')).toEqual([]);
  });

  it('should delete the files it uploaded when a later file of the same request is refused', async () => {
    const { graphqlUrl, upstream } = await setUp();
    const echo = gql`
      mutation ($input: EchoAllTypesInput!) {
        runEchoAllTypes(input: $input) {
          messages {
            description
          }
        }
      }
    `;
    const result = await urql(graphqlUrl)
      .mutation(echo, {
        input: { inLong: 1, inDataFile: { upload: new File(['a,b\n'], 'ok.csv') }, inRaster: { upload: new File(['MZ'], 'bad.exe') } },
      })
      .toPromise();
    expect(result.error?.graphQLErrors[0]?.extensions).toMatchObject({ code: 'UPLOAD_REFUSED' });
    expect(upstream.requests.count('upload')).toBe(2);
    expect(upstream.requests.count('uploadDelete')).toBe(1);
    expect(await items(upstream, 'Testing/AllDataTypes')).toEqual([]);
    expect(upstream.requests.count('execute')).toBe(0);
  });

  it('should refuse a multipart request without a preflight header (CSRF), and survive one cut off mid-file, keeping no file', async () => {
    const uploadDir = join(uploadRoot, 'cut');
    const { graphqlUrl, upstream } = await setUp({}, { uploadDir });
    const csrf = await fetch(graphqlUrl, { method: 'POST', body: formWith({ operations: '{"query":"{ __typename }"}', map: '{}' }) });
    expect(csrf.status).toBe(403);
    await new Promise<void>((resolve) => {
      const req = request(graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=b0', 'graphql-preflight': '1' },
      });
      req.on('error', () => {
        resolve();
      });
      req.write(
        '--b0\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"mutation($f:Upload!){uploadItem(service:\\"Conversion/TableToPoints\\",file:$f){itemId}}","variables":{"f":null}}\r\n',
      );
      req.write(
        '--b0\r\nContent-Disposition: form-data; name="map"\r\n\r\n{"0":["variables.f"]}\r\n--b0\r\nContent-Disposition: form-data; name="0"; filename="cut.csv"\r\n\r\n',
      );
      req.write('x'.repeat(128 * 1024), () => {
        setTimeout(() => {
          req.destroy();
          resolve();
        }, 100);
      });
    });
    expect((await graphql(graphqlUrl, '{ __typename }')).data).toEqual({ __typename: 'Query' });
    expect(upstream.requests.count('upload')).toBe(0);
    // The half-written file goes once the gateway sees the reset (2 s at most).
    for (let i = 0; i < 40 && (await leftIn(uploadDir)).length > 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await leftIn(uploadDir)).toEqual([]);
  });
});

function formWith(fields: Record<string, string>): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  return form;
}
