import { describe, expect, it } from 'vitest';
import { createLogger } from '../../gateway/log/pino-logger.js';
import { graphql, startGateway } from '../support/gateway-fixture.js';
import { ManualClock } from '../support/manual-clock.js';
import { gpParameter, startScriptedGpServer, type ScriptedTask } from '../support/scripted-gpserver.js';

const SERVICE = 'Refresh/Catalog';
const FIRST: ScriptedTask[] = [
  {
    name: 'Alpha',
    parameters: [gpParameter('Text', 'GPString', 'Input'), gpParameter('Out', 'GPString', 'Output')],
    values: { Out: 'done' },
  },
];

const startUpstream = () =>
  startScriptedGpServer({ services: [{ name: SERVICE, executionType: 'esriExecutionTypeSynchronous', tasks: FIRST }] });

async function until(check: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('re-introspection (--refresh)', () => {
  it('should swap in a new schema, log the diff and finish requests begun on the old one', async () => {
    const upstream = await startUpstream();
    const lines: string[] = [];
    const log = createLogger('info', (line) => lines.push(line));
    const clock = new ManualClock();
    const { graphqlUrl, gateway } = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(SERVICE) }],
      refreshSeconds: 60,
      log,
      clock,
    });
    const before = gateway.live.schema;
    expect(before.getMutationType()?.getFields().runAlpha).toBeDefined();

    upstream.setExecuteDelay(600);
    const inFlight = graphql<{ runAlpha: { results: { out: string } } }>(
      graphqlUrl,
      'mutation { runAlpha(input: { text: "x" }) { results { out } } }',
    );
    upstream.setTasks(SERVICE, [
      {
        name: 'Alpha',
        parameters: [gpParameter('Text', 'GPString', 'Input', true), gpParameter('Out', 'GPString', 'Output')],
        values: { Out: 'done' },
      },
      { name: 'Beta', parameters: [gpParameter('Out', 'GPString', 'Output')] },
    ]);
    await until(() => upstream.inFlight('execute') === 1, 'the request to reach the upstream');
    await clock.advance(59_999);
    expect(gateway.live.schema).toBe(before);
    await clock.advance(1);
    await until(() => gateway.live.schema !== before, 'the schema swap');
    expect(upstream.inFlight('execute')).toBe(1);

    expect((await inFlight).data?.runAlpha.results.out).toBe('done');
    const after = await graphql<{ services: { tasks: { runField: string }[] }[] }>(graphqlUrl, '{ services { tasks { runField } } }');
    expect(after.data?.services[0]?.tasks.map((t) => t.runField)).toEqual(['runAlpha', 'runBeta']);
    const update = lines
      .map((l) => JSON.parse(l) as { msg: string; breaking?: boolean; changes?: string[] })
      .find((l) => l.msg === 'schema updated' && l.changes?.some((c) => c.includes('Beta')));
    expect(update?.breaking).toBe(true);
    expect(update?.changes?.join('\n')).toMatch(/Text/);
  });

  it('should keep the schema when nothing changed', async () => {
    const upstream = await startUpstream();
    const clock = new ManualClock();
    const { gateway } = await startGateway({
      sources: [{ kind: 'service', url: upstream.serviceUrl(SERVICE) }],
      refreshSeconds: 60,
      clock,
    });
    const before = gateway.live.schema;
    for (let refresh = 1; refresh <= 3; refresh++) {
      const loads = upstream.counts('service');
      await clock.advance(60_000);
      // Reloaded, and the next refresh scheduled: this one is over.
      await until(() => upstream.counts('service') > loads && clock.pendingSleeps === 1, `refresh ${refresh}`);
    }
    expect(gateway.live.schema).toBe(before);
  });
});
