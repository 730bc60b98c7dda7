import {
  graphql,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isUnionType,
  parse,
  printSchema,
  subscribe,
  type ExecutionResult,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../core/catalog.js';
import { GatewayError } from '../../core/errors/gateway-error.js';
import type { JobAccess } from '../../core/jobs/job-operations.js';
import type { JobRef, JobState } from '../../core/jobs/job-state.js';
import { LruCache } from '../../core/lru-cache.js';
import type { WorkflowRequest } from '../../core/workflows/workflow-operations.js';
import { workflowRef, type WorkflowDetail, type WorkflowStep } from '../../core/workflows/workflow-state.js';
import { loadCatalog } from '../../gateway/arcgis/catalog-loader.js';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { qualifiedServiceName } from '../../gpserver/model/service.js';
import { describeService, describeTask } from '../../gpserver/services/describe.js';
import { EMBEDDED_SERVICES } from '../../gpserver/services/embedded-services.js';
import { encodeJobId } from '../../resolvers/job-id.js';
import { createResultLoader, type ResultKey } from '../../resolvers/result-loader.js';
import { buildGatewaySchema, type GatewayDeps } from '../../schema/build-gateway-schema.js';
import { OFFLINE_DEPS } from '../../schema/offline-deps.js';

const SERVICES = 'https://gis.example.com/arcgis/rest/services';
const BUFFER_URL = `${SERVICES}/GPFolder/BufferService/GPServer`;
const ZONAL_URL = `${SERVICES}/Analysis/ZonalStatistics/GPServer`;

/** The embedded services' catalog, read through the catalog boundary from their published JSON, without a server. */
async function embeddedCatalog(): Promise<Catalog> {
  const documents = new Map<string, object>();
  for (const service of EMBEDDED_SERVICES) {
    const url = `${SERVICES}/${qualifiedServiceName(service)}/GPServer`;
    documents.set(url, describeService(service));
    for (const task of service.tasks) documents.set(`${url}/${encodeURIComponent(task.name)}`, describeTask(service, task));
  }
  const client = {
    getJson: (url: string) => {
      const document = documents.get(url);
      return document ? Promise.resolve(document) : Promise.reject(new Error(`no ${url}`));
    },
  };
  return loadCatalog(embeddedSources(SERVICES), { client, concurrency: 4 });
}

interface FieldLike {
  readonly name: string;
  readonly type: { toString(): string };
  readonly description?: string | null | undefined;
}

/** The fields of an object, interface or input type. */
function fieldsOf(schema: GraphQLSchema, name: string): { description: string | null | undefined; fields: FieldLike[] } {
  const type = schema.getType(name);
  if (!isObjectType(type) && !isInputObjectType(type) && !isInterfaceType(type)) throw new Error(`${name} has no fields`);
  const fields: FieldLike[] = Object.values<FieldLike>(type.getFields());
  return { description: type.description, fields };
}

/** A type's fields as `name: Type` (arguments left out), in schema order. */
function shape(schema: GraphQLSchema, name: string): string[] {
  return fieldsOf(schema, name).fields.map((f) => `${f.name}: ${f.type.toString()}`);
}

function rootField(schema: GraphQLSchema, root: 'Query' | 'Mutation' | 'Subscription', name: string): string {
  const type = schema.getType(root);
  if (!isObjectType(type)) throw new Error(`no ${root}`);
  const field = type.getFields()[name];
  if (!field) return '(none)';
  return `${name}(${field.args.map((a) => `${a.name}: ${String(a.type)}`).join(', ')}): ${String(field.type)}`;
}

const NOW = Date.UTC(2025, 0, 2, 3, 4, 5);

function step(id: string, extra: Partial<WorkflowStep> = {}): WorkflowStep {
  return {
    id,
    serviceUrl: BUFFER_URL,
    serviceLabel: 'GPFolder/BufferService',
    task: 'Buffer',
    execution: 'synchronous',
    params: {},
    bindings: [],
    status: 'PENDING',
    messages: [],
    ...extra,
  };
}

function workflowState(id: string, detail: WorkflowDetail, status: JobState['status'] = 'EXECUTING'): JobState {
  return {
    ref: workflowRef(id),
    status,
    upstreamStatus: status,
    progress: undefined,
    messages: [{ type: 'esriJobMessageTypeInformative', description: 'Workflow submitted.' }],
    results: undefined,
    fault: undefined,
    version: 1,
    final: status === 'SUCCEEDED' || status === 'FAILED',
    submission: { owner: 'gateway', lister: 'gateway', service: 'workflows', submittedAt: NOW },
    workflow: detail,
  };
}

const POINTS = {
  geometryType: 'esriGeometryPoint',
  spatialReference: { wkid: 4326 },
  features: [{ geometry: { x: 1, y: 2 }, attributes: {} }],
};
const POLYGONS = {
  geometryType: 'esriGeometryPolygon',
  spatialReference: { wkid: 4326 },
  features: [
    {
      geometry: {
        rings: [
          [
            [0, 0],
            [0, 1],
            [1, 1],
            [0, 0],
          ],
        ],
      },
      attributes: {},
    },
  ],
};

/** A workflow whose buffer step succeeded (its answer kept) and whose zonal step is a job, succeeded too. */
const CHAIN: WorkflowDetail = {
  steps: [
    step('buffer', { status: 'SUCCEEDED', values: { Output_Polygons: POLYGONS }, startedAt: NOW, endedAt: NOW + 1000 }),
    step('zonal', {
      serviceUrl: ZONAL_URL,
      serviceLabel: 'Analysis/ZonalStatistics',
      task: 'ZonalStatistics',
      execution: 'asynchronous',
      status: 'SUCCEEDED',
      jobId: 'j1',
      results: { Out_Table: 'results/Out_Table' },
      bindings: [{ input: 'In_Zone_Features', fromStep: 'buffer', output: 'Output_Polygons', kind: 'FEATURES', mode: 'VALUE' }],
    }),
    step('again', { status: 'SKIPPED' }),
  ],
};

interface Recorded {
  readonly submits: WorkflowRequest[];
  readonly calls: { op: string; ref: JobRef }[];
}

/** Deps whose job and workflow operations record their calls and answer from `states`. */
function recordingDeps(states: Map<string, JobState>): { deps: GatewayDeps; recorded: Recorded } {
  const recorded: Recorded = { submits: [], calls: [] };
  const find = (op: string, ref: JobRef): Promise<JobState> => {
    recorded.calls.push({ op, ref });
    const state = states.get(`${ref.serviceUrl} ${ref.task} ${ref.jobId}`);
    return state ? Promise.resolve(state) : Promise.reject(new GatewayError('JOB_NOT_FOUND', `no job ${ref.jobId}`));
  };
  const deps: GatewayDeps = {
    ...OFFLINE_DEPS,
    jobs: {
      ...OFFLINE_DEPS.jobs,
      current: (ref) => find('current', ref),
      check: (ref) => find('check', ref),
      cancel: (ref) => find('cancel', ref),
      list: () =>
        Promise.resolve({ edges: [...states.values()].map((state) => ({ cursor: 'c', state, submittedAt: NOW })), hasNextPage: false }),
      updates: (ref: JobRef, _access: JobAccess) => {
        recorded.calls.push({ op: 'updates', ref });
        const state = states.get(`${ref.serviceUrl} ${ref.task} ${ref.jobId}`);
        const all = state ? [state, { ...state, status: 'SUCCEEDED' as const, final: true, version: 2 }] : [];
        return (async function* () {
          for (const next of all) yield await Promise.resolve(next);
        })();
      },
    },
    workflows: {
      submit: (request) => {
        recorded.submits.push(request);
        return Promise.resolve(workflowState('w1', { steps: request.steps.map((s) => step(s.id, { ...s, status: 'PENDING' })) }, 'NEW'));
      },
    },
  };
  return { deps, recorded };
}

const key = (ref: JobRef) => `${ref.serviceUrl} ${ref.task} ${ref.jobId}`;
const WORKFLOW_ID = encodeJobId({ service: 'workflows', task: 'workflow', jobId: 'w1' });
const ZONAL_JOB: JobState = {
  ref: { serviceUrl: ZONAL_URL, task: 'ZonalStatistics', jobId: 'j1' },
  status: 'SUCCEEDED',
  upstreamStatus: 'esriJobSucceeded',
  progress: undefined,
  messages: [],
  results: { Out_Table: 'results/Out_Table' },
  fault: undefined,
  version: 3,
  final: true,
};

async function run(schema: GraphQLSchema, source: string, variableValues?: Record<string, unknown>, contextValue: object = {}) {
  return graphql({ schema, source, variableValues, contextValue });
}

function errorOf(result: ExecutionResult): { message: string; code?: string; parameter?: string | undefined } {
  const [error] = result.errors ?? [];
  if (!error) throw new Error(`no error: ${JSON.stringify(result.data)}`);
  const original = error.originalError;
  return original instanceof GatewayError
    ? { message: error.message, code: original.code, parameter: original.info.parameter }
    : { message: error.message };
}

let catalog: Catalog;
beforeAll(async () => {
  catalog = await embeddedCatalog();
});

describe('the workflow schema', () => {
  let schema: GraphQLSchema;
  beforeAll(() => {
    schema = buildGatewaySchema(catalog, OFFLINE_DEPS);
  });

  it('should give each task a <Task>Step: its inputs, all optional, each with a reference beside it', () => {
    expect(shape(schema, 'BufferStep')).toEqual([
      'inputFeatures: FeatureSetInput',
      'inputFeaturesFrom: WorkflowOutputRef',
      'distance: LinearUnitInput',
      'distanceFrom: WorkflowOutputRef',
      'dissolveType: BufferDissolveTypeChoice',
      'dissolveTypeFrom: WorkflowOutputRef',
    ]);
    expect(shape(schema, 'ZonalStatisticsStep')).toEqual([
      'inZoneFeatures: FeatureSetInput',
      'inZoneFeaturesFrom: WorkflowOutputRef',
      'zoneField: String',
      'zoneFieldFrom: WorkflowOutputRef',
      'inValueRaster: RasterInput',
      'inValueRasterFrom: WorkflowOutputRef',
    ]);
    expect(shape(schema, 'WorkflowOutputRef')).toEqual(['step: String!', 'output: String!']);
  });

  it('should name the task of a step in a @oneOf input, one field per task', () => {
    const taskInput = schema.getType('WorkflowTaskInput');
    expect(isInputObjectType(taskInput) && taskInput.isOneOf).toBe(true);
    expect(shape(schema, 'WorkflowTaskInput')).toEqual(
      expect.arrayContaining([
        'buffer: BufferStep',
        'viewshed: ViewshedStep',
        'worldViewshed: WorldViewshedStep',
        'zonalStatistics: ZonalStatisticsStep',
        'tableToPoints: TableToPointsStep',
        'elevationStatistics: ElevationStatisticsStep',
      ]),
    );
    expect(shape(schema, 'WorkflowStepInput')).toEqual(['id: String!', 'run: WorkflowTaskInput!', 'options: GPOptions']);
    expect(printSchema(schema)).toContain('input WorkflowTaskInput @oneOf {');
  });

  it('should have the workflow root fields', () => {
    expect(rootField(schema, 'Mutation', 'submitWorkflow')).toBe(
      'submitWorkflow(steps: [WorkflowStepInput!]!, idempotencyKey: String, subscriber: JobSubscriberInput, deadlineSeconds: Int): Workflow!',
    );
    expect(rootField(schema, 'Mutation', 'cancelWorkflow')).toBe('cancelWorkflow(id: ID!): Workflow!');
    expect(rootField(schema, 'Query', 'workflow')).toBe('workflow(id: ID!): Workflow');
    expect(rootField(schema, 'Subscription', 'workflowUpdates')).toBe('workflowUpdates(id: ID!): Workflow!');
  });

  it('should make Workflow a GPJob with its steps', () => {
    const workflow = schema.getType('Workflow');
    expect(isObjectType(workflow) && workflow.getInterfaces().map((i) => i.name)).toEqual(['Node', 'GPJob']);
    expect(shape(schema, 'Workflow')).toEqual(expect.arrayContaining(shape(schema, 'GPJob')));
    expect(shape(schema, 'Workflow').slice(-3)).toEqual([
      'steps: [WorkflowStep!]!',
      'currentSteps: [String!]!',
      'failedStep: WorkflowStep',
    ]);
    expect(shape(schema, 'WorkflowStep')).toEqual([
      'id: String!',
      'service: String!',
      'task: String!',
      'execution: ExecutionType!',
      'status: WorkflowStepStatus!',
      'job: GPJob',
      'results: WorkflowStepResults',
      'messages: [GPMessage!]!',
      'progress: JobProgress',
      'handOvers: [WorkflowHandOver!]!',
      'error: JobFault',
      'startedAt: DateTime',
      'endedAt: DateTime',
    ]);
    expect(shape(schema, 'WorkflowHandOver')).toEqual(['input: String!', 'fromStep: String!', 'output: String!', 'mode: HandOverMode!']);
    const results = schema.getType('WorkflowStepResults');
    expect(isUnionType(results) && results.getTypes().map((t) => t.name)).toEqual(
      expect.arrayContaining(['BufferOutputs', 'ZonalStatisticsOutputs', 'TableToPointsOutputs']),
    );
    const status = schema.getType('WorkflowStepStatus');
    expect(status?.toString()).toBe('WorkflowStepStatus');
    expect(printSchema(schema)).toMatch(/enum WorkflowStepStatus \{[^}]*PENDING[^}]*SKIPPED[^}]*SUCCEEDED[^}]*\}/);
  });

  it('should describe every workflow type and field', () => {
    const names = [
      'Workflow',
      'WorkflowStep',
      'WorkflowHandOver',
      'WorkflowOutputRef',
      'WorkflowStepInput',
      'WorkflowTaskInput',
      'BufferStep',
    ];
    for (const name of names) {
      const { description, fields } = fieldsOf(schema, name);
      expect(description, name).toBeTruthy();
      for (const field of fields) expect(field.description, `${name}.${field.name}`).toBeTruthy();
    }
  });

  it('should keep task types clear of the workflow types, and give a task without inputs a placeholder field', () => {
    const param = (name: string) => ({
      name,
      dataType: 'GPString',
      displayName: name,
      description: '',
      direction: 'input' as const,
      requirement: 'optional' as const,
      category: '',
    });
    const tools: Catalog = {
      services: [
        {
          status: 'ok',
          url: `${SERVICES}/Tools/GPServer`,
          name: 'Tools',
          description: '',
          execution: 'synchronous',
          tasks: [
            {
              name: 'Workflow',
              displayName: 'W',
              description: '',
              category: '',
              helpUrl: '',
              execution: 'synchronous',
              parameters: [param('a'), param('aFrom')],
            },
            { name: 'Ping', displayName: 'Ping', description: '', category: '', helpUrl: '', execution: 'synchronous', parameters: [] },
          ],
        },
      ],
    };
    const small = buildGatewaySchema(tools, OFFLINE_DEPS);
    expect(shape(small, 'WorkflowTaskInput')).toEqual(['workflowTaskTask: WorkflowTaskTaskStep', 'ping: PingStep']);
    expect(shape(small, 'WorkflowTaskTaskStep')).toEqual([
      'a: String',
      'aFrom2: WorkflowOutputRef',
      'aFrom: String',
      'aFromFrom: WorkflowOutputRef',
    ]);
    expect(shape(small, 'PingStep')).toEqual(['_: Boolean']);
    // No task has outputs: there is nothing a step's results could be.
    expect(shape(small, 'WorkflowStep')).not.toContain('results: WorkflowStepResults');
  });

  it('should have no workflow fields without a workflows dependency', () => {
    const { workflows: _, ...withoutWorkflows } = OFFLINE_DEPS;
    const plain = buildGatewaySchema(catalog, withoutWorkflows);
    expect(rootField(plain, 'Mutation', 'submitWorkflow')).toBe('(none)');
    expect(plain.getType('Workflow')).toBeUndefined();
    expect(plain.getType('BufferStep')).toBeUndefined();
  });

  it('should have no workflow fields without a task', () => {
    const failed = buildGatewaySchema(
      { services: [{ status: 'error', url: BUFFER_URL, name: 'GPFolder/BufferService', error: 'down' }] },
      OFFLINE_DEPS,
    );
    expect(failed.getType('Workflow')).toBeUndefined();
  });

  it('should keep job fields for workflows when only synchronous tasks are configured, without submitJob', () => {
    const syncOnly = buildGatewaySchema(
      { services: catalog.services.filter((s) => s.status === 'ok' && s.execution === 'synchronous') },
      OFFLINE_DEPS,
    );
    expect(rootField(syncOnly, 'Query', 'job')).toBe('job(id: ID!): GPJob');
    expect(rootField(syncOnly, 'Mutation', 'cancelJob')).toBe('cancelJob(id: ID!): GPJob!');
    expect(rootField(syncOnly, 'Mutation', 'submitJob')).toBe('(none)');
  });
});

const SUBMIT = /* GraphQL */ `
  mutation Submit($steps: [WorkflowStepInput!]!, $key: String, $deadline: Int, $subscriber: JobSubscriberInput) {
    submitWorkflow(steps: $steps, idempotencyKey: $key, deadlineSeconds: $deadline, subscriber: $subscriber) {
      __typename
      id
      jobId
      service
      task
      status
      steps {
        id
        service
        task
        execution
        status
        handOvers {
          input
          fromStep
          output
          mode
        }
      }
    }
  }
`;

describe('submitWorkflow', () => {
  const zoneRaster = { url: `${SERVICES}/Analysis/ZonalStatistics/GPServer/values.tif`, format: 'tif' };
  const steps = [
    {
      id: 'zonal',
      run: { zonalStatistics: { inZoneFeaturesFrom: { step: 'buffer', output: 'outputPolygons' }, inValueRaster: zoneRaster } },
    },
    {
      id: 'buffer',
      run: { buffer: { inputFeatures: { esriJson: POINTS }, distance: { distance: 5, units: 'METERS' } } },
      options: { outSR: 3857 },
    },
  ];

  it('should hand the engine the plan: steps in run order, literals converted, hand-overs decided', async () => {
    const { deps, recorded } = recordingDeps(new Map());
    const schema = buildGatewaySchema(catalog, deps);
    const result = await run(schema, SUBMIT, {
      steps,
      key: 'k1',
      deadline: 600,
      subscriber: { successUri: 'https://hooks.example.com/done' },
    });
    expect(result.errors).toBeUndefined();
    const [request] = recorded.submits;
    expect(request).toMatchObject({
      idempotencyKey: 'k1',
      deadlineSeconds: 600,
      subscriber: { successUri: 'https://hooks.example.com/done' },
      credential: { kind: 'gateway' },
    });
    expect(request?.steps).toEqual([
      {
        id: 'buffer',
        serviceUrl: BUFFER_URL,
        serviceLabel: 'GPFolder/BufferService',
        task: 'Buffer',
        execution: 'synchronous',
        params: {
          Input_Features: POINTS,
          Distance: { distance: 5, units: 'esriMeters' },
          context: JSON.stringify({ outSR: { wkid: 3857 } }),
        },
        bindings: [],
      },
      {
        id: 'zonal',
        serviceUrl: ZONAL_URL,
        serviceLabel: 'Analysis/ZonalStatistics',
        task: 'ZonalStatistics',
        execution: 'asynchronous',
        params: { In_Value_Raster: zoneRaster },
        bindings: [{ input: 'In_Zone_Features', fromStep: 'buffer', output: 'Output_Polygons', kind: 'FEATURES', mode: 'VALUE' }],
      },
    ]);
    expect(result.data?.submitWorkflow).toEqual({
      __typename: 'Workflow',
      id: WORKFLOW_ID,
      jobId: 'w1',
      service: 'workflows',
      task: 'workflow',
      status: 'NEW',
      steps: [
        { id: 'buffer', service: 'GPFolder/BufferService', task: 'Buffer', execution: 'SYNCHRONOUS', status: 'PENDING', handOvers: [] },
        {
          id: 'zonal',
          service: 'Analysis/ZonalStatistics',
          task: 'ZonalStatistics',
          execution: 'ASYNCHRONOUS',
          status: 'PENDING',
          handOvers: [{ input: 'In_Zone_Features', fromStep: 'buffer', output: 'Output_Polygons', mode: 'VALUE' }],
        },
      ],
    });
  });

  it("should stage a step's files at submit and delete them when the submit fails", async () => {
    const { deps } = recordingDeps(new Map());
    const staged: string[] = [];
    const removed: string[] = [];
    const schema = buildGatewaySchema(catalog, {
      ...deps,
      uploads: {
        upload: (serviceUrl) => {
          staged.push(serviceUrl);
          return Promise.resolve({ itemId: `i${staged.length}`, itemName: 'p.csv', description: null, date: null, committed: true });
        },
        remove: (_serviceUrl, itemId) => {
          removed.push(itemId);
          return Promise.resolve();
        },
      },
      workflows: { submit: () => Promise.reject(new GatewayError('SHUTTING_DOWN', 'bye')) },
    });
    const result = await run(schema, SUBMIT, {
      steps: [{ id: 't', run: { tableToPoints: { inputTable: { upload: new File(['x,y\n1,2\n'], 'p.csv') } } } }],
    });
    expect(errorOf(result).code).toBe('SHUTTING_DOWN');
    expect(staged).toEqual([`${SERVICES}/Conversion/TableToPoints/GPServer`]);
    expect(removed).toEqual(['i1']);
  });

  it('should refuse a step naming two tasks in validation, by @oneOf', async () => {
    const { deps, recorded } = recordingDeps(new Map());
    const schema = buildGatewaySchema(catalog, deps);
    const result = await run(schema, SUBMIT, {
      steps: [{ id: 'a', run: { buffer: { inputFeatures: { esriJson: POINTS } }, viewshed: {} } }],
    });
    expect(result.errors?.map((e) => e.message)).toEqual([
      expect.stringContaining('Exactly one key must be specified for OneOf type "WorkflowTaskInput"'),
    ]);
    expect(recorded.submits).toEqual([]);
  });

  it('should refuse a step naming two tasks inline, by @oneOf', async () => {
    const { deps } = recordingDeps(new Map());
    const schema = buildGatewaySchema(catalog, deps);
    const result = await run(schema, 'mutation { submitWorkflow(steps: [{ id: "a", run: { buffer: {}, viewshed: {} } }]) { id } }');
    expect(result.errors?.map((e) => e.message)).toEqual([expect.stringContaining('must specify exactly one key')]);
  });

  it('should refuse a bad plan with INVALID_INPUT naming the field, before submitting', async () => {
    const { deps, recorded } = recordingDeps(new Map());
    const schema = buildGatewaySchema(catalog, deps);
    const bad = [
      steps[1],
      { id: 'zonal', run: { zonalStatistics: { inZoneFeaturesFrom: { step: 'buffer', output: 'nope' }, inValueRaster: zoneRaster } } },
    ];
    expect(errorOf(await run(schema, SUBMIT, { steps: bad }))).toEqual({
      message: expect.stringContaining("has no output 'nope'"),
      code: 'INVALID_INPUT',
      parameter: 'steps[1].zonalStatistics.inZoneFeaturesFrom',
    });
    expect(recorded.submits).toEqual([]);
  });
});

const READ = /* GraphQL */ `
  query Read($id: ID!) {
    workflow(id: $id) {
      id
      currentSteps
      failedStep {
        id
      }
      steps {
        id
        status
        startedAt
        endedAt
        job {
          __typename
          id
          status
        }
        results {
          __typename
          ... on BufferOutputs {
            outputPolygons {
              featureCount
            }
          }
          ... on ZonalStatisticsOutputs {
            outTable {
              featureCount
            }
          }
        }
      }
    }
  }
`;

describe('reading workflows', () => {
  const states = new Map([
    [key(workflowRef('w1')), workflowState('w1', CHAIN, 'SUCCEEDED')],
    [key(ZONAL_JOB.ref), ZONAL_JOB],
  ]);

  it("should read a workflow's steps, their jobs and results (a job's output fetched when selected)", async () => {
    const { deps, recorded } = recordingDeps(states);
    const schema = buildGatewaySchema(catalog, deps);
    const fetched: ResultKey[] = [];
    const results = createResultLoader(
      (resultKey) => {
        fetched.push(resultKey);
        return Promise.resolve({ ...POINTS, features: [{ attributes: { ZONE: 1 } }, { attributes: { ZONE: 2 } }] });
      },
      new LruCache<unknown>(1_000_000, () => 1),
    );
    const result = await run(schema, READ, { id: WORKFLOW_ID }, { results });
    expect(result.errors).toBeUndefined();
    expect(result.data?.workflow).toEqual({
      id: WORKFLOW_ID,
      currentSteps: [],
      failedStep: null,
      steps: [
        {
          id: 'buffer',
          status: 'SUCCEEDED',
          startedAt: new Date(NOW).toISOString(),
          endedAt: new Date(NOW + 1000).toISOString(),
          job: null,
          results: { __typename: 'BufferOutputs', outputPolygons: { featureCount: 1 } },
        },
        {
          id: 'zonal',
          status: 'SUCCEEDED',
          startedAt: null,
          endedAt: null,
          job: {
            __typename: 'ZonalStatisticsJob',
            id: encodeJobId({ service: 'Analysis/ZonalStatistics', task: 'ZonalStatistics', jobId: 'j1' }),
            status: 'SUCCEEDED',
          },
          results: { __typename: 'ZonalStatisticsOutputs', outTable: { featureCount: 2 } },
        },
        { id: 'again', status: 'SKIPPED', startedAt: null, endedAt: null, job: null, results: null },
      ],
    });
    expect(fetched).toEqual([expect.objectContaining({ ref: ZONAL_JOB.ref, param: 'Out_Table', paramUrl: 'results/Out_Table' })]);
    expect(recorded.calls).toEqual([
      { op: 'current', ref: workflowRef('w1') },
      { op: 'current', ref: ZONAL_JOB.ref },
    ]);
  });

  it('should name the running steps and the failed one', async () => {
    const running = workflowState('w2', {
      steps: [step('a', { status: 'SUCCEEDED' }), step('b', { status: 'EXECUTING' }), step('c', { status: 'PENDING' })],
    });
    const failed = workflowState(
      'w3',
      {
        steps: [step('a', { status: 'FAILED', error: { code: 'TASK_FAILED', message: 'no' } }), step('b', { status: 'SKIPPED' })],
        failedStep: 'a',
      },
      'FAILED',
    );
    const { deps } = recordingDeps(
      new Map([
        [key(running.ref), running],
        [key(failed.ref), failed],
      ]),
    );
    const schema = buildGatewaySchema(catalog, deps);
    const query = 'query($id: ID!) { workflow(id: $id) { currentSteps failedStep { id error { code message } } } }';
    const read = async (jobId: string) =>
      (await run(schema, query, { id: encodeJobId({ service: 'workflows', task: 'workflow', jobId }) })).data?.workflow;
    expect(await read('w2')).toEqual({ currentSteps: ['b'], failedStep: null });
    expect(await read('w3')).toEqual({ currentSteps: [], failedStep: { id: 'a', error: { code: 'TASK_FAILED', message: 'no' } } });
  });

  it('should resolve workflows through job, node and jobs as the Workflow type', async () => {
    const { deps } = recordingDeps(states);
    const schema = buildGatewaySchema(catalog, deps);
    const result = await run(
      schema,
      `query($id: ID!) {
        job(id: $id) { __typename id service task ... on Workflow { steps { id } } }
        node(id: $id) { __typename id }
        jobs { edges { node { __typename } } }
      }`,
      { id: WORKFLOW_ID },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      job: {
        __typename: 'Workflow',
        id: WORKFLOW_ID,
        service: 'workflows',
        task: 'workflow',
        steps: [{ id: 'buffer' }, { id: 'zonal' }, { id: 'again' }],
      },
      node: { __typename: 'Workflow', id: WORKFLOW_ID },
      jobs: { edges: [{ node: { __typename: 'Workflow' } }, { node: { __typename: 'ZonalStatisticsJob' } }] },
    });
  });

  it("should answer JOB_NOT_FOUND for an unknown workflow and for another job's id", async () => {
    const { deps } = recordingDeps(states);
    const schema = buildGatewaySchema(catalog, deps);
    const unknown = encodeJobId({ service: 'workflows', task: 'workflow', jobId: 'w9' });
    const zonalJob = encodeJobId({ service: 'Analysis/ZonalStatistics', task: 'ZonalStatistics', jobId: 'j1' });
    expect(errorOf(await run(schema, READ, { id: unknown })).code).toBe('JOB_NOT_FOUND');
    expect(errorOf(await run(schema, READ, { id: zonalJob })).code).toBe('JOB_NOT_FOUND');
    expect(errorOf(await run(schema, 'mutation($id: ID!) { cancelWorkflow(id: $id) { id } }', { id: zonalJob })).code).toBe(
      'JOB_NOT_FOUND',
    );
  });

  it('should cancel a workflow through the job operations, by cancelWorkflow and cancelJob', async () => {
    const { deps, recorded } = recordingDeps(states);
    const schema = buildGatewaySchema(catalog, deps);
    const cancelWorkflow = await run(schema, 'mutation($id: ID!) { cancelWorkflow(id: $id) { id status } }', { id: WORKFLOW_ID });
    const cancelJob = await run(schema, 'mutation($id: ID!) { cancelJob(id: $id) { __typename } }', { id: WORKFLOW_ID });
    expect(cancelWorkflow.data).toEqual({ cancelWorkflow: { id: WORKFLOW_ID, status: 'SUCCEEDED' } });
    expect(cancelJob.data).toEqual({ cancelJob: { __typename: 'Workflow' } });
    expect(recorded.calls.map((c) => c.op)).toEqual(['cancel', 'cancel']);
    expect(recorded.calls.map((c) => c.ref)).toEqual([workflowRef('w1'), workflowRef('w1')]);
  });

  it('should refuse submitJob for the workflow pseudo-task', async () => {
    const { deps } = recordingDeps(states);
    const schema = buildGatewaySchema(catalog, deps);
    const result = await run(schema, 'mutation { submitJob(service: "workflows", task: "workflow", parameters: {}) { id } }');
    expect(errorOf(result)).toMatchObject({ code: 'INVALID_INPUT', parameter: 'task' });
  });

  it('should stream a workflow by workflowUpdates: checked first, then each state', async () => {
    const { deps, recorded } = recordingDeps(states);
    const schema = buildGatewaySchema(catalog, deps);
    const stream = await subscribe({
      schema,
      document: parse('subscription($id: ID!) { workflowUpdates(id: $id) { __typename status newMessages { description } } }'),
      variableValues: { id: WORKFLOW_ID },
      contextValue: {},
    });
    if (!(Symbol.asyncIterator in stream)) throw new Error(`no stream: ${JSON.stringify(stream)}`);
    const events: unknown[] = [];
    for await (const event of stream) events.push(event.data);
    expect(events).toEqual([
      { workflowUpdates: { __typename: 'Workflow', status: 'SUCCEEDED', newMessages: [{ description: 'Workflow submitted.' }] } },
      { workflowUpdates: { __typename: 'Workflow', status: 'SUCCEEDED', newMessages: [] } },
    ]);
    expect(recorded.calls.map((c) => c.op)).toEqual(['check', 'updates']);
  });
});
