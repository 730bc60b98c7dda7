/** examples/urql.ts against the embedded GPServer, on both subscription transports it shows. */
import { describe, expect, it } from 'vitest';
import { runUrqlExample } from '../../examples/urql.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('examples/urql.ts', () => {
  it.each(['ws', 'sse'] as const)('follows a job to SUCCEEDED over %s', async (transport) => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 100 } });
    const lines: string[] = [];
    const statuses = await runUrqlExample(graphqlUrl, transport, (line) => lines.push(line));
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(statuses.length).toBeGreaterThan(1);
    expect(lines[0]).toMatch(new RegExp(`^submitted \\S+: SUBMITTED \\(updates over ${transport}\\)$`));
  });
});
