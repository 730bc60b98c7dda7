/**
 * examples/apollo-client.ts against the embedded GPServer: a `GPJob` fragment loses no field, the
 * subscription follows the job to its end, and Apollo prints no warning (cache, possibleTypes, merges).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

// Apollo Client warns (cache misses, lossy merges) only in its development mode, which a frontend's dev
// server runs: turned on before Apollo loads, with its message texts.
(globalThis as { __DEV__?: boolean }).__DEV__ = true;
const { loadDevMessages, loadErrorMessages } = await import('@apollo/client/dev');
loadDevMessages();
loadErrorMessages();
const { runApolloExample } = await import('../../examples/apollo-client.js');

describe('examples/apollo-client.ts', () => {
  const warnings: string[] = [];
  beforeEach(() => {
    warnings.length = 0;
    for (const level of ['warn', 'error'] as const) {
      vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
        warnings.push(args.map(String).join(' '));
      });
    }
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('submits, follows and reads a viewshed job with every field of its fragment, and no warning', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 200 } });
    const lines: string[] = [];
    const run = await runApolloExample(graphqlUrl, (line) => lines.push(line));
    expect(run.submitted).toMatchObject({
      id: expect.any(String) as string,
      jobId: expect.any(String) as string,
      service: 'WorldViewshed',
      task: 'viewshed',
      upstreamStatus: expect.stringMatching(/^esriJob/) as string,
      final: false,
      newMessages: expect.any(Array) as unknown[],
    });
    expect(run.statuses.at(-1)).toBe('SUCCEEDED');
    expect(run.messages).toContain('Submitted.');
    expect(run.featureCount).toBeGreaterThan(0);
    expect(run.listed[0]).toBe(run.submitted.id);
    expect(lines[0]).toMatch(/^submitted viewshed job \S+ on WorldViewshed/);
    expect(warnings).toEqual([]);
  });
});
