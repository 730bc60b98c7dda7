/**
 * Every field type and message type the REST API defines, through the gateway against a scripted
 * GPServer that answers with them: each becomes its enum value, and a type newer than the schema
 * reads as null with the server's own name kept (`esriType`), never failing the answer.
 */
import { describe, expect, it } from 'vitest';
import { graphql, startGateway } from '../support/gateway-fixture.js';
import { ASYNC_SERVICE, gpParameter, startScriptedGpServer } from '../support/scripted-gpserver.js';

const FIELD_TYPES: [string, string | null, unknown][] = [
  ['esriFieldTypeOID', 'OID', 1],
  ['esriFieldTypeGlobalID', 'GLOBAL_ID', '{9A9B0B5E-5C3A-4B1C-8C7D-1F2E3D4C5B6A}'],
  ['esriFieldTypeGUID', 'GUID', '{1F2E3D4C-5B6A-4B1C-8C7D-9A9B0B5E5C3A}'],
  ['esriFieldTypeString', 'STRING', 'text'],
  ['esriFieldTypeInteger', 'INTEGER', 7],
  ['esriFieldTypeSmallInteger', 'SMALL_INTEGER', 3],
  ['esriFieldTypeBigInteger', 'BIG_INTEGER', 9_007_199_254_740_991],
  ['esriFieldTypeDouble', 'DOUBLE', 1.5],
  ['esriFieldTypeSingle', 'SINGLE', 2.5],
  ['esriFieldTypeDate', 'DATE', 1_709_164_800_000],
  ['esriFieldTypeDateOnly', 'DATE_ONLY', '2024-02-29'],
  ['esriFieldTypeTimeOnly', 'TIME_ONLY', '13:45:00'],
  ['esriFieldTypeTimestampOffset', 'TIMESTAMP_OFFSET', '2024-02-29T13:45:00.000-05:00'],
  ['esriFieldTypeGeometry', 'GEOMETRY', null],
  ['esriFieldTypeBlob', 'BLOB', null],
  ['esriFieldTypeRaster', 'RASTER', null],
  ['esriFieldTypeXML', 'XML', '<a/>'],
  ['esriFieldTypeFromTheFuture', null, 'kept'],
];

const fieldName = (type: string): string => type.replace('esriFieldType', 'F_');

const featureSet = (types: readonly (readonly [string, ...unknown[]])[]) => ({
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  fields: types.map(([type]) => ({ name: fieldName(type), type, alias: fieldName(type) })),
  features: [
    {
      geometry: { x: 1, y: 2 },
      attributes: Object.fromEntries(
        FIELD_TYPES.filter(([type]) => types.some(([t]) => t === type)).map(([type, , value]) => [fieldName(type), value]),
      ),
    },
  ],
});

describe('ArcGIS field types', () => {
  it('reads every field type of an output, keeps values as the server wrote them, and takes every known type on input', async () => {
    const upstream = await startScriptedGpServer({
      services: [
        {
          name: 'Types/Fields',
          executionType: 'esriExecutionTypeSynchronous',
          tasks: [
            {
              name: 'Describe',
              parameters: [gpParameter('In', 'GPFeatureRecordSetLayer', 'Input'), gpParameter('Out', 'GPFeatureRecordSetLayer', 'Output')],
              values: { Out: featureSet(FIELD_TYPES) },
            },
          ],
        },
      ],
    });
    const { graphqlUrl } = await startGateway({ sources: [{ kind: 'service', url: upstream.serviceUrl('Types/Fields') }] });
    const known = FIELD_TYPES.filter(([, graphqlName]) => graphqlName !== null);
    const response = await graphql<{
      runDescribe: {
        results: {
          out: { fields: { name: string; type: string | null; esriType: string }[]; data: { features: { attributes: object }[] } };
          geo: { data: { features: { properties: object }[] } };
        };
      };
    }>(
      graphqlUrl,
      'mutation ($in: JSON!) { runDescribe(input: { in: { esriJson: $in } }) { results { out { fields { name type esriType } data } geo: out(format: GEOJSON) { data } } } }',
      { in: featureSet(known) },
    );
    expect(response.errors).toBeUndefined();
    const results = response.data?.runDescribe.results;
    expect(results?.out.fields.map((f) => [f.esriType, f.type])).toEqual(FIELD_TYPES.map(([type, graphqlName]) => [type, graphqlName]));
    const attributes = Object.fromEntries(FIELD_TYPES.map(([type, , value]) => [fieldName(type), value]));
    expect(results?.out.data.features[0]?.attributes).toEqual(attributes);
    expect(results?.geo.data.features[0]?.properties).toEqual(attributes);
    // What the gateway sent upstream carried every known type as given.
    const sent = JSON.parse(upstream.lastQuery('execute').get('In') ?? '{}') as { fields: { type: string }[] };
    expect(sent.fields.map((f) => f.type)).toEqual(known.map(([type]) => type));
  });
});

describe('ArcGIS message types', () => {
  it('gives each of the eight message types its own value, and an unknown one reads as INFORMATIVE', async () => {
    const types = [
      ['esriJobMessageTypeInformative', 'INFORMATIVE'],
      ['esriJobMessageTypeProcessDefinition', 'PROCESS_DEFINITION'],
      ['esriJobMessageTypeProcessStart', 'PROCESS_START'],
      ['esriJobMessageTypeWarning', 'WARNING'],
      ['esriJobMessageTypeError', 'ERROR'],
      ['esriJobMessageTypeEmpty', 'EMPTY'],
      ['esriJobMessageTypeAbort', 'ABORT'],
      ['esriJobMessageTypeProcessStop', 'PROCESS_STOP'],
      ['esriJobMessageTypeFromTheFuture', 'INFORMATIVE'],
    ] as const;
    const upstream = await startScriptedGpServer({
      script: [{ status: 'esriJobSucceeded', messages: types.map(([type], i) => ({ type, description: `message ${i}` })) }],
    });
    const { graphqlUrl } = await startGateway({ sources: [{ kind: 'service', url: upstream.serviceUrl(ASYNC_SERVICE) }] });
    // run<Task> of an asynchronous task submits the job and waits for its end.
    const run = await graphql<{ runProcess: { status: string; messages: { type: string; description: string }[] } }>(
      graphqlUrl,
      'mutation { runProcess(input: { text: "x" }) { status messages { type description } } }',
    );
    expect(run.data?.runProcess.status).toBe('SUCCEEDED');
    const messages = run.data?.runProcess.messages;
    expect(messages).toEqual(types.map(([, value], i) => ({ type: value, description: `message ${i}` })));
  });
});
