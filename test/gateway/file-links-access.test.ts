/**
 * `/files/<id>` with access control on: a link is a short-lived capability of the caller it was made
 * for. A browser follows it without headers (an `<img>`, an `<a>`); a request that presents a key must
 * present that caller's; a wrong key is 401, another caller's key 404, an expired link 404, and a link
 * made without access control serves nobody — so no anonymous request reaches a server credential.
 */
import { createHash } from 'node:crypto';
import { Client, fetchExchange } from '@urql/core';
import { RUN_TABLE_TO_POINTS, RUN_ZONAL_STATISTICS, type TableToPointsRun, type ZonalStatisticsRun } from '../support/file-documents.js';
import { describe, expect, it } from 'vitest';
import { GATEWAY_CREDENTIAL } from '../../core/credential.js';
import { CALLER_LINK_TTL_MS, FileLinks } from '../../core/files/file-links.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';
import { ManualClock } from '../support/manual-clock.js';
import { valueRaster, ZONES } from '../support/zonal-fixtures.js';

const KEY_A = 'frontend-key-0123456789';
const KEY_B = 'reports-key-0123456789';
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const SECRET = 'files-secret-of-this-deployment';
const ACCESS = {
  apiKeys: [
    { id: 'frontend', sha256: sha256(KEY_A) },
    { id: 'reports', sha256: sha256(KEY_B) },
  ],
};

function urql(graphqlUrl: string, key: string): Client {
  return new Client({
    url: graphqlUrl,
    exchanges: [fetchExchange],
    fetchOptions: { headers: { 'x-api-key': key, 'graphql-preflight': '1' } },
  });
}

const get = (url: string, key?: string): Promise<Response> => fetch(url, key === undefined ? {} : { headers: { 'x-api-key': key } });

describe('file links with access control', () => {
  it("should serve a run's file to its caller, with its key or with none, and to no other caller", async () => {
    const clock = new ManualClock({ start: Date.now() });
    const { graphqlUrl } = await startEmbeddedGateway({ access: ACCESS, clock, filesSecret: SECRET });
    const run = await urql(graphqlUrl, KEY_A)
      .mutation(RUN_TABLE_TO_POINTS, { input: { inputTable: { upload: new File(['x,y\n1,2\n'], 'p.csv') } } })
      .toPromise();
    expect(run.error).toBeUndefined();
    const { url, upstreamUrl } = (run.data as TableToPointsRun).runTableToPoints.results.outputFile;

    const withKey = await get(url, KEY_A);
    expect(withKey.status).toBe(200);
    expect(await withKey.text()).toContain('FeatureCollection');
    // A browser following the link sends no header: the link is the caller's capability.
    expect((await get(url)).status).toBe(200);
    const wrong = await get(url, 'not-a-key-0123456789');
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect((await get(url, KEY_B)).status).toBe(404);

    // A link made without a caller (the same secret, no access control) is nobody's capability.
    const unbound = new FileLinks(SECRET, undefined, clock).id(upstreamUrl, { credential: GATEWAY_CREDENTIAL });
    expect((await get(new URL(`/files/${unbound}`, url).href)).status).toBe(404);
    expect((await get(new URL(`/files/${unbound}`, url).href, KEY_A)).status).toBe(404);

    // Short-lived: past its lifetime the link is gone, whoever asks; a new query gives a new one.
    await clock.advance(CALLER_LINK_TTL_MS + 1);
    expect((await get(url)).status).toBe(404);
    expect((await get(url, KEY_A)).status).toBe(404);
  });

  it("should bind a job's file to the caller it was made for", async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ access: ACCESS, polling: { floorMs: 50, ceilingMs: 100 } });
    const run = await urql(graphqlUrl, KEY_A)
      .mutation(RUN_ZONAL_STATISTICS, {
        input: { inZoneFeatures: { esriJson: ZONES }, inValueRaster: { upload: new File([valueRaster()], 'values.tif') } },
      })
      .toPromise();
    expect(run.error).toBeUndefined();
    const job = (run.data as ZonalStatisticsRun).runZonalStatistics;
    expect(job.status).toBe('SUCCEEDED');
    const { url } = job.results.outStatisticsFile;
    expect((await get(url, KEY_A)).status).toBe(200);
    expect((await get(url)).status).toBe(200);
    expect((await get(url, KEY_B)).status).toBe(404);
    expect((await get(url, 'not-a-key-0123456789')).status).toBe(401);
  });
});

describe('file link lifetimes', () => {
  it("should cap a caller's link at CALLER_LINK_TTL_MS and keep others at the links' own lifetime", () => {
    let now = 1_000;
    const links = new FileLinks(SECRET, 24 * 60 * 60_000, { now: () => now });
    const url = 'https://gis.example.com/arcgis/rest/directories/arcgisoutput/x.csv';
    const mine = links.id(url, { credential: GATEWAY_CREDENTIAL }, 'frontend');
    const open = links.id(url, { credential: GATEWAY_CREDENTIAL });
    expect(links.verify(mine)).toMatchObject({ url, caller: 'frontend' });
    expect(links.verify(open)?.caller).toBeUndefined();
    now += CALLER_LINK_TTL_MS + 1;
    expect(links.verify(mine)).toBeUndefined();
    expect(links.verify(open)?.url).toBe(url);
  });
});
