import { Kind, parse, print, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { embeddedSources } from '../../gateway/cli/embedded-sources.js';
import { graphiqlTabs, type GraphiqlTab } from '../../gateway/graphql/graphiql-tabs.js';
import { graphql, startEmbeddedGateway, startGateway, subscribeWs, type RunningGateway } from '../support/gateway-fixture.js';
import { startGpServer } from '../support/gp-server-fixture.js';

const POLLING = { floorMs: 50, ceilingMs: 100, graceMs: 200 };

/** `<operation> <name>` of each operation of each tab. */
const operationsOf = (tabs: readonly GraphiqlTab[]) =>
  tabs.map((tab) =>
    parse(tab.query).definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? `${d.operation} ${d.name?.value ?? ''}` : '')),
  );

function expectValid(schema: GraphQLSchema, tabs: readonly GraphiqlTab[]): void {
  for (const tab of tabs) expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
}

interface WorkflowEvent {
  status: string;
  final: boolean;
  steps: { id: string; status: string; results?: { outTable?: { data: { features: unknown[] } } } | null }[];
}

/** One operation of a tab's document, as GraphiQL sends it once the user picked it. */
function operation(query: string, name: string): string {
  const document = parse(query);
  return print({
    ...document,
    definitions: document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION && d.name?.value === name),
  });
}

/**
 * Runs the workflow tab as a GraphiQL user would: the mutation, its id into the variables, the
 * subscription, until `limit` events.
 */
async function runWorkflowTab({ origin, graphqlUrl }: RunningGateway, tab: GraphiqlTab, limit?: number): Promise<WorkflowEvent[]> {
  const variables = JSON.parse(tab.variables ?? '{}') as Record<string, unknown>;
  const submitted = await graphql<{ submitWorkflow: { id: string } }>(graphqlUrl, operation(tab.query, 'SubmitWorkflow'), variables);
  expect(submitted.errors).toBeUndefined();
  const id = submitted.data?.submitWorkflow.id ?? '';
  const { events, error } = await subscribeWs<{ workflowUpdates: WorkflowEvent }>(
    origin,
    operation(tab.query, 'WorkflowUpdates'),
    { id },
    limit,
  );
  expect(error).toBeUndefined();
  return events.flatMap((e) => (e.data ? [e.data.workflowUpdates] : []));
}

describe('GraphiQL default tabs', () => {
  it('should hold valid operations: services, run<Task>, submit + jobUpdates, lazy results, submitWorkflow + workflowUpdates', async () => {
    const { gateway } = await startEmbeddedGateway();
    const schema = gateway.live.schema;
    const tabs = graphiqlTabs(schema);
    expectValid(schema, tabs);
    const operations = operationsOf(tabs);
    expect(operations[0]).toEqual(['query Services']);
    expect(operations.slice(1, -3).every(([op]) => op?.startsWith('mutation Run'))).toBe(true);
    expect(operations.at(-3)).toEqual([expect.stringMatching(/^mutation Submit\w+Job$/), 'subscription JobUpdates']);
    expect(operations.at(-2)).toEqual(['query JobResults']);
    expect(operations.at(-1)).toEqual(['mutation SubmitWorkflow', 'subscription WorkflowUpdates']);
    expect(tabs.at(-2)?.query).toContain('(format: GEOJSON)');
    expect(Object.keys(JSON.parse(tabs.at(-3)?.variables ?? '{}') as object)).toEqual(['input', 'id']);
    expect(tabs.length).toBeLessThanOrEqual(7);
  });

  it('should show the embedded chain in the workflow tab, and its variables run it to the zone table', async () => {
    const running = await startEmbeddedGateway({ polling: POLLING });
    const tab = graphiqlTabs(running.gateway.live.schema).at(-1);
    if (!tab) throw new Error('no tabs');
    for (const task of ['extractElevation:', 'buffer:', 'zonalStatistics:', 'inZoneFeaturesFrom:', 'inValueRasterFrom:']) {
      expect(tab.query).toContain(task);
    }
    expect(Object.keys(JSON.parse(tab.variables ?? '{}') as object)).toEqual(['extent', 'points', 'id']);

    const events = await runWorkflowTab(running, tab);
    const last = events.at(-1);
    expect(last).toMatchObject({ status: 'SUCCEEDED', final: true });
    expect(last?.steps.map((s) => s.id)).toEqual(['terrain', 'zones', 'stats']);
    expect(last?.steps.find((s) => s.id === 'stats')?.results?.outTable?.data.features).toHaveLength(3);
  }, 60_000);

  it('should show one step of the first task when the schema lacks the embedded chain, valid and accepted by submitWorkflow', async () => {
    const upstream = await startGpServer();
    const chain = /\/(Buffer|ExtractElevation|ZonalStatistics)\/GPServer$/;
    const sources = embeddedSources(upstream.servicesUrl).filter((source) => !chain.test(source.url));
    const running = await startGateway({ sources, polling: POLLING });
    const schema = running.gateway.live.schema;
    const tabs = graphiqlTabs(schema);
    expectValid(schema, tabs);
    const tab = tabs.at(-1);
    if (!tab) throw new Error('no tabs');
    expect(operationsOf([tab])[0]).toEqual(['mutation SubmitWorkflow', 'subscription WorkflowUpdates']);
    expect(tab.query).not.toMatch(/extractElevation|zonalStatistics|buffer/);
    expect(tab.query.split('\n').filter((line) => line.startsWith('#'))).toHaveLength(2);
    expect(Object.keys(JSON.parse(tab.variables ?? '{}') as object)).toEqual(['input', 'id']);

    // Example values are placeholders (a CSV at example.com, a 20-band job…): the run itself may fail
    // or take its time, but the submit takes them (every required input given) and the subscription runs.
    const [first] = await runWorkflowTab(running, tab, 1);
    expect(first?.steps.map((s) => s.id)).toEqual(['first']);
  }, 60_000);
});
