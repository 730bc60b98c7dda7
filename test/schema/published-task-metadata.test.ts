import { readFileSync } from 'node:fs';
import {
  graphql,
  isInputObjectType,
  isNonNullType,
  isObjectType,
  type GraphQLFieldMap,
  type GraphQLInputFieldMap,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Catalog, CatalogTask } from '../../core/catalog.js';
import type { SubmitRequest } from '../../core/jobs/job-operations.js';
import { validateTask } from '../../gateway/arcgis/validate/validate-task.js';
import { buildGatewaySchema, type GatewayDeps } from '../../schema/build-gateway-schema.js';
import { OFFLINE_DEPS } from '../../schema/offline-deps.js';

/** Task JSON as public ArcGIS servers publish it, read through the catalog boundary. */
const SERVICE_URL = 'https://gis.example.com/arcgis/rest/services/Analysis/SummarizeValues/GPServer';

function publishedTask(fixture: string, name: string): CatalogTask {
  const json: unknown = JSON.parse(readFileSync(new URL(`../fixtures/gp-metadata/${fixture}`, import.meta.url), 'utf8'));
  return validateTask(json, { url: `${SERVICE_URL}/${name}`, listedName: name });
}

const SUMMARIZE = publishedTask('v11.1-task-summarize-values.json', 'SummarizeValues');
const ALL_TYPES = publishedTask('v11.3-task-all-types.json', 'AllTypes');

function catalogOf(task: CatalogTask): Catalog {
  return {
    services: [
      {
        status: 'ok',
        url: SERVICE_URL,
        name: 'Analysis/SummarizeValues',
        description: '',
        execution: task.execution,
        currentVersion: 11.1,
        tasks: [task],
      },
    ],
  };
}

function inputFields(schema: GraphQLSchema, typeName: string): GraphQLInputFieldMap {
  const type = schema.getType(typeName);
  if (!isInputObjectType(type)) throw new Error(`${typeName} is no input type`);
  return type.getFields();
}

function mutationFields(schema: GraphQLSchema): GraphQLFieldMap<unknown, unknown> {
  const mutation = schema.getMutationType();
  if (!mutation) throw new Error('no mutation type');
  return mutation.getFields();
}

/** The REST parameters a `submit<Task>Job` sends upstream; the submit then fails, as nothing else is needed. */
async function submittedParams(task: CatalogTask, mutation: string): Promise<Readonly<Record<string, unknown>>> {
  const sent: SubmitRequest[] = [];
  const deps: GatewayDeps = {
    ...OFFLINE_DEPS,
    jobs: {
      ...OFFLINE_DEPS.jobs,
      submit: (request) => {
        sent.push(request);
        return Promise.reject(new Error('captured'));
      },
    },
  };
  const result = await graphql({ schema: buildGatewaySchema(catalogOf(task), deps), source: mutation, contextValue: {} });
  expect(result.errors?.map((e) => e.message)).toEqual(['captured']);
  const [request] = sent;
  if (!request) throw new Error('nothing was submitted');
  return request.params;
}

describe('published task metadata, kept whole', () => {
  const schema = buildGatewaySchema(catalogOf(SUMMARIZE), OFFLINE_DEPS);

  it('should describe an asynchronous task on its submit and run fields and its job type', () => {
    const fields = mutationFields(schema);
    const job = schema.getType('SummarizeValuesJob');
    for (const description of [fields.submitSummarizeValuesJob?.description, fields.runSummarizeValues?.description, job?.description]) {
      expect(description).toContain(SUMMARIZE.description);
      expect(description).toContain(`Help: ${SUMMARIZE.helpUrl}`);
    }
    expect(fields.submitSummarizeValuesJob?.description).toMatch(/^Submits Summarize Values as a job/);
  });

  it('should keep a value table default: the field is optional and its description shows the default rows', () => {
    const valueTable = inputFields(schema, 'SummarizeValuesInput').valueTable;
    expect(String(valueTable?.type)).toBe('[SummarizeValuesValueTableRow!]');
    expect(valueTable?.description).toContain('`[[567,-56756.567],[-6567,67886.678]]`');
    expect(valueTable?.description).toContain('GPValueTable, required');
    expect(Object.keys(inputFields(schema, 'SummarizeValuesValueTableRow'))).toEqual(['long', 'double']);
    // A feature set "default" without features only describes a schema: the input stays required.
    expect(String(inputFields(schema, 'SummarizeValuesInput').inputTable?.type)).toBe('FeatureSetInput!');
  });

  it('should type `Field` parameters and value-table columns as fields', () => {
    expect(String(inputFields(schema, 'SummarizeValuesInput').caseField?.type)).toBe('FieldInput');
    expect(String(inputFields(schema, 'SummarizeValuesStatisticsFieldsRow').field?.type)).toBe('FieldInput');
    const outputs = schema.getType('SummarizeValuesOutputs');
    if (!isObjectType(outputs)) throw new Error('no outputs type');
    expect(String(outputs.getFields().outputField?.type)).toBe('Field');
  });

  it('should send a value table and a `Field` as ArcGIS takes them', async () => {
    const params = await submittedParams(
      SUMMARIZE,
      `mutation { submitSummarizeValuesJob(input: {
        inputTable: { esriJson: { fields: [], features: [{ attributes: { POP2020: 1 } }] } }
        valueTable: [{ long: 7, double: 0.5 }]
        caseField: { name: "STATE_NAME", type: STRING }
        statisticsFields: [{ field: { name: "POP2020", type: INTEGER }, statisticType: SUM }]
      }) { id } }`,
    );
    expect(params.Value_Table).toEqual([['7', 0.5]]);
    expect(params.Case_Field).toEqual({ name: 'STATE_NAME', type: 'esriFieldTypeString' });
    expect(params.Statistics_Fields).toEqual([[{ name: 'POP2020', type: 'esriFieldTypeInteger' }, 'SUM']]);
  });
});

describe('omitted inputs with a published default', () => {
  it('should not be sent, so the server applies its own default', async () => {
    const params = await submittedParams(
      SUMMARIZE,
      'mutation { submitSummarizeValuesJob(input: { inputTable: { esriJson: { fields: [], features: [] } } }) { id } }',
    );
    expect(Object.keys(params)).toEqual(['Input_Table']);
  });

  it('should not be sent for any data type', async () => {
    const params = await submittedParams(
      ALL_TYPES,
      'mutation { submitAllTypesJob(input: { inputFeatures: { geoJson: { type: "Point", coordinates: [1, 2] } } }) { id } }',
    );
    expect(Object.keys(params)).toEqual(['Input Features']);
  });

  it('should carry no GraphQL default, which graphql-js would fill in and the gateway send', () => {
    for (const task of [SUMMARIZE, ALL_TYPES]) {
      const schema = buildGatewaySchema(catalogOf(task), OFFLINE_DEPS);
      const input = Object.values(inputFields(schema, `${task.name}Input`));
      expect(input.filter((f) => f.defaultValue !== undefined).map((f) => f.name)).toEqual([]);
      // Every published default is told in the description instead, as published; the feature and record
      // set "defaults" of these tasks have no features: they only describe a schema, and say nothing.
      for (const param of task.parameters.filter((p) => p.direction === 'input' && p.defaultValue !== undefined)) {
        const field = input.find((f) => f.extensions.gpName === param.name);
        if (!field) throw new Error(`no field for ${param.name}`);
        const schemaOnly = param.dataType === 'GPFeatureRecordSetLayer' || param.dataType === 'GPRecordSet';
        const shown = field.description?.includes(`published as \`${JSON.stringify(param.defaultValue)}\``);
        expect({ name: param.name, shown }).toEqual({ name: param.name, shown: !schemaOnly });
        expect({ name: param.name, nonNull: isNonNullType(field.type) }).toEqual({
          name: param.name,
          nonNull: param.requirement === 'required' && schemaOnly,
        });
      }
    }
  });
});
