/**
 * GPOptions as each server version takes them: `context` for ArcGIS Server 10.6.1 and later,
 * `env:*` before (scripted servers of both versions, what reached them read back), and for real on
 * the embedded GPServer, which reads `context`.
 */
import { describe, expect, it } from 'vitest';
import { graphql, inProcessEmbeddedGateway, startGateway } from '../support/gateway-fixture.js';
import { gpParameter, startScriptedGpServer, type ScriptedService } from '../support/scripted-gpserver.js';

const service = (name: string, task: string, currentVersion: number, async = false): ScriptedService => ({
  name,
  currentVersion,
  executionType: async ? 'esriExecutionTypeAsynchronous' : 'esriExecutionTypeSynchronous',
  tasks: [{ name: task, parameters: [gpParameter('Out', 'GPString', 'Output')], values: { Out: 'done' } }],
});

const OPTIONS = '{ outSpatialReference: { wkid: 27700 }, processSR: 2229, extent: { xmin: 1, ymin: 2, xmax: 3, ymax: 4 } }';

describe('GPOptions by server version', () => {
  it('sends context to 10.6.1+, env parameters to older servers, and shows each service version', async () => {
    const upstream = await startScriptedGpServer({
      services: [service('New/Sync', 'NewEcho', 11.3), service('Old/Sync', 'OldEcho', 10.51), service('Old/Jobs', 'OldJob', 10.31, true)],
    });
    const { graphqlUrl } = await startGateway({
      sources: ['New/Sync', 'Old/Sync', 'Old/Jobs'].map((name) => ({ kind: 'service' as const, url: upstream.serviceUrl(name) })),
    });
    const services = await graphql<{ services: { name: string; version: number | null }[] }>(graphqlUrl, '{ services { name version } }');
    expect([...(services.data?.services ?? [])].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'New/Sync', version: 11.3 },
      { name: 'Old/Jobs', version: 10.31 },
      { name: 'Old/Sync', version: 10.51 },
    ]);

    expect((await graphql(graphqlUrl, `mutation { runNewEcho(options: ${OPTIONS}) { results { out } } }`)).errors).toBeUndefined();
    const modern = upstream.lastQuery('execute');
    expect(JSON.parse(modern.get('context') ?? '')).toEqual({
      outSR: { wkid: 27_700 },
      processSR: { wkid: 2229 },
      extent: { xmin: 1, ymin: 2, xmax: 3, ymax: 4 },
    });
    expect(modern.has('env:outSR')).toBe(false);

    expect((await graphql(graphqlUrl, `mutation { runOldEcho(options: ${OPTIONS}) { results { out } } }`)).errors).toBeUndefined();
    const old = upstream.lastQuery('execute');
    expect(old.has('context')).toBe(false);
    expect([old.get('env:outSR'), old.get('env:processSR'), old.get('env:extent')]).toEqual([
      '27700',
      '2229',
      '{"xmin":1,"ymin":2,"xmax":3,"ymax":4}',
    ]);

    // The untyped submitJob follows the service's version too.
    const submitted = await graphql(
      graphqlUrl,
      'mutation { submitJob(service: "Old/Jobs", task: "OldJob", parameters: {}, options: { outSR: 3857 }) { id } }',
    );
    expect(submitted.errors).toBeUndefined();
    expect(upstream.lastQuery('submitJob').get('env:outSR')).toBe('3857');
  });

  it('refuses contradictory options before any upstream request', async () => {
    const upstream = await startScriptedGpServer({ services: [service('New/Sync', 'NewEcho', 11.3)] });
    const { graphqlUrl } = await startGateway({ sources: [{ kind: 'service', url: upstream.serviceUrl('New/Sync') }] });
    const response = await graphql(
      graphqlUrl,
      'mutation { runNewEcho(options: { outSR: 4326, outSpatialReference: { wkid: 3857 } }) { results { out } } }',
    );
    expect(response.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_INPUT', parameter: 'options' } });
    expect(upstream.counts('execute')).toBe(0);
  });

  it('projects a real run into the spatial reference given by context (embedded GPServer)', async () => {
    const { graphql: run } = await inProcessEmbeddedGateway();
    const response = await run<{
      runBuffer: { results: { outputPolygons: { spatialReference: { wkid: number }; data: { spatialReference: object } } } };
    }>(
      `mutation ($input: BufferInput!) {
        runBuffer(input: $input, options: { outSpatialReference: { wkid: 27700 } }) {
          results { outputPolygons { spatialReference { wkid } data } }
        }
      }`,
      {
        input: {
          inputFeatures: {
            geoJson: {
              type: 'FeatureCollection',
              features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [-0.1276, 51.5072] } }],
            },
          },
          distance: { distance: 100, units: 'METERS' },
        },
      },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data?.runBuffer.results.outputPolygons.spatialReference.wkid).toBe(27_700);
    const ring = JSON.stringify(response.data?.runBuffer.results.outputPolygons.data);
    // London in the British grid: eastings around 530,000, northings around 180,000.
    expect(ring).toMatch(/5[23]\d{4}(\.\d+)?,1[78]\d{4}/);
  });
});
