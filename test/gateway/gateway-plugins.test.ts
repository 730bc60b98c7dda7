/**
 * Plugins of one's own (`createGateway({ plugins })`, the config file's `plugins`) run on every door:
 * the plain-POST door, Yoga's POST and GET, SSE, multipart subscriptions and graphql-ws.
 */
import { getOperationAST, type DocumentNode } from 'graphql';
import { createGraphQLError, type Plugin } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { gatewayConfigSchema } from '../../gateway/config/config-schema.js';
import { loadPlugins } from '../../gateway/config/load-plugins.js';
import { graphql, startEmbeddedGateway } from '../support/gateway-fixture.js';
import { DOORS, send, STREAMING, type Door } from './persisted/doors.js';

async function submittedJob(graphqlUrl: string): Promise<string> {
  const submitted = await graphql<{ submitElevationStatisticsJob: { id: string } }>(
    graphqlUrl,
    'mutation { submitElevationStatisticsJob(input: { bandCount: 1, stepDelayMs: 0 }) { id } }',
  );
  return submitted.data?.submitElevationStatisticsJob.id ?? '';
}

/** Two aliases: within the gateway's own limit, over a limit of one. */
const twoAliases = (door: Door): string =>
  STREAMING.has(door)
    ? 'subscription ($id: ID!) { jobUpdates(id: $id) { a: status b: status } }'
    : '{ a: services { name } b: services { name } }';

describe('gateway plugins', () => {
  it('runs a plugin given to createGateway on every door', async () => {
    const seen: string[] = [];
    const counting: Plugin = {
      onExecute: ({ args }) => {
        seen.push(`execute ${String(args.operationName ?? getOperationAST(args.document as DocumentNode)?.name?.value)}`);
      },
      onSubscribe: ({ args }) => {
        seen.push(`subscribe ${String(args.operationName ?? getOperationAST(args.document as DocumentNode)?.name?.value)}`);
      },
    };
    const { graphqlUrl } = await startEmbeddedGateway({ plugins: [counting] });
    const id = await submittedJob(graphqlUrl);
    for (const door of DOORS) {
      seen.length = 0;
      const operation = STREAMING.has(door)
        ? 'subscription Probe($id: ID!) { jobUpdates(id: $id) { status } }'
        : 'query Probe { services { name } }';
      const result = await send(door, graphqlUrl, { query: operation, variables: STREAMING.has(door) ? { id } : undefined });
      expect(result.errors, door).toBeUndefined();
      expect(seen, door).toContain(`${STREAMING.has(door) ? 'subscribe' : 'execute'} Probe`);
    }
  });

  it("runs a plugin's Yoga request hooks on every HTTP request, a plain JSON POST without Origin included", async () => {
    const refusing: Plugin = {
      onParams: ({ params, setResult }) => {
        if (typeof params.query === 'string' && params.query.includes('services')) {
          setResult({ errors: [createGraphQLError('refused by the operator', { extensions: { code: 'FORBIDDEN' } })] });
        }
      },
    };
    const { graphqlUrl } = await startEmbeddedGateway({ plugins: [refusing] });
    const plain = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ services { name } }' }),
    });
    const body = (await plain.json()) as { data?: unknown; errors?: { message: string }[] };
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toBe('refused by the operator');
  });

  it("loads a published plugin from the config file's plugins and applies it on every door", async () => {
    const config = gatewayConfigSchema.parse({
      plugins: [{ module: '@escape.tech/graphql-armor-max-aliases', export: 'maxAliasesPlugin', options: { n: 1 } }],
    });
    const plugins = await loadPlugins(config.plugins);
    const { graphqlUrl } = await startEmbeddedGateway({ plugins });
    const id = await submittedJob(graphqlUrl);
    for (const door of DOORS) {
      const result = await send(door, graphqlUrl, { query: twoAliases(door), variables: STREAMING.has(door) ? { id } : undefined });
      expect(result.errors?.[0]?.message, door).toMatch(/aliases limit of 1/i);
    }
  });

  it('stops the start on a plugin entry that is not a plugin', async () => {
    await expect(loadPlugins([{ module: 'graphql', export: 'version' }])).rejects.toThrow(/plugins\[0\] \(graphql#version\)/);
    await expect(loadPlugins([{ module: 'no-such-plugin-package', export: 'usePlugin' }])).rejects.toThrow(
      /^plugins\[0\] \(no-such-plugin-package#usePlugin\): /,
    );
  });
});
