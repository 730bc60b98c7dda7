import { Client, fetchExchange } from '@urql/core';
import { RUN_TABLE_TO_POINTS, RUN_ZONAL_STATISTICS } from '../support/file-documents.js';
import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { startGateway } from '../support/gateway-fixture.js';
import { rest, startGpServer } from '../support/gp-server-fixture.js';
import { valueRaster, ZONES } from '../support/zonal-fixtures.js';

/** The gateway introspects with its own account; callers bring their own tokens. */
const GATEWAY_USER = { username: 'gateway', password: 'gateway secret' };
const USERS = [GATEWAY_USER, { username: 'analyst', password: 'correct horse' }, { username: 'other', password: 'battery staple' }];

async function tokenOf(origin: string, username: string, password: string): Promise<string> {
  return String((await rest(`${origin}/arcgis/tokens/generateToken`, { username, password }, { method: 'POST' })).token);
}

function client(graphqlUrl: string, token: string): Client {
  return new Client({
    url: graphqlUrl,
    exchanges: [fetchExchange],
    fetchOptions: { headers: { authorization: `Bearer ${token}`, 'graphql-preflight': '1' } },
  });
}

const bearer = (token: string): RequestInit => ({ headers: { authorization: `Bearer ${token}` } });

describe('file results of a token-secured GPServer, downloaded through the gateway', () => {
  it("should stream a job's file to whoever may read the job, with the job's credential, and 404 to anyone else", async () => {
    const upstream = await startGpServer({ security: { users: USERS } });
    const { graphqlUrl } = await startGateway({
      sources: embeddedSources(upstream.servicesUrl),
      serverCredentials: [{ url: upstream.servicesUrl, credential: GATEWAY_USER }],
    });
    const analyst = await tokenOf(upstream.origin, 'analyst', 'correct horse');
    const other = await tokenOf(upstream.origin, 'other', 'battery staple');
    const result = await client(graphqlUrl, analyst)
      .mutation(RUN_ZONAL_STATISTICS, {
        input: { inZoneFeatures: { esriJson: ZONES }, inValueRaster: { upload: new File([valueRaster()], 'values.tif') } },
      })
      .toPromise();
    expect(result.error).toBeUndefined();
    const job = (
      result.data as { runZonalStatistics: { status: string; results: { outStatisticsFile: { url: string; upstreamUrl: string } } } }
    ).runZonalStatistics;
    expect(job.status).toBe('SUCCEEDED');
    const { url, upstreamUrl } = job.results.outStatisticsFile;
    // Upstream, the file needs the submitter's token; through the gateway a plain link does for the submitter.
    expect(await (await fetch(upstreamUrl)).json()).toMatchObject({ error: { code: 499 } });
    const mine = await fetch(url, bearer(analyst));
    expect(mine.status).toBe(200);
    expect((await mine.text()).startsWith('ZONE,COUNT,MIN,MAX,MEAN,STD,SUM\r\n')).toBe(true);
    expect((await fetch(url, bearer(other))).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });

  it("should serve a synchronous run's file to the credential that ran it only, and hide upstream URLs when asked", async () => {
    const upstream = await startGpServer({ security: { users: USERS } });
    const { graphqlUrl } = await startGateway({
      sources: embeddedSources(upstream.servicesUrl),
      serverCredentials: [{ url: upstream.servicesUrl, credential: GATEWAY_USER }],
      exposeUpstreamUrls: false,
    });
    const analyst = await tokenOf(upstream.origin, 'analyst', 'correct horse');
    const other = await tokenOf(upstream.origin, 'other', 'battery staple');
    const result = await client(graphqlUrl, analyst)
      .mutation(RUN_TABLE_TO_POINTS, { input: { inputTable: { upload: new File(['x,y\n1,2\n'], 'p.csv') } } })
      .toPromise();
    expect(result.error).toBeUndefined();
    const file = (result.data as { runTableToPoints: { results: { outputFile: { url: string; upstreamUrl: string | null } } } })
      .runTableToPoints.results.outputFile;
    expect(file.upstreamUrl).toBeNull();
    expect((await fetch(file.url, bearer(analyst))).status).toBe(200);
    expect((await fetch(file.url, bearer(other))).status).toBe(404);
    expect((await fetch(file.url)).status).toBe(404);
  });
});
