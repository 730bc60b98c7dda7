/**
 * URLs a client hands the GPServer to read (a data file, a raster, a feature layer): allowed on the
 * configured services' origins and on public hosts, refused for loopback, private, link-local and
 * local names in every spelling, before anything is sent upstream.
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

async function setup() {
  const upstream = await startScriptedGpServer({ services: [SYNC, ...defaultServices()] });
  const { graphqlUrl } = await startGateway({
    sources: [
      { kind: 'service', url: upstream.serviceUrl('Inputs/Read') },
      { kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) },
    ],
  });
  return { upstream, graphqlUrl };
}

const REFUSED: [string, RegExp][] = [
  ['http://169.254.169.254/latest/meta-data/', /loopback, private or link-local/],
  ['http://10.1.2.3/share/file.csv', /loopback, private or link-local/],
  ['http://0x7f.1/file.csv', /loopback, private or link-local/],
  ['http://[::1]:8080/file.csv', /loopback, private or link-local/],
  ['http://[::ffff:192.168.1.1]/file.csv', /loopback, private or link-local/],
  ['http://[fd00::5]/file.csv', /loopback, private or link-local/],
  ['http://localhost:9000/file.csv', /loopback host/],
  ['http://intranet/file.csv', /single-label/],
  ['file:///etc/passwd', /only http and https/],
  ['https://user:secret@example.com/file.csv', /user info/],
  ['not a url', /not an absolute URL/],
];

describe('URLs given to the GPServer to read', () => {
  it.each(REFUSED)('refuses %s before any upstream request', async (url, why) => {
    const { upstream, graphqlUrl } = await setup();
    const response = await graphql(graphqlUrl, 'mutation ($url: String!) { runRead(input: { file: { url: $url } }) { results { out } } }', {
      url,
    });
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
