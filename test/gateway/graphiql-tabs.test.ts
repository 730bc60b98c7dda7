import { Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { graphiqlTabs } from '../../gateway/graphql/graphiql-tabs.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('GraphiQL default tabs', () => {
  it('should hold valid operations: services, run<Task>, submit + jobUpdates, lazy results', async () => {
    const { gateway } = await startEmbeddedGateway();
    const schema = gateway.live.schema;
    const tabs = graphiqlTabs(schema);
    for (const tab of tabs) expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
    const operations = tabs.map((tab) =>
      parse(tab.query).definitions.map((d) => (d.kind === Kind.OPERATION_DEFINITION ? `${d.operation} ${d.name?.value ?? ''}` : '')),
    );
    expect(operations[0]).toEqual(['query Services']);
    expect(operations.slice(1, -2).every(([op]) => op?.startsWith('mutation Run'))).toBe(true);
    expect(operations.at(-2)).toEqual([expect.stringMatching(/^mutation Submit\w+Job$/), 'subscription JobUpdates']);
    expect(operations.at(-1)).toEqual(['query JobResults']);
    expect(tabs.at(-1)?.query).toContain('(format: GEOJSON)');
    expect(Object.keys(JSON.parse(tabs.at(-2)?.variables ?? '{}') as object)).toEqual(['input', 'id']);
  });
});
