/** examples/fetch-sse.ts against the embedded GPServer: no client library, the job followed to its end. */
import { describe, expect, it } from 'vitest';
import { runFetchSseExample } from '../../examples/fetch-sse.js';
import { startEmbeddedGateway } from '../support/gateway-fixture.js';

describe('examples/fetch-sse.ts', () => {
  it('follows a job to SUCCEEDED with fetch and Server-Sent Events', async () => {
    const { graphqlUrl } = await startEmbeddedGateway({ polling: { floorMs: 50, ceilingMs: 100 } });
    const lines: string[] = [];
    const statuses = await runFetchSseExample(graphqlUrl, (line) => lines.push(line));
    expect(statuses.at(-1)).toBe('SUCCEEDED');
    expect(lines[0]).toMatch(/^submitted \S+: SUBMITTED$/);
  });
});
