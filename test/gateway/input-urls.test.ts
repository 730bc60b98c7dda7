/**
 * URLs a client hands the GPServer to read (a data file, a raster, a feature layer): allowed on public
 * hosts and, unless upstream hosts are private, on the configured services' origins; refused for
 * loopback, private, link-local and local names in every spelling (test/core/public-url.test.ts has
 * the full table), before anything is sent upstream, in words that never tell one private host from
 * another.
 */
import { describe, expect, it } from 'vitest';
import { graphql, startGateway } from '../support/gateway-fixture.js';
import { defaultServices } from '../support/scripted-gpserver/metadata.js';
import { ASYNC_SERVICE, gpParameter, startScriptedGpServer, type ScriptedService } from '../support/scripted-gpserver.js';

const SYNC: ScriptedService = {
  name: 'Inputs/Read',
  executionType: 'esriExecutionTypeSynchronous',
  tasks: [
    {
      name: 'Read',
      parameters: [
        gpParameter('Features', 'GPFeatureRecordSetLayer', 'Input'),
        gpParameter('File', 'GPDataFile', 'Input'),
        gpParameter('Out', 'GPString', 'Output'),
      ],
      values: { Out: 'read' },
    },
  ],
};

async function setup(options: { exposeUpstreamUrls?: boolean } = {}) {
  const upstream = await startScriptedGpServer({ services: [SYNC, ...defaultServices()] });
  const { graphqlUrl } = await startGateway({
    ...options,
    sources: [
      { kind: 'service', url: upstream.serviceUrl('Inputs/Read') },
      { kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) },
    ],
  });
  return { upstream, graphqlUrl };
}

const NOT_PUBLIC = /: its host is not public\.$/;

const REFUSED: [string, RegExp][] = [
  ['http://169.254.169.254/latest/meta-data/', NOT_PUBLIC],
  ['http://10.1.2.3/share/file.csv', NOT_PUBLIC],
  ['http://0x7f.1/file.csv', NOT_PUBLIC],
  ['http://[::1]:8080/file.csv', NOT_PUBLIC],
  ['http://[::ffff:192.168.1.1]/file.csv', NOT_PUBLIC],
  ['http://[fd00::5]/file.csv', NOT_PUBLIC],
  ['http://localhost:9000/file.csv', NOT_PUBLIC],
  ['http://localhost./file.csv', NOT_PUBLIC],
  ['http://intranet/file.csv', NOT_PUBLIC],
  // IPv6 spellings of private IPv4 addresses: NAT64, 6to4, IPv4-compatible, site-local, NAT64 of the metadata address.
  ['http://[64:ff9b::10.0.0.1]/file.csv', NOT_PUBLIC],
  ['http://[2002:a00:1::]/file.csv', NOT_PUBLIC],
  ['http://[::10.0.0.1]/file.csv', NOT_PUBLIC],
  ['http://[fec0::1]/file.csv', NOT_PUBLIC],
  ['http://[64:ff9b::a9fe:a9fe]/latest/meta-data/', NOT_PUBLIC],
  ['file:///etc/passwd', /only http and https/],
  ['https://user:secret@example.com/file.csv', /user info/],
  ['not a url', /not an absolute URL/],
];

const RUN_READ = 'mutation ($url: String!) { runRead(input: { file: { url: $url } }) { results { out } } }';

describe('URLs given to the GPServer to read', () => {
  it.each(REFUSED)('refuses %s before any upstream request', async (url, why) => {
    const { upstream, graphqlUrl } = await setup();
    const response = await graphql(graphqlUrl, RUN_READ, { url });
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', parameter: 'File' } });
    expect(response.errors?.[0]?.message).toMatch(why);
    expect(upstream.counts('execute')).toBe(0);
  });

  it('sends a feature layer by URL and filter, on a public host or on a configured service origin', async () => {
    const { upstream, graphqlUrl } = await setup();
    const layer = 'https://services.arcgis.com/abc/arcgis/rest/services/Parcels/FeatureServer/0';
    const run = await graphql(
      graphqlUrl,
      'mutation ($layer: String!, $file: String!) { runRead(input: { features: { layer: { url: $layer, filter: "ACRES > 5" } }, file: { url: $file } }) { results { out } } }',
      { layer, file: `${upstream.origin}/arcgis/rest/directories/arcgisoutput/result.csv` },
    );
    expect(run.errors).toBeUndefined();
    expect(JSON.parse(upstream.lastQuery('execute').get('Features') ?? '')).toEqual({ url: layer, filter: 'ACRES > 5' });
    expect(JSON.parse(upstream.lastQuery('execute').get('File') ?? '')).toEqual({
      url: `${upstream.origin}/arcgis/rest/directories/arcgisoutput/result.csv`,
    });
  });

  it('checks the untyped submitJob too, JSON text included', async () => {
    const { upstream, graphqlUrl } = await setup();
    const response = await graphql(
      graphqlUrl,
      `mutation { submitJob(service: "${ASYNC_SERVICE}", task: "Process", parameters: { Text: "x", File: "{'url': 'http://127.0.0.2/secret'}" }) { id } }`,
    );
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', parameter: 'File' } });
    expect(upstream.counts('submitJob')).toBe(0);
  });
});

describe('URLs on the upstream where upstream hosts are private', () => {
  it('refuses the upstream origin in the very words used for loopback on another port and for private addresses', async () => {
    const { upstream, graphqlUrl } = await setup({ exposeUpstreamUrls: false });
    const port = Number(new URL(upstream.origin).port);
    const otherPort = port === 65535 ? port - 1 : port + 1;
    const file = '/arcgis/rest/directories/arcgisoutput/result.csv';
    const urls = [
      `${upstream.origin}${file}`,
      `${upstream.origin}/arcgis/rest/services?f=json`,
      `http://localhost:${port}${file}`,
      `http://127.0.0.1:${otherPort}${file}`,
      `http://[::1]:${port}${file}`,
      `http://10.0.0.1${file}`,
      'http://[64:ff9b::a9fe:a9fe]/latest/meta-data/',
    ];
    const answers = await Promise.all(urls.map((url) => graphql(graphqlUrl, RUN_READ, { url })));
    expect(answers[0]?.errors?.[0]).toMatchObject({
      message: 'File: the url may not be given to the GPServer to read: its host is not public.',
      extensions: { code: 'INVALID_INPUT', parameter: 'File' },
    });
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    expect(upstream.counts('execute')).toBe(0);
  });

  it('refuses the upstream origin in the untyped submitJob too', async () => {
    const { upstream, graphqlUrl } = await setup({ exposeUpstreamUrls: false });
    const submit = (url: string) =>
      graphql(graphqlUrl, `mutation ($p: JSON!) { submitJob(service: "${ASYNC_SERVICE}", task: "Process", parameters: $p) { id } }`, {
        p: { Text: 'x', File: { url } },
      });
    const own = await submit(`${upstream.origin}/arcgis/rest/directories/arcgisjobs/result.csv`);
    const loopback = await submit('http://127.0.0.1:1/arcgis/rest/directories/arcgisjobs/result.csv');
    expect(own.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', parameter: 'File' } });
    expect(own).toEqual(loopback);
    expect(upstream.counts('submitJob')).toBe(0);
  });
});
